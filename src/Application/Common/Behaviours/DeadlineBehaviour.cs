using System.Diagnostics;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Common.Behaviours;

/// <summary>
/// Enforces a Linnworks call's deadline and answers whatever stops it in-band, with every item the request carried
/// (<see cref="LinnworksAnswers"/>): the deadline and transient failures (<see cref="ITransientFailures"/>) say
/// "retry", anything else gets an Error with a trace id. Linnworks never sees a dropped connection or an empty item
/// list. The deadline counts from the call's arrival (<see cref="CallContext.Waited"/>) and is handed on through the
/// call (<see cref="CallContext.Cancellation"/>, <see cref="CallContext.Remaining"/>), which also bounds database waits.
/// What stopped the call is left on <see cref="CallContext.Failure"/> for the telemetry around it.
/// </summary>
internal sealed partial class DeadlineBehaviour<TRequest, TResponse>(
    IOptions<LinnworksOptions> options,
    TimeProvider timeProvider,
    ITransientFailures transient,
    CallContext call,
    ILogger<DeadlineBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : ILinnworksRequest<TResponse>
    where TResponse : LinnworksResponse, new()
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var budget = options.Value.RequestDeadline;
        var left = budget - call.Waited;
        if (left <= TimeSpan.Zero)
        {
            // Queued past the deadline: starting now could only finish after Linnworks gave up.
            return TimedOut(request, budget);
        }

        using var deadline = new CancellationTokenSource(left, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var started = call.StartDeadline(timeProvider.GetUtcNow() + left, timeProvider, linked.Token);
        try
        {
            return await next();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return TimedOut(request, budget);
        }
        catch (Exception ex) when (transient.StorageFaultOf(ex) is var fault and not StorageFault.None)
        {
            // Logged once a minute for the node by the classifier; each call is counted as a retry of its own outcome.
            return Failed(request, "storage", LinnworksErrors.Storage(fault), transient: true);
        }
        catch (Exception ex) when (transient.IsTransient(ex))
        {
            LogTransient(typeof(TRequest).Name, ex.GetType().Name, ex.Message);
            return Failed(request, "retry", LinnworksErrors.TemporarilyUnavailable, transient: true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Unexpected(request, ex);
        }
    }

    /// <summary>
    /// A failure of the service's own, logged with its trace id, which the answer names. Transient as far as Linnworks is
    /// told (a despatch's Retry): an unknown failure may pass (a disk or connection fault), a despatch is recorded once
    /// however often it is sent, and Linnworks stops after ten tries. Told not to retry, it would never send it again.
    /// </summary>
    private TResponse Unexpected(TRequest request, Exception exception)
    {
        var traceId = Activity.Current?.Id ?? "none";
        LogFailed(exception, typeof(TRequest).Name, traceId);
        return Failed(request, "error", LinnworksErrors.Internal(traceId), transient: true);
    }

    private TResponse TimedOut(TRequest request, TimeSpan budget)
    {
        LogDeadline(typeof(TRequest).Name, budget.TotalMilliseconds);
        return Failed(request, "deadline", LinnworksErrors.Timeout, transient: true);
    }

    private TResponse Failed(TRequest request, string failure, string error, bool transient)
    {
        call.Failure = failure;
        return LinnworksAnswers.Failure<TResponse>(request, error, transient);
    }

    [LoggerMessage(LogLevel.Warning, "{Request} passed its {DeadlineMs} ms deadline and was cancelled")]
    private partial void LogDeadline(string request, double deadlineMs);

    [LoggerMessage(LogLevel.Warning, "{Request} hit a transient failure ({Exception}: {Message}); answered with retry")]
    private partial void LogTransient(string request, string exception, string message);

    [LoggerMessage(LogLevel.Error, "{Request} failed unexpectedly (trace {TraceId})")]
    private partial void LogFailed(Exception exception, string request, string traceId);
}
