using ChannelBridge.Domain.Common;

namespace ChannelBridge.Application.Common.Ports;

/// <summary>
/// The one place that decides whether a failure will pass if the caller tries again (a busy or locked
/// database, a deadlock victim, a lock or command timeout, a concurrency conflict, storage that refuses writes). Application
/// asks it and never names a driver's exception type; Infrastructure supplies the database rules.
/// </summary>
public interface ITransientFailures
{
    bool IsTransient(Exception exception);

    /// <summary>
    /// Whether the database refused a write because of where it lives (ADR-034): storage that is full, read-only or
    /// failing. Transient for the caller (nothing was written, and the same call succeeds once the operator has mended
    /// the storage), and the operator's to fix: it is answered and reported as its own.
    /// </summary>
    StorageFault StorageFaultOf(Exception exception);
}

/// <summary>Why the storage refused a write, as the caller and the operator are told.</summary>
public enum StorageFault
{
    /// <summary>Not a storage fault.</summary>
    None,

    /// <summary>A full disk, the operator's size cap, a full transaction log or a cloud database's quota.</summary>
    Full,

    /// <summary>A volume remounted read-only after disk errors, a read-only database or a replica that is not the primary.</summary>
    ReadOnly,

    /// <summary>The storage reports input/output errors, or the database file cannot be opened.</summary>
    Failing,
}

public static class StorageFaultText
{
    /// <summary>What the storage is, as an answer says it: "full", "read-only" or "failing".</summary>
    public static string Adjective(this StorageFault fault) => fault switch
    {
        StorageFault.Full => "full",
        StorageFault.ReadOnly => "read-only",
        _ => "failing",
    };
}

/// <summary>The rules that need no driver knowledge; Infrastructure's policy extends them.</summary>
public class TransientFailures : ITransientFailures
{
    public virtual bool IsTransient(Exception exception) => exception switch
    {
        ConcurrencyConflictException or TimeoutException => true,
        AggregateException { InnerExceptions.Count: 1 } a => IsTransient(a.InnerExceptions[0]),
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    public virtual StorageFault StorageFaultOf(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => StorageFaultOf(a.InnerExceptions[0]),
        _ => exception.InnerException is { } inner ? StorageFaultOf(inner) : StorageFault.None,
    };
}
