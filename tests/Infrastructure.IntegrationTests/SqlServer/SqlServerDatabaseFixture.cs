using System.Net.Sockets;
using ChannelBridge.Infrastructure.Persistence;
using Testcontainers.MsSql;

namespace ChannelBridge.Infrastructure.IntegrationTests.SqlServer;

/// <summary>
/// SQL Server for the repository contract: the connection string in CHANNELBRIDGE_SQLSERVER if set,
/// else a Testcontainers.MsSql container (pinned image) if a Docker engine answers. Otherwise the
/// tests skip and say why.
/// </summary>
public sealed class SqlServerDatabaseFixture : DatabaseFixture
{
    public const string ConnectionStringVariable = "CHANNELBRIDGE_SQLSERVER";
    private const string Image = "mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04";

    private MsSqlContainer? _container;

    public override async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

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

        try
        {
            _container = new MsSqlBuilder(Image).Build();
            await _container.StartAsync();
        }
        catch (Exception ex)
        {
            SkipReason = $"A Docker engine answers but the SQL Server container ({Image}) did not start: {ex.Message}";
            return null;
        }

        var database = $"ChannelBridge_{Guid.NewGuid():N}";
        var connectionString = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(_container.GetConnectionString()) { InitialCatalog = database }.ToString();
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
