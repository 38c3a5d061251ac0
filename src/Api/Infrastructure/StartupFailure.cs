using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Turns what stops the service from starting into one line an operator can act on — the setting to fix and
/// how — instead of a stack trace (the process then exits with code 1).
/// </summary>
public static class StartupFailure
{
    public static string Describe(Exception exception)
    {
        if (exception is AggregateException aggregate)
        {
            return string.Join(" ", aggregate.Flatten().InnerExceptions.Select(Describe).Distinct());
        }

        var root = exception;
        return root switch
        {
            OptionsValidationException options => string.Join(" ", options.Failures),
            InvalidOperationException when root.Message.Contains("'Database:Provider'", StringComparison.Ordinal) =>
                $"Database:Provider is not one of {string.Join(", ", Enum.GetNames<ChannelBridge.Infrastructure.Persistence.DatabaseProvider>())}. Set it to one of those (default Sqlite).",
            InvalidOperationException when root.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
                root.Message + " Fix that setting.",
            _ when Find<SqlException>(root) is { } sql =>
                $"SQL Server given by ConnectionStrings:ChannelBridge does not answer or refuses the login ({FirstLine(sql.Message)}). Check the server name, credentials, " +
                "and Encrypt/TrustServerCertificate for a self-signed certificate.",
            _ when Find<SqliteException>(root) is { } sqlite =>
                $"The SQLite database given by ConnectionStrings:ChannelBridge cannot be opened or migrated ({FirstLine(sqlite.Message)}). Check the path and that the directory is writable.",
            IOException when root.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
                $"{FirstLine(root.Message)}. Choose another address with --urls or ASPNETCORE_URLS (Production default http://+:8080).",
            _ => $"{root.GetType().Name}: {FirstLine(root.Message)}",
        };
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim().TrimEnd('.');
}
