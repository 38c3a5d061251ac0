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
    ILogger<TimingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : ILinnworksRequest<TResponse>
    where TResponse : LinnworksResponse, new()
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var budget = options.Value.RequestDeadline;
        using var deadline = new CancellationTokenSource(budget, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        TResponse response;
        try
        {
            using (RequestDeadline.Start(timeProvider.GetUtcNow() + budget, timeProvider))
            {
                response = await PipelineCancellation.Run(linked.Token, next);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogDeadline(typeof(TRequest).Name, budget.TotalMilliseconds);
            response = LinnworksAnswers.Failure<TResponse>(request, LinnworksErrors.Timeout, transient: true);
        }
        catch (Exception ex) when (transient.IsTransient(ex))
        {
            LogTransient(typeof(TRequest).Name, ex.GetType().Name, ex.Message);
            response = LinnworksAnswers.Failure<TResponse>(request, LinnworksErrors.TemporarilyUnavailable, transient: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var traceId = Activity.Current?.Id ?? "none";
            LogFailed(ex, typeof(TRequest).Name, traceId);
            response = LinnworksAnswers.Failure<TResponse>(request, LinnworksErrors.Internal(traceId));
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed > options.Value.SlowRequestThreshold)
        {
            LogSlow(typeof(TRequest).Name, elapsed.TotalMilliseconds, response.Error is null);
        }
        else
        {
            LogHandled(typeof(TRequest).Name, elapsed.TotalMilliseconds, response.Error is null);
        }

        return response;
    }

    [LoggerMessage(LogLevel.Information, "{Request} handled in {ElapsedMs:F1} ms (success: {Success})")]
    private partial void LogHandled(string request, double elapsedMs, bool success);

    [LoggerMessage(LogLevel.Warning, "{Request} was slow: {ElapsedMs:F1} ms (success: {Success})")]
    private partial void LogSlow(string request, double elapsedMs, bool success);

    [LoggerMessage(LogLevel.Warning, "{Request} passed its {DeadlineMs} ms deadline and was cancelled")]
    private partial void LogDeadline(string request, double deadlineMs);

    [LoggerMessage(LogLevel.Warning, "{Request} hit a transient failure ({Exception}: {Message}); answered with retry")]
    private partial void LogTransient(string request, string exception, string message);

    [LoggerMessage(LogLevel.Error, "{Request} failed unexpectedly (trace {TraceId})")]
    private partial void LogFailed(Exception exception, string request, string traceId);
}
