using System.Buffers;
using System.IO.Pipelines;
using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Linnworks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using MediatR;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Reads a request's body whole before the request waits for a turn (<see cref="RequestQueue"/>, ADR-023). A body
/// arrives at its sender's pace; read after the turn is taken, eight senders trickling bytes (Kestrel accepts 240 bytes
/// a second) would hold every turn, and every other caller on the node, Linnworks included, would wait. Read here, a
/// slow body delays its own request only.
/// <list type="bullet">
/// <item>The body is held in pooled memory, never in a file (orders carry buyers' personal data, ADR-018), up to the
/// endpoint's limit: Linnworks' (<see cref="ApiOptions.MaxLinnworksRequestBytes"/>, as <see cref="LinnworksRequestFilter"/>
/// applies it) or the endpoint's own <c>[RequestSizeLimit]</c>, applied here before reading. A body declared over its
/// limit is not read; a failure while reading (over the limit, cut off) is kept at the end of what was read, so the
/// endpoint meets it and answers it as it always has.</item>
/// <item>A Channel API request is authenticated first (its key is in a header, <see cref="ChannelCallerMiddleware"/>):
/// one that is not is refused without its body being read, as before ADR-023.</item>
/// <item>What is read counts against <see cref="RequestBodyBudget"/> until the request ends; a body that would pass it
/// is refused at once as busy, and nothing of it reaches an endpoint. While it is read, it must keep arriving at
/// <see cref="ApiOptions.MinRequestBodyBytesPerSecond"/> (Kestrel's server-wide minimum, set in Program), so nobody holds
/// its bytes for long by sending slowly.</item>
/// <item>A Linnworks call's token is looked up as soon as the body's first bytes hold it (<see cref="LinnworksCaller"/>,
/// ADR-026): the call's share of the turns is known from then on, and the body counts against its store's share of the
/// budget instead of the share of bodies no store is known for.</item>
/// </list>
/// </summary>
public sealed class RequestBodyPreReadMiddleware(RequestDelegate next, IOptions<ApiOptions> options, RequestBodyBudget budget, ILogger<RequestBodyPreReadMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true || context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }

        var linnworks = LinnworksFailureAnswers.IsLinnworksEndpoint(context);
        var limit = ApplyLimit(context, linnworks);
        if (context.Request.ContentLength > limit || BodyOwner(context, linnworks) is not { Read: true } owner)
        {
            // Refused by the endpoint, or by authentication after the turn, without its body being read.
            await next(context);
            return;
        }

        var body = new HeldBody(budget.Open(owner.Caller), linnworks ? context : null);
        try
        {
            if (await body.ReadAsync(context.Request, limit, context.RequestAborted) is var refusal and not BodyBudgetRefusal.None)
            {
                await RefuseAsync(context, linnworks, refusal);
                return;
            }

            await next(context);
        }
        finally
        {
            await body.ReleaseAsync();
        }
    }

    /// <summary>
    /// The endpoint's body limit (Linnworks', else its <c>[RequestSizeLimit]</c>, else Kestrel's), set on the request
    /// before its body is read, since once it is read it can no longer be lowered.
    /// </summary>
    private long ApplyLimit(HttpContext context, bool linnworks)
    {
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var own = linnworks ? options.Value.MaxLinnworksRequestBytes : context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        var limit = own ?? sizeFeature?.MaxRequestBodySize ?? options.Value.MaxChannelRequestBytes;
        if (own is not null && context.Request.ContentLength <= limit && sizeFeature is { IsReadOnly: false })
        {
            // Only when the declared length fits: a body declared too large is refused unread, and Kestrel drains it
            // rather than resetting the connection if the limit it enforces is its own.
            sizeFeature.MaxRequestBodySize = limit;
        }

        return limit;
    }

    /// <summary>
    /// Whether the body is read, and whom it is counted against: nobody known yet for Linnworks (the token is inside the
    /// body) and other routes; for the Channel API the key's store, or the operator (<see cref="ChannelCaller"/>), and a
    /// request that failed authentication is not read.
    /// </summary>
    private static (bool Read, string? Caller) BodyOwner(HttpContext context, bool linnworks) =>
        linnworks || ChannelCaller.Of(context) is not { } caller ? (true, null) : (caller.IsKnown, caller.Id);

    private Task RefuseAsync(HttpContext context, bool linnworks, BodyBudgetRefusal refusal)
    {
        var (reason, limit) = refusal switch
        {
            BodyBudgetRefusal.Caller when linnworks => ("bodies_held_by_store", budget.LinnworksStoreLimit),
            BodyBudgetRefusal.Caller => ("bodies_held_by_key", budget.CallerLimit),
            BodyBudgetRefusal.Unidentified => ("bodies_held_unidentified", budget.UnidentifiedLimit),
            _ => ("bodies_held", options.Value.MaxRequestBodyBytesHeld),
        };
        var caller = ChannelCaller.Of(context)?.Id ?? LinnworksCaller.Of(context)?.Id ?? ClientAddress.Of(context);
        if (context.RequestServices.GetRequiredService<OncePerMinuteLogLines>().Refused(linnworks ? "linnworks" : "channel", reason, caller))
        {
            logger.LogWarning(
                "Request to {Path} refused: its body would take the bodies held past {Limit} bytes ({Reason}) " + OncePerMinuteLogLines.NotLoggedAgain,
                context.Request.Path, limit, reason);
        }

        if (linnworks)
        {
            return LinnworksFailureAnswers.WriteAsync(context, LinnworksErrors.Overloaded, context.RequestAborted);
        }

        return refusal == BodyBudgetRefusal.Caller
            ? ChannelRefusals.WriteAsync(context, StatusCodes.Status429TooManyRequests, TimeSpan.FromSeconds(1), "Too many requests", "This key has more request bodies in flight than it may hold at once; retry when some are answered.")
            : ChannelRefusals.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(1), "Service busy", "The service holds as many request bodies as it may; retry shortly.");
    }

    /// <summary>
    /// A body copied into a pipe of pooled segments (no array the size of the body, which would go to the large object
    /// heap and grow by copies), which the request then reads as its body; each segment counted against the budget
    /// before it is filled, and given back when the request ends. A Linnworks call's body (<paramref name="linnworksCall"/>)
    /// is looked at for its token once its first segment is in, then as each later one arrives until that decides it
    /// (reading on from where it stopped), and when it is whole.
    /// </summary>
    private sealed class HeldBody(RequestBodyBudget.BodyHold hold, HttpContext? linnworksCall)
    {
        private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 0, minimumSegmentSize: SegmentSize, useSynchronizationContext: false));
        private long _counted;
        private bool _identified;

        /// <summary>The token looked for as the body arrives, each byte read once however many segments it takes.</summary>
        private readonly LinnworksBodyToken.Scan _tokenScan = new();

        /// <summary>
        /// Reads the body, or stops where the budget would be passed and answers which limit. A failure while reading
        /// (over the limit, cut off, the caller gone) is kept at the end of the pipe, so the endpoint meets it where it
        /// always has.
        /// </summary>
        public async Task<BodyBudgetRefusal> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
        {
            Exception? failure = null;
            try
            {
                if (await CopyAsync(request, limit, cancellationToken) is var refusal and not BodyBudgetRefusal.None)
                {
                    return refusal;
                }
            }
            catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
            {
                failure = ex;
            }

            await _pipe.Writer.CompleteAsync(failure);
            if (failure is null && await IdentifyCallerAsync(whole: true) is var unassigned and not BodyBudgetRefusal.None)
            {
                return unassigned;
            }

            request.Body = _pipe.Reader.AsStream();
            return BodyBudgetRefusal.None;
        }

        /// <summary>Copies the body into the pipe, a counted segment at a time, until it ends or the budget would be passed.</summary>
        private async Task<BodyBudgetRefusal> CopyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
        {
            long total = 0;
            while (total != request.ContentLength)
            {
                if (total == _counted && await CountNextSegmentAsync() is var refusal and not BodyBudgetRefusal.None)
                {
                    return refusal;
                }

                var memory = _pipe.Writer.GetMemory(1);
                var read = await request.Body.ReadAsync(memory[..(int)Math.Min(memory.Length, _counted - total)], cancellationToken);
                if (read == 0)
                {
                    break;
                }

                _pipe.Writer.Advance(read);
                if ((total += read) > limit)
                {
                    throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
                }
            }

            return BodyBudgetRefusal.None;
        }

        /// <summary>
        /// The segment about to be filled; the pipe's segments are filled whole, so what is counted is what is held. Past
        /// the first segment, a Linnworks body's caller is looked for first, so its bytes count against its store's share.
        /// </summary>
        private async ValueTask<BodyBudgetRefusal> CountNextSegmentAsync()
        {
            if (_counted >= RequestBodyBudget.FirstBytes && !_identified && linnworksCall is not null)
            {
                await _pipe.Writer.FlushAsync();
                if (await IdentifyCallerAsync(whole: false) is var unassigned and not BodyBudgetRefusal.None)
                {
                    return unassigned;
                }
            }

            var refusal = hold.TryTake(SegmentSize);
            if (refusal == BodyBudgetRefusal.None)
            {
                _counted += SegmentSize;
            }

            return refusal;
        }

        /// <summary>
        /// A Linnworks call's caller, once what has arrived of its body decides its token (ADR-026): recorded for the
        /// call's share of the turns (<see cref="LinnworksCaller"/>, ADR-025), and the body counted against the Linnworks
        /// share of its integration's store from then on; or that store's refusal when its share has no room.
        /// </summary>
        private async ValueTask<BodyBudgetRefusal> IdentifyCallerAsync(bool whole)
        {
            if (linnworksCall is null || _identified)
            {
                return BodyBudgetRefusal.None;
            }

            var (decided, token) = !LinnworksRequestFilter.IsUtf8(linnworksCall.Request) ? (true, null)
                : PeekRead(body => _tokenScan.Advance(body, isFinalBlock: whole));
            if (!decided)
            {
                return BodyBudgetRefusal.None;
            }

            _identified = true;
            var caller = await LinnworksCaller.IdentifyAsync(linnworksCall, linnworksCall.RequestServices.GetRequiredService<IMediator>(), token);
            linnworksCall.Features.Set(caller);
            return caller.StoreId is { } store ? hold.TryAssign(store) : BodyBudgetRefusal.None;
        }

        /// <summary>Hands <paramref name="read"/> what the pipe holds without taking any of it: the request reads the body from its start.</summary>
        private T? PeekRead<T>(Func<ReadOnlySequence<byte>, T> read)
        {
            if (!_pipe.Reader.TryRead(out var result))
            {
                return default;
            }

            try
            {
                return read(result.Buffer);
            }
            finally
            {
                _pipe.Reader.AdvanceTo(result.Buffer.Start);
            }
        }

        public async Task ReleaseAsync()
        {
            await _pipe.Writer.CompleteAsync();
            await _pipe.Reader.CompleteAsync();
            hold.Release();
        }
    }

    private const int SegmentSize = 16 * 1024;
}
