using System.Diagnostics;
using ChannelBridge.Application.Common.Contracts;
using ChannelBridge.Application.Common.Messaging;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Common.Behaviours;

/// <summary>
/// Outermost behaviour for Linnworks requests: times the whole pipeline (token lookup and validation
/// included), warns above the slow threshold, and enforces the deadline: work still running when it
/// passes is cancelled and answered with an Error, so Linnworks never sees a dropped connection.
/// </summary>
internal sealed partial class TimingBehaviour<TRequest, TResponse>(
    IOptions<LinnworksOptions> options,
    TimeProvider timeProvider,
    ILogger<TimingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : ILinnworksRequest<TResponse>
    where TResponse : LinnworksResponse, new()
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        using var deadline = new CancellationTokenSource(options.Value.RequestDeadline, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        TResponse response;
        try
        {
            response = await PipelineCancellation.Run(linked.Token, next);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogDeadline(typeof(TRequest).Name, options.Value.RequestDeadline.TotalMilliseconds);
            response = LinnworksResponse.Failure<TResponse>(LinnworksErrors.Timeout);
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
}
