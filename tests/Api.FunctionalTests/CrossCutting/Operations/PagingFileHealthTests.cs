using System.Net;
using Microsoft.Data.Sqlite;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>
/// /health covers SQLite's paging file (ADR-021) as it covers the database: downloads start only where that file can be
/// read and written, and an operator on call sees which file is at fault.
/// </summary>
public class PagingFileHealthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private string PagingFile => Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "channelbridge.paging.db");

    [Fact]
    public async Task ThePagingFileLockedByAnotherWriter_IsDegraded_AndHealthyOnceReleased()
    {
        var client = factory.Client();
        (await client.GetStringAsync("/health")).Should().Be("Healthy");
        File.Exists(PagingFile).Should().BeTrue("the service makes it beside the database at start-up");

        using (var holder = new SqliteConnection($"Data Source={PagingFile}"))
        {
            holder.Open();
            using var tx = holder.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the paging file's write lock
            (await client.GetStringAsync("/health")).Should().Be("Degraded");
            tx.Rollback();
        }

        (await client.GetStringAsync("/health")).Should().Be("Healthy");
    }
}

/// <summary>A paging file whose tables are gone (replaced while the service ran) makes the service unhealthy.</summary>
public class PagingFileGoneTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ThePagingTablesGone_IsUnhealthy()
    {
        var client = factory.Client();
        (await client.GetStringAsync("/health")).Should().Be("Healthy");

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "channelbridge.paging.db")};Pooling=False"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE PageBoundaries; DROP TABLE PagingSessions;";
            drop.ExecuteNonQuery();
        }

        var answer = await client.GetAsync("/health");
        answer.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await answer.Content.ReadAsStringAsync()).Should().Be("Unhealthy");
    }
}
