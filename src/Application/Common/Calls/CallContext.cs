using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Common.Calls;

/// <summary>
/// The call being served, one per request scope: when it arrived, its deadline and the token that enforces it, and for a
/// Linnworks call the integration and store once the pipeline has resolved them. The host marks the arrival; the
/// deadline behaviour starts the deadline; the data layer reads the time left (SQLite's busy wait cannot be cancelled,
/// so it is bounded by it); handlers and behaviours take <see cref="Cancellation"/>. Outside a request (a background
/// scope) nothing is marked: nothing has been waited and there is no deadline.
/// </summary>
public sealed class CallContext
{
    private TimeProvider? _clock;
    private long _arrivedTimestamp;
    private DateTimeOffset? _deadline;
    private UserConfig? _userConfig;
    private StoreAccess? _store;
    private string? _turnStoreId;

    /// <summary>Time since the call arrived (<see cref="MarkArrival"/>), or zero when it was not marked.</summary>
    public TimeSpan Waited => _clock is null ? TimeSpan.Zero : _clock.GetElapsedTime(_arrivedTimestamp);

    /// <summary>Time left before the deadline (never negative), or null when the call has none.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            if (_deadline is not { } at || _clock is null)
            {
                return null;
            }

            var left = at - _clock.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>The deadline's token (cancelled at the deadline or when the caller goes away), or none outside a deadline.</summary>
    public CancellationToken DeadlineToken { get; private set; }

    /// <summary>
    /// The token to work under: the deadline's once it has started, else <paramref name="passed"/>. MediatR 5.1.0 hands
    /// the whole pipeline one token, so the deadline's shorter-lived token reaches inner behaviours and handlers this way.
    /// </summary>
    public CancellationToken Cancellation(CancellationToken passed) => DeadlineToken.CanBeCanceled ? DeadlineToken : passed;

    /// <summary>The integration resolved from the request's AuthorizationToken.</summary>
    public UserConfig UserConfig => _userConfig ?? throw new InvalidOperationException(
        "No integration was resolved for this request: is the request marked IRequireAuthToken?");

    /// <summary>The linked store as the access check read it (id, key hash, active): not the aggregate, whose tags only the tag endpoints load.</summary>
    public StoreAccess Store => _store ?? throw new InvalidOperationException(
        "No store was loaded for this request: is the request marked IRequireLinkedStore?");

    /// <summary>The integration's id once resolved, without throwing (for logs and activity).</summary>
    public string? IntegrationId => _userConfig?.Id;

    /// <summary>The store's id once loaded, without throwing.</summary>
    public string? StoreId => _store?.Id ?? _userConfig?.StoreId;

    /// <summary>
    /// The integration looked up for the call's token before it waited for its turn (ADR-025), or null when the call was
    /// not identified there (a call sent to MediatR directly, a body not read before the turn).
    /// </summary>
    public IdentifiedIntegration? IdentifiedBeforeTurn { get; private set; }

    /// <summary>The valid OAuth bearer the call carried, or null (none sent, OAuth off).</summary>
    public AccessToken? Bearer { get; private set; }

    /// <summary>Why the pipeline refused the call before its handler (unauthenticated, rate_limited, blocked, scope), or null.</summary>
    public string? Refusal { get; internal set; }

    /// <summary>What stopped the call after it started (deadline, retry, error), or null when the pipeline answered.</summary>
    public string? Failure { get; internal set; }

    /// <summary>
    /// Time from the call's arrival to its turn (its body read, then its wait in the queue, ADR-013 and ADR-023), or null
    /// before it has a turn. Server-Timing sends it beside the whole (<c>turn;dur=</c>), so a load test can tell a call
    /// that waited from one that worked.
    /// </summary>
    public TimeSpan? BeforeTurn { get; private set; }

    /// <summary>
    /// The store the call acts for, as known when it got its turn (its Channel API key's, its integration's), else once
    /// loaded; null for none. Its writes wait for SQLite's writer among that store's, the stores in rotation (ADR-042).
    /// </summary>
    public string? WritesFor => _turnStoreId ?? StoreId;

    /// <summary>Marks the call's turn beginning now (<see cref="BeforeTurn"/>), acting for <paramref name="storeId"/> when known.</summary>
    public void MarkTurn(string? storeId = null)
    {
        BeforeTurn = Waited;
        _turnStoreId = storeId;
    }

    /// <summary>Marks the call arriving now; its deadline counts from here, so time spent queued for a turn is already gone.</summary>
    public void MarkArrival(TimeProvider clock)
    {
        _clock = clock;
        _arrivedTimestamp = clock.GetTimestamp();
    }

    /// <summary>
    /// Starts the deadline at <paramref name="at"/>, enforced by <paramref name="token"/>, until the returned scope ends
    /// it: the token's source is disposed with the pipeline, so nothing after it may be handed that token.
    /// </summary>
    internal IDisposable StartDeadline(DateTimeOffset at, TimeProvider clock, CancellationToken token)
    {
        if (_clock is null)
        {
            _clock = clock;
            _arrivedTimestamp = clock.GetTimestamp();
        }

        var (previousDeadline, previousToken) = (_deadline, DeadlineToken);
        (_deadline, DeadlineToken) = (at, token);
        return new DeadlineScope(this, previousDeadline, previousToken);
    }

    private sealed class DeadlineScope(CallContext call, DateTimeOffset? deadline, CancellationToken token) : IDisposable
    {
        public void Dispose() => (call._deadline, call.DeadlineToken) = (deadline, token);
    }

    internal void Set(UserConfig userConfig, AccessToken? bearer)
    {
        _userConfig = userConfig;
        Bearer = bearer;
    }

    internal void Set(StoreAccess store) => _store = store;

    internal void Identify(IdentifiedIntegration identified) => IdentifiedBeforeTurn = identified;
}

/// <summary>A token's hash and the integration found by it (null: none), as looked up before the call's turn.</summary>
public sealed record IdentifiedIntegration(string TokenHash, UserConfig? Integration);
