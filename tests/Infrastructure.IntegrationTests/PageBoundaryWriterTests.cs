using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Infrastructure.Persistence.Queries;
using ChannelBridge.Tests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>Page boundaries are written behind the requests; a batch that cannot be written is logged, never swallowed.</summary>
public sealed class PageBoundaryWriterTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"boundaries-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task ABatchThatCannotBeWritten_IsLoggedWithItsSize()
    {
        // A database without the schema: the write fails as a broken or replaced database would.
        var connections = new DbConnectionFactory(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_path}" }));
        var logger = new RecordingLogger<PageBoundaryWriter>();
        await using var writer = new PageBoundaryWriter(connections, new Application.Common.Ports.TransientFailures(), logger);

        writer.Enqueue(new PageBoundaryWriter.BoundaryRow { IntegrationId = "i1", RunKey = "orders:x", PageNumber = 2, LastSeq = 100, FromSeq = 1, HighWaterSeq = 500 });

        await Eventually.True(() => logger.Lines.Any(l => l.Exception is not null), "the background writer reports the failed batch");
        var line = logger.Lines.Where(l => l.Exception is not null).Should().ContainSingle().Subject;
        line.Level.Should().Be(LogLevel.Warning);
        line.Message.Should().Contain("1 page boundaries could not be written");
    }

    public void Dispose()
    {
        SqliteFiles.Delete(_path);
    }
}
