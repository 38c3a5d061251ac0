using ChannelBridge.Application.Common;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// The bytes of request bodies the node holds at once (<see cref="ApiOptions.MaxRequestBodyBytesHeld"/>), read ahead of
/// their turn by <see cref="RequestBodyPreReadMiddleware"/> (ADR-023). Without it, every connection could make the node
/// hold a whole body, up to the endpoint's limit, while it waits in the queue: 2,000 queued Channel API batches of
/// 16 MiB would be 32 GB. A body is counted as it arrives (what a sender declares costs it nothing until it sends it),
/// in the pooled segments that hold it, until its request ends (<see cref="BodyHold"/>). The shares:
/// <list type="bullet">
/// <item>Channel API keys, known before their bodies are read, and the bodies of everyone else (Linnworks' calls, whose
/// token is inside), each hold at most three quarters (<see cref="SideLimit"/>): a flood of either leaves the other a
/// quarter, so platforms keep pushing orders while someone floods Linnworks' routes, and Linnworks keeps downloading
/// while platforms push.</item>
/// <item>One Channel API key holds at most a quarter (<see cref="CallerLimit"/>), so a store owner's uploads cannot take
/// every other caller's share.</item>
/// <item>A Linnworks body is counted against its integration's store once its token is known, from its first bytes
/// where Linnworks puts it (ADR-026); one store's Linnworks bodies hold at most a quarter (<see cref="LinnworksStoreLimit"/>).</item>
/// <item>Bodies whose caller is not known (a token that names nobody, an integration not linked to a store, a token not
/// among the first bytes) hold at most a quarter together (<see cref="UnidentifiedLimit"/>) beyond each body's first
/// <see cref="FirstBytes"/>, which are read to find the token. So anyone, without a token, can fill only that quarter,
/// and Linnworks' calls for the stores keep the rest of their side.</item>
/// </list>
/// What is held is the metric <c>channelbridge.request_bodies.held</c>.
/// </summary>
public sealed class RequestBodyBudget(IOptions<ApiOptions> options)
{
    /// <summary>
    /// The bytes at the start of a body that count against no caller's share before the caller is known: what is read
    /// to find a Linnworks call's token. One segment of the pre-read.
    /// </summary>
    public const int FirstBytes = 16 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _heldByCaller = new(StringComparer.Ordinal);
    private long _held;
    private long _heldByKeys;
    private long _heldUnidentified;

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
    public long CallerLimit => Quarter(options.Value.MaxChannelRequestBytes);

    /// <summary>What the Linnworks bodies of one store's integrations may hold: a quarter, and never less than the largest body.</summary>
    public long LinnworksStoreLimit => Quarter(options.Value.MaxLinnworksRequestBytes);

    /// <summary>
    /// What bodies whose caller is not known may hold together beyond each one's <see cref="FirstBytes"/>: a quarter,
    /// and never less than the largest Linnworks body.
    /// </summary>
    public long UnidentifiedLimit => Quarter(options.Value.MaxLinnworksRequestBytes);

    /// <summary>
    /// What the bodies of callers not known before reading, or of every Channel API key together, may hold: three
    /// quarters of the budget, and never less than the largest body.
    /// </summary>
    public long SideLimit => Math.Min(Limit, Math.Max(Limit / 4 * 3, Math.Max(options.Value.MaxChannelRequestBytes, options.Value.MaxLinnworksRequestBytes)));

    private long Limit => options.Value.MaxRequestBodyBytesHeld;

    private long Quarter(long largestBody) => Math.Min(Limit, Math.Max(Limit / 4, largestBody));

    /// <summary>
    /// What one request's body holds, from its first byte to the request's end: counted against <paramref name="key"/>'s
    /// share when its Channel API key is known before reading, else against nobody's until <see cref="BodyHold.TryAssign"/>.
    /// </summary>
    public BodyHold Open(string? key) => new(this, key);

    /// <summary>The bytes one request's body holds (<see cref="Open"/>), given back by <see cref="Release"/> when the request ends.</summary>
    public sealed class BodyHold
    {
        private readonly RequestBodyBudget _budget;
        private readonly bool _byKey;
        private string? _caller;
        private long _counted;
        private long _unidentified;

