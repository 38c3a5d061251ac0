using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Domain.Common;

namespace ChannelBridge.Application.Common;

/// <summary>
/// Optimistic concurrency, the one way: an attempt reads what it changes, decides and saves; when another writer saved
/// first (<see cref="ConcurrencyConflictException"/>) it runs again on fresh state, up to <c>maxAttempts</c> times. When
/// the attempts run out, each caller answers in its own terms (<c>whenExhausted</c>: a Conflict result, Busy), or with
/// none the last conflict itself goes on to the caller, which the Linnworks pipeline answers "retry".
/// <para>A batch of a store's orders or listings meets a conflict when another batch saved some of the same ones between
/// its read and its save; under a steady stream of such batches (a platform's workers pushing the same SKUs, Linnworks'
/// InventoryUpdates beside them) it can meet one at every attempt. So after the first, those attempts run with the
/// store's writes held (<see cref="HeldAfterFirst{T}"/>), where no conflict can happen: one optimistic attempt, then
/// attempts that wait for the store's other writers instead of racing them (ADR-037).</para>
/// </summary>
internal static class ConflictRetry
{
    public const int DefaultAttempts = 3;

    /// <param name="attempt">One read-decide-save, given its number from 1 (a later one reads again).</param>
    /// <param name="whenExhausted">The answer after <paramref name="maxAttempts"/> conflicts; null lets the last conflict propagate.</param>
    public static async Task<T> RunAsync<T>(Func<int, Task<T>> attempt, Func<T>? whenExhausted, int maxAttempts = DefaultAttempts)
    {
        for (var tried = 1; ; tried++)
        {
            try
            {
                return await attempt(tried);
            }
            catch (ConcurrencyConflictException) when (tried < maxAttempts)
            {
                // Another writer changed what this attempt read: read again and decide again.
            }
            catch (ConcurrencyConflictException) when (whenExhausted is not null)
            {
                return whenExhausted();
            }
        }
    }

    /// <summary>The same, for a use case answering a <see cref="Result{T}"/>: exhausted is a Conflict with <paramref name="conflictMessage"/>.</summary>
    public static Task<Result<T>> RunAsync<T>(Func<Task<T>> attempt, string conflictMessage, int maxAttempts = DefaultAttempts) =>
        RunAsync<Result<T>>(async _ => await attempt(), () => Result<T>.Failure(Error.Conflict(conflictMessage)), maxAttempts);

    /// <summary>
    /// <see cref="RunAsync{T}(Func{Task{T}}, string, int)"/> for a use case that reads and saves one store's orders or
    /// listings: its attempts after the first hold the store's writes (<see cref="HeldAfterFirst{T}"/>).
    /// </summary>
    public static Task<Result<T>> RunAsync<T>(Func<Task<T>> attempt, IStoreWriteLock storeLock, string storeId, string conflictMessage, CancellationToken cancellationToken)
    {
        var attempts = storeLock.HeldAfterFirst(storeId, attempt, cancellationToken);
        return RunAsync<Result<T>>(async tried => await attempts(tried), () => Result<T>.Failure(Error.Conflict(conflictMessage)));
    }

    /// <summary>
    /// <paramref name="attempt"/> as it is the first time, and with <paramref name="storeId"/>'s writes held
    /// (<see cref="IStoreWriteLock"/>) every later time.
    /// </summary>
    public static Func<int, Task<T>> HeldAfterFirst<T>(this IStoreWriteLock storeLock, string storeId, Func<Task<T>> attempt, CancellationToken cancellationToken) =>
        tried => tried == 1 ? attempt() : storeLock.HeldAsync(storeId, attempt, cancellationToken);

    /// <summary>
    /// <paramref name="work"/> with <paramref name="storeId"/>'s writes held, after it met another writer: counted in
    /// <c>channelbridge.store_writes.held</c>, how much a store's writers contend.
    /// </summary>
    public static Task<T> HeldAsync<T>(this IStoreWriteLock storeLock, string storeId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        ChannelBridgeTelemetry.StoreWritesHeld.Add(1);
        return storeLock.RunAsync(storeId, work, cancellationToken);
    }
}
