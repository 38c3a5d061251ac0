using ChannelBridge.Domain.Common;

namespace ChannelBridge.Application.Common;

/// <summary>
/// Optimistic concurrency, the one way: an attempt re-reads what it changes, so when another writer saved first
/// (<see cref="ConcurrencyConflictException"/>) it simply runs again, up to <c>maxAttempts</c> times; then the
/// caller's Conflict error says to retry the call.
/// </summary>
internal static class ConflictRetry
{
    public const int DefaultAttempts = 3;

    public static async Task<Result<T>> RunAsync<T>(Func<Task<T>> attempt, string conflictMessage, int maxAttempts = DefaultAttempts)
    {
        for (var tried = 1; ; tried++)
        {
            try
            {
                return await attempt();
            }
            catch (ConcurrencyConflictException) when (tried < maxAttempts)
            {
                // Another writer changed what this attempt read: read again and decide again.
            }
            catch (ConcurrencyConflictException)
            {
                return Result<T>.Failure(Error.Conflict(conflictMessage));
            }
        }
    }
}