        internal BodyHold(RequestBodyBudget budget, string? key)
        {
            _budget = budget;
            _byKey = key is not null;
            _caller = key;
        }

        /// <summary>Counts <paramref name="bytes"/> more, or answers which limit they would pass and counts nothing.</summary>
        public BodyBudgetRefusal TryTake(long bytes)
        {
            var b = _budget;
            lock (b._gate)
            {
                var side = _byKey ? b._heldByKeys : b._held - b._heldByKeys;
                if (b._held + bytes > b.Limit || side + bytes > b.SideLimit)
                {
                    return BodyBudgetRefusal.Node;
                }

                var callerHeld = _caller is null ? 0 : b._heldByCaller.GetValueOrDefault(_caller);
                var unidentified = _caller is null ? Math.Max(0, _counted + bytes - FirstBytes) - Math.Max(0, _counted - FirstBytes) : 0;
                if (_caller is not null && callerHeld + bytes > (_byKey ? b.CallerLimit : b.LinnworksStoreLimit))
                {
                    return BodyBudgetRefusal.Caller;
                }

                if (unidentified > 0 && b._heldUnidentified + unidentified > b.UnidentifiedLimit)
                {
                    return BodyBudgetRefusal.Unidentified;
                }

                Count(bytes, unidentified);
            }

            ChannelBridgeTelemetry.RequestBodyBytesHeld.Add(bytes);
            return BodyBudgetRefusal.None;
        }

        /// <summary>
        /// Counts what this body holds, and what it takes from now on, against the Linnworks share of
        /// <paramref name="storeId"/>, whose integration's token it carries; or answers <see cref="BodyBudgetRefusal.Caller"/>
        /// and changes nothing when that store's share has no room for it.
        /// </summary>
        public BodyBudgetRefusal TryAssign(string storeId)
        {
            var b = _budget;
            var caller = "linnworks:store:" + storeId;
            lock (b._gate)
            {
                if (_byKey || _caller is not null)
                {
                    throw new InvalidOperationException("Only a body whose caller is not known yet is assigned one.");
                }

                var callerHeld = b._heldByCaller.GetValueOrDefault(caller);
                if (callerHeld + _counted > b.LinnworksStoreLimit)
                {
                    return BodyBudgetRefusal.Caller;
                }

                b._heldByCaller[caller] = callerHeld + _counted;
                b._heldUnidentified -= _unidentified;
                _unidentified = 0;
                _caller = caller;
            }

            return BodyBudgetRefusal.None;
        }

        /// <summary>Gives back everything this body holds, when its request ends.</summary>
        public void Release()
        {
            var b = _budget;
            long released;
            lock (b._gate)
            {
                released = _counted;
                Count(-_counted, -_unidentified);
            }

            if (released != 0)
            {
                ChannelBridgeTelemetry.RequestBodyBytesHeld.Add(-released);
            }
        }

        /// <summary>Adds <paramref name="bytes"/> (less when giving back) to every count it belongs to; under the budget's lock.</summary>
        private void Count(long bytes, long unidentified)
        {
            var b = _budget;
            var callerHeld = _caller is null ? 0 : b._heldByCaller.GetValueOrDefault(_caller);
            b._held += bytes;
            b._heldByKeys += _byKey ? bytes : 0;
            b._heldUnidentified += unidentified;
            _unidentified += unidentified;
            _counted += bytes;
            if (_caller is not null)
            {
                if (callerHeld + bytes == 0)
                {
                    b._heldByCaller.Remove(_caller);
                }
                else
                {
                    b._heldByCaller[_caller] = callerHeld + bytes;
                }
            }
        }
    }
}

/// <summary>Which limit of <see cref="RequestBodyBudget"/> a body would pass.</summary>
public enum BodyBudgetRefusal
{
    None,

    /// <summary>The node's: every caller's bodies together, or the three quarters one side may hold.</summary>
    Node,

    /// <summary>One Channel API key's share, or one store's Linnworks share.</summary>
    Caller,

    /// <summary>The quarter that bodies whose caller is not known may hold together.</summary>
    Unidentified,
}
