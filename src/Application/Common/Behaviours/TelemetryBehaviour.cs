using System.Diagnostics;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Common.Behaviours;

/// <summary>
/// Outermost behaviour for Linnworks calls: times the whole pipeline (token lookup and validation included) in a span,
/// records the duration and outcome as metrics and as the integration's activity, and logs the call (a warning above
/// the slow threshold; a call blocked for its address's failed authentications, or throttled, only when slow). The
/// outcome is what the inner behaviours left on the <see cref="CallContext"/>: a failure (deadline, retry, error), a
/// refusal (unauthenticated, rate_limited, blocked, scope), else success or rejected.
/// </summary>
internal sealed partial class TelemetryBehaviour<TRequest, TResponse>(
    IOptions<LinnworksOptions> options,
    TimeProvider timeProvider,
    CallContext call,
    IIntegrationActivity activity,
    ILogger<TelemetryBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : ILinnworksRequest<TResponse>
    where TResponse : LinnworksResponse, new()
{
    /// <summary>The Linnworks endpoint's name (OrdersQuery → Orders, DespatchCommand → Despatch).</summary>
    private static readonly string Endpoint = typeof(TRequest).Name.Replace("Query", string.Empty, StringComparison.Ordinal).Replace("Command", string.Empty, StringComparison.Ordinal);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = ChannelBridgeTelemetry.Source.StartActivity("Linnworks " + Endpoint);
        var response = await next();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var outcome = call.Failure ?? (response.Error is null ? "success" : call.Refusal ?? "rejected");
        Record(outcome, elapsed, response, span);
        if (elapsed > options.Value.SlowRequestThreshold)
        {
            LogSlow(Endpoint, call.IntegrationId, call.StoreId, outcome, elapsed.TotalMilliseconds);
        }
        else if (outcome is not ("blocked" or "rate_limited"))
        {
            // A call refused because its address is past its limit of failed authentications, or its integration past
            // its limit a minute, is counted, and logged once a minute per address or integration (OncePerMinuteLogLines): a
            // flood of them writes no line each.
            LogHandled(Endpoint, call.IntegrationId, call.StoreId, outcome, elapsed.TotalMilliseconds);
        }

        return response;
    }

    private void Record(string outcome, TimeSpan elapsed, TResponse response, Activity? span)
    {
        var tags = new TagList { { "endpoint", Endpoint }, { "outcome", outcome } };
        ChannelBridgeTelemetry.LinnworksDuration.Record(elapsed.TotalSeconds, tags);
        if (outcome is "retry" or "deadline" or "storage")
        {
            ChannelBridgeTelemetry.Retries.Add(1, tags);
        }
        else if (outcome == "error")
        {
            ChannelBridgeTelemetry.Failures.Add(1, tags);
        }

        span?.SetTag("channelbridge.integration.id", call.IntegrationId);
        span?.SetTag("channelbridge.store.id", call.StoreId);
        span?.SetTag("channelbridge.outcome", outcome);
        if (call.IntegrationId is { } integrationId)
        {
            activity.Record(new IntegrationCall(
                integrationId, EndpointFamilies.Of(typeof(TRequest)), Endpoint, timeProvider.GetUtcNow().UtcDateTime, outcome, elapsed.TotalMilliseconds,
                response is ICountsItems counted ? counted.ItemCount : 0, response.Error));
        }
    }

    [LoggerMessage(LogLevel.Information, "Linnworks {Endpoint} for integration {IntegrationId} (store {StoreId}): {Outcome} in {ElapsedMs:F1} ms")]
    private partial void LogHandled(string endpoint, string? integrationId, string? storeId, string outcome, double elapsedMs);

    [LoggerMessage(LogLevel.Warning, "Linnworks {Endpoint} for integration {IntegrationId} (store {StoreId}) was slow: {Outcome} in {ElapsedMs:F1} ms")]
    private partial void LogSlow(string endpoint, string? integrationId, string? storeId, string outcome, double elapsedMs);
}
