using ChannelBridge.Domain.Common;

namespace ChannelBridge.Application.Common.Ports;

/// <summary>
/// The one place that decides whether a failure will pass if the caller tries again (a busy or locked
/// database, a deadlock victim, a lock or command timeout, a concurrency conflict, storage that is full). Application
/// asks it and never names a driver's exception type; Infrastructure supplies the database rules.
/// </summary>
public interface ITransientFailures
{
    bool IsTransient(Exception exception);

    /// <summary>
    /// The database refused a write for lack of space: a full disk, the operator's size cap, a full transaction log or
    /// a cloud database's quota. Transient for the caller (nothing was written, and the same call succeeds once space
    /// is freed), and the operator's to fix: it is answered and reported as its own.
    /// </summary>
    bool IsStorageFull(Exception exception);
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

    public virtual bool IsStorageFull(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => IsStorageFull(a.InnerExceptions[0]),
        _ => exception.InnerException is { } inner && IsStorageFull(inner),
    };
}
