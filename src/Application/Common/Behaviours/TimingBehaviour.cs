using System.Diagnostics;
using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Application.Common.Messaging;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Common.Behaviours;

/// <summary>
/// Outermost behaviour for Linnworks requests: times the whole pipeline (token lookup and validation
/// included), warns above the slow threshold, and enforces the deadline. Whatever stops the work, the
/// request is still answered in-band with every item it carried (<see cref="LinnworksAnswers"/>):
/// the deadline and transient failures (<see cref="ITransientFailures"/>) say "retry", anything else
/// gets an Error with a trace id. Linnworks never sees a dropped connection or an empty item list.
/// The deadline also bounds database waits: <see cref="RequestDeadline"/> tells the data layer the time left.
/// </summary>
internal sealed partial class TimingBehaviour<TRequest, TResponse>(
    IOptions<LinnworksOptions> options,
    TimeProvider timeProvider,
    ITransientFailures transient,
    IntegrationContext integration,
    IIntegrationActivity activity,
    ILogger<TimingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : ILinnworksRequest<TResponse>
    where TResponse : LinnworksResponse, new()
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var endpoint = Endpoint;
        using var span = ChannelBridgeTelemetry.Source.StartActivity("Linnworks " + endpoint);
        var (response, failure) = await RunWithinDeadlineAsync(request, cancellationToken, next);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var outcome = failure ?? (response.Error is null ? "success" : integration.Refusal ?? "rejected");
        Observe(endpoint, outcome, elapsed, response, span);
        if (elapsed > options.Value.SlowRequestThreshold)
        {
            LogSlow(endpoint, integration.IntegrationId, integration.StoreId, outcome, elapsed.TotalMilliseconds);
        }
        else
        {
            LogHandled(endpoint, integration.IntegrationId, integration.StoreId, outcome, elapsed.TotalMilliseconds);
        }

        return response;
    }

    /// <summary>
    /// The rest of the pipeline under the deadline; whatever stops it is answered in-band. The failure is
    /// "deadline", "retry" (transient) or "error", or null when the pipeline answered.
    /// </summary>
    private async Task<(TResponse Response, string? Failure)> RunWithinDeadlineAsync(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // The deadline counts from the request's arrival: time spent queued for a turn (ADR-013) is already gone.
        var budget = options.Value.RequestDeadline;
        var left = budget - RequestArrival.Waited;
        if (left <= TimeSpan.Zero)
        {
            // Queued past the deadline: starting now could only finish after Linnworks gave up.
            LogDeadline(typeof(TRequest).Name, budget.TotalMilliseconds);
            return (LinnworksAnswers.Failure<TResponse>(request, LinnworksErrors.Timeout, transient: true), "deadline");
        }

        using var deadline = new CancellationTokenSource(left, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using (RequestDeadline.Start(timeProvider.GetUtcNow() + left, timeProvider))
            {
                return (await PipelineCancellation.Run(linked.Token, next), null);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogDeadline(typeof(TRequest).Name, budget.TotalMilliseconds);
            return (LinnworksAnswers.Failure<TResponse>(request, LinnworksErrors.Timeout, transient: true), "deadline");
        }
        catch (Exception ex) when (transient.IsTransient(ex))
        {
            LogTransient(typeof(TRequest).Name, ex.GetType().Name, ex.Message);
            return (LinnworksAnswers.Failure<TResponse>(request, LinnworksErrors.TemporarilyUnavailable, transient: true), "retry");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var traceId = Activity.Current?.Id ?? "none";
            LogFailed(ex, typeof(TRequest).Name, traceId);
            return (LinnworksAnswers.Failure<TResponse>(request, LinnworksErrors.Internal(traceId)), "error");
        }
    }

    /// <summary>The Linnworks endpoint's name (OrdersQuery → Orders, DespatchCommand → Despatch).</summary>
    private static string Endpoint { get; } = typeof(TRequest).Name.Replace("Query", string.Empty, StringComparison.Ordinal).Replace("Command", string.Empty, StringComparison.Ordinal);

    private void Observe(string endpoint, string outcome, TimeSpan elapsed, TResponse response, Activity? span)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "outcome", outcome } };
        ChannelBridgeTelemetry.LinnworksDuration.Record(elapsed.TotalSeconds, tags);
        if (outcome is "retry" or "deadline")
        {
            ChannelBridgeTelemetry.Retries.Add(1, tags);
        }
        else if (outcome == "error")
        {
            ChannelBridgeTelemetry.Failures.Add(1, tags);
        }

        span?.SetTag("channelbridge.integration.id", integration.IntegrationId);
        span?.SetTag("channelbridge.store.id", integration.StoreId);
        span?.SetTag("channelbridge.outcome", outcome);
        if (integration.IntegrationId is { } integrationId)
        {
            activity.Record(new IntegrationCall(
                integrationId, EndpointFamilies.Of(typeof(TRequest)), endpoint, timeProvider.GetUtcNow().UtcDateTime, outcome, elapsed.TotalMilliseconds,
                response is ICountsItems counted ? counted.ItemCount : 0, response.Error));
        }
    }

    [LoggerMessage(LogLevel.Information, "Linnworks {Endpoint} for integration {IntegrationId} (store {StoreId}): {Outcome} in {ElapsedMs:F1} ms")]
    private partial void LogHandled(string endpoint, string? integrationId, string? storeId, string outcome, double elapsedMs);

    [LoggerMessage(LogLevel.Warning, "Linnworks {Endpoint} for integration {IntegrationId} (store {StoreId}) was slow: {Outcome} in {ElapsedMs:F1} ms")]
    private partial void LogSlow(string endpoint, string? integrationId, string? storeId, string outcome, double elapsedMs);

    [LoggerMessage(LogLevel.Warning, "{Request} passed its {DeadlineMs} ms deadline and was cancelled")]
    private partial void LogDeadline(string request, double deadlineMs);

    [LoggerMessage(LogLevel.Warning, "{Request} hit a transient failure ({Exception}: {Message}); answered with retry")]
    private partial void LogTransient(string request, string exception, string message);

    [LoggerMessage(LogLevel.Error, "{Request} failed unexpectedly (trace {TraceId})")]
    private partial void LogFailed(Exception exception, string request, string traceId);
}
