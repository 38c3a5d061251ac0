using System.Reflection;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Infrastructure.Persistence.Resilience;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using ChannelBridge.Tests;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Infrastructure.IntegrationTests;

/// <summary>
/// Which database failures pass if the caller tries again, and which of those are storage that refuses writes (ADR-034), as
/// each driver reports them. SQL Server cannot run here, so its errors are made as SqlClient makes them.
/// </summary>
public class TransientFailureTests
{
    [Theory]
    [InlineData(5, true, StorageFault.None)]        // SQLITE_BUSY
    [InlineData(6, true, StorageFault.None)]        // SQLITE_LOCKED
    [InlineData(13, true, StorageFault.Full)]       // SQLITE_FULL: a full disk, or Database:SqliteMaxSizeMegabytes
    [InlineData(8, true, StorageFault.ReadOnly)]    // SQLITE_READONLY: a volume remounted read-only
    [InlineData(1032, true, StorageFault.ReadOnly)] // SQLITE_READONLY_DBMOVED: an extended code
    [InlineData(10, true, StorageFault.Failing)]    // SQLITE_IOERR
    [InlineData(1034, true, StorageFault.Failing)]  // SQLITE_IOERR_FSYNC
    [InlineData(14, true, StorageFault.Failing)]    // SQLITE_CANTOPEN
    [InlineData(11, false, StorageFault.None)]      // SQLITE_CORRUPT: not mended by waiting
    [InlineData(19, false, StorageFault.None)]      // SQLITE_CONSTRAINT: the caller's own
    public void Sqlite(int code, bool transient, StorageFault fault)
    {
        var failures = new DatabaseTransientFailures(new StorageFaultMonitor(TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageFaultMonitor>.Instance));
        var exception = new SqliteException("as SQLite reports it", code);

        (failures.IsTransient(exception), failures.StorageFaultOf(exception)).Should().Be((transient, fault));
        (failures.IsTransient(new InvalidOperationException("wrapped", exception)), failures.StorageFaultOf(new AggregateException(exception)))
            .Should().Be((transient, fault), "a wrapped failure is the failure inside it");
    }

    [Theory]
    [InlineData(1205, true, StorageFault.None)]     // deadlock victim
    [InlineData(40613, true, StorageFault.None)]    // Azure SQL: database not currently available
    [InlineData(1101, true, StorageFault.Full)]     // no new page: the filegroup's disk is full
    [InlineData(1105, true, StorageFault.Full)]     // the filegroup is full
    [InlineData(9002, true, StorageFault.Full)]     // the transaction log is full
    [InlineData(40544, true, StorageFault.Full)]    // Azure SQL: the database is at its size quota
    [InlineData(3906, true, StorageFault.ReadOnly)] // the database is read-only
    [InlineData(983, true, StorageFault.ReadOnly)]  // an availability group's replica not (yet) the primary
    [InlineData(823, true, StorageFault.Failing)]   // the operating system's input/output error
    [InlineData(824, true, StorageFault.Failing)]   // a page read back wrong
    [InlineData(547, false, StorageFault.None)]     // a constraint: the caller's own
    public void SqlServer(int number, bool transient, StorageFault fault)
    {
        var failures = new DatabaseTransientFailures(new StorageFaultMonitor(TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageFaultMonitor>.Instance));
        var exception = SqlServerError(number);

        exception.Number.Should().Be(number);
        (failures.IsTransient(exception), failures.StorageFaultOf(exception)).Should().Be((transient, fault));
    }

    [Fact]
    public void StorageThatIsFull_IsRememberedForTheHealthCheck_AndLoggedOnceAMinute()
    {
        var clock = new MovableClock(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
        var logger = new RecordingLogger<StorageFaultMonitor>();
        var monitor = new StorageFaultMonitor(clock, logger);
        var failures = new DatabaseTransientFailures(monitor);
        monitor.LastSeen.Should().BeNull();

        for (var second = 0; second < 150; second++)
        {
            failures.StorageFaultOf(new SqliteException("database or disk is full", 13)).Should().Be(StorageFault.Full);
            clock.Now += TimeSpan.FromSeconds(1);
        }

        logger.At(LogLevel.Error).Should().HaveCount(3, "150 seconds of refused writes are three minutes begun");
        monitor.LastSeen.Should().Be((clock.Now - TimeSpan.FromSeconds(1), StorageFault.Full));
        failures.StorageFaultOf(new SqliteException("attempt to write a readonly database", 8));
        monitor.LastSeen!.Value.Fault.Should().Be(StorageFault.ReadOnly, "the health check says what the storage does now");
    }

    /// <summary>A SqlException carrying one error of <paramref name="number"/>, built through SqlClient's own factory.</summary>
    private static SqlException SqlServerError(int number)
    {
        var constructor = typeof(SqlError).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance).OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => p.Name switch
        {
            "infoNumber" => number,
            "errorState" or "errorClass" => (byte)16,
            _ when p.ParameterType == typeof(string) => "as SQL Server reports it",
            _ => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null,
        }).ToArray();
        var error = (SqlError)constructor.Invoke(arguments);
        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", BindingFlags.NonPublic | BindingFlags.Instance)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethod("CreateException", BindingFlags.NonPublic | BindingFlags.Static, [typeof(SqlErrorCollection), typeof(string)])!;
        return (SqlException)create.Invoke(null, [errors, "16.0"])!;
    }

    private sealed class MovableClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
