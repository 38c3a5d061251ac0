using ChannelBridge.Application.Common;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// The bytes of request bodies the node holds at once (<see cref="ApiOptions.MaxRequestBodyBytesHeld"/>), read ahead of
/// their turn by <see cref="RequestBodyPreReadMiddleware"/> (ADR-023). Without it, every connection could make the node
/// hold a whole body, up to the endpoint's limit, while it waits in the queue: 2,000 queued Channel API batches of
/// 16 MiB would be 32 GB. A body is counted as it arrives (what a sender declares costs it nothing until it sends it),
/// in the pooled segments that hold it, until its request ends. One Channel API key may hold at most a quarter of
/// the budget (and always one body of the largest size), so a store owner's uploads cannot take every other caller's
/// share. Linnworks' bodies carry their token inside, so they are counted before anyone knows whose they are. Neither
/// those bodies nor the Channel API keys' together may hold more than three quarters of the budget: a flood of either
/// leaves the other a quarter, so platforms keep pushing orders while someone floods Linnworks' routes, and Linnworks
/// keeps downloading while platforms push. What is held is the metric <c>channelbridge.request_bodies.held</c>.
/// </summary>
public sealed class RequestBodyBudget(IOptions<ApiOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _heldByCaller = new(StringComparer.Ordinal);
    private long _held;
    private long _heldByKeys;

    /// <summary>Bytes held now, by every request.</summary>
    public long Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>What one Channel API key may hold: a quarter of the budget, and never less than the largest body.</summary>
    public long CallerLimit => Math.Min(Limit, Math.Max(Limit / 4, options.Value.MaxChannelRequestBytes));

    /// <summary>
    /// What the bodies of callers not known before reading, or of every Channel API key together, may hold: three
    /// quarters of the budget, and never less than the largest body.
    /// </summary>
    public long SideLimit => Math.Min(Limit, Math.Max(Limit / 4 * 3, Math.Max(options.Value.MaxChannelRequestBytes, options.Value.MaxLinnworksRequestBytes)));

    private long Limit => options.Value.MaxRequestBodyBytesHeld;

    /// <summary>
    /// Counts <paramref name="bytes"/> more for a request of <paramref name="caller"/> (null: not yet known), or answers
    /// which limit they would pass and counts nothing.
    /// </summary>
    public BodyBudgetRefusal TryTake(string? caller, long bytes)
    {
        lock (_gate)
        {
            var side = caller is null ? _held - _heldByKeys : _heldByKeys;
            if (_held + bytes > Limit || side + bytes > SideLimit)
            {
                return BodyBudgetRefusal.Node;
            }

            if (caller is not null)
            {
                var callerHeld = _heldByCaller.GetValueOrDefault(caller);
                if (callerHeld + bytes > CallerLimit)
                {
                    return BodyBudgetRefusal.Caller;
                }

                _heldByCaller[caller] = callerHeld + bytes;
                _heldByKeys += bytes;
            }

            _held += bytes;
        }

        ChannelBridgeTelemetry.RequestBodyBytesHeld.Add(bytes);
        return BodyBudgetRefusal.None;
    }

    /// <summary>Gives back what a request took, when it ends.</summary>
    public void Return(string? caller, long bytes)
    {
        if (bytes == 0)
        {
            return;
        }

        lock (_gate)
        {
            _held -= bytes;
            if (caller is not null && _heldByCaller.TryGetValue(caller, out var callerHeld))
            {
                _heldByKeys -= Math.Min(callerHeld, bytes);
                if (callerHeld <= bytes)
                {
                    _heldByCaller.Remove(caller);
                }
                else
                {
                    _heldByCaller[caller] = callerHeld - bytes;
                }
            }
        }

        ChannelBridgeTelemetry.RequestBodyBytesHeld.Add(-bytes);
    }
}

/// <summary>Which limit of <see cref="RequestBodyBudget"/> a body would pass.</summary>
public enum BodyBudgetRefusal
{
    None,

    /// <summary>The node's: every caller's bodies together, or the three quarters one side may hold.</summary>
    Node,

    /// <summary>One Channel API key's share.</summary>
    Caller,
}
