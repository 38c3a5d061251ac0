using System.Net.Sockets;
using ChannelBridge.Infrastructure.Persistence;
using Testcontainers.MsSql;

namespace ChannelBridge.Infrastructure.IntegrationTests.SqlServer;

/// <summary>
/// SQL Server for the repository contract: the connection string in CHANNELBRIDGE_SQLSERVER if set,
/// else one Testcontainers.MsSql container (pinned image) for the whole test run if a Docker engine answers
/// (<see cref="SharedSqlServerContainer"/>); each suite gets a database of its own in it. Otherwise the
/// tests skip and say why.
/// </summary>
public sealed class SqlServerDatabaseFixture : DatabaseFixture
{
    public const string ConnectionStringVariable = "CHANNELBRIDGE_SQLSERVER";

    protected override async Task<DatabaseOptions?> CreateOptionsAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = fromEnvironment };
        }

        if (!DockerAnswers())
        {
            SkipReason = $"No SQL Server: no Docker engine answers (DOCKER_HOST or /var/run/docker.sock) and {ConnectionStringVariable} is not set.";
            return null;
        }

        var (server, failure) = await SharedSqlServerContainer.GetAsync();
        if (server is null)
        {
            SkipReason = $"A Docker engine answers but the SQL Server container ({SharedSqlServerContainer.Image}) did not start: {failure}";
            return null;
        }

        var database = $"ChannelBridge_{Guid.NewGuid():N}";
        var connectionString = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(server) { InitialCatalog = database }.ToString();
        return new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = connectionString };
    }

    private static bool DockerAnswers()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrEmpty(host) && !host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return true;
        }

        var socket = string.IsNullOrEmpty(host) ? "/var/run/docker.sock" : host["unix://".Length..];
        if (!File.Exists(socket))
        {
            return false;
        }

        try
        {
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.Connect(new UnixDomainSocketEndPoint(socket));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>
/// One SQL Server container for the test run, started on first use and shared by every suite (it takes most of a
/// minute to start; four suites used to start four). Removed when the process exits (and by Testcontainers' reaper
/// if the process dies).
/// </summary>
internal static class SharedSqlServerContainer
{
    public const string Image = "mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04";

    private static readonly Lazy<Task<(string? ConnectionString, string? Failure)>> Started = new(StartAsync);

    /// <summary>The server's connection string, or why there is none.</summary>
    public static Task<(string? ConnectionString, string? Failure)> GetAsync() => Started.Value;

    private static async Task<(string?, string?)> StartAsync()
    {
        var container = new MsSqlBuilder(Image).Build();
        try
        {
            await container.StartAsync();
        }
        catch (Exception ex)
        {
            await container.DisposeAsync();
            return (null, ex.Message);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return (container.GetConnectionString(), null);
    }
}
