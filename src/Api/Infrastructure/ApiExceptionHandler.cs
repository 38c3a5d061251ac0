using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// The one place exceptions become answers. Linnworks routes never see a 4xx/5xx: they get HTTP 200,
/// their default response shape and an Error. The Channel API gets RFC 9457 ProblemDetails.
/// </summary>
public sealed partial class ApiExceptionHandler(
    IProblemDetailsService problemDetails,
    ITransientFailures transient,
    IHostEnvironment environment,
    ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            LogAborted(httpContext.Request.Path);
            return true;
        }

        var traceId = System.Diagnostics.Activity.Current?.Id ?? httpContext.TraceIdentifier;
        if (LinnworksFailureAnswers.IsLinnworksEndpoint(httpContext))
        {
            await WriteLinnworksErrorAsync(httpContext, exception, traceId, cancellationToken);
            return true;
        }

        var fault = transient.StorageFaultOf(exception);
        var problem = ProblemFor(exception, fault);
        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(exception, httpContext.Request.Path, traceId);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // A busy database passes in moments; storage that refuses writes waits for the operator.
            httpContext.Response.Headers.RetryAfter = fault == StorageFault.None ? "1" : "60";
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>A Linnworks route: HTTP 200, the endpoint's default answer and an Error (a trace id for a bug).</summary>
    private async Task WriteLinnworksErrorAsync(HttpContext httpContext, Exception exception, string traceId, CancellationToken cancellationToken)
    {
        var error = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => LinnworksErrors.RequestTooLarge + ".",
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => LinnworksErrors.BodyTooSlow,
            BadHttpRequestException bad => $"{LinnworksErrors.MalformedRequest}: {bad.Message}",
            _ => LinnworksErrors.Internal(traceId),
        };
        if (exception is not BadHttpRequestException)
        {
            LogUnhandled(exception, httpContext.Request.Path, traceId);
        }

        await LinnworksFailureAnswers.WriteAsync(httpContext, error, cancellationToken);
    }

    /// <summary>The Channel API's ProblemDetails for <paramref name="exception"/>: 400 (408, 413 for a body), 409, 503 (transient) or 500.</summary>
    private ProblemDetails ProblemFor(Exception exception, StorageFault fault) => exception switch
    {
        ValidationException validation => new ValidationProblemDetails(
            validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        },
        // Kestrel's status for the body: 400, 408 (arriving too slowly), 413 (too large); the title is its reason phrase.
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = ReasonPhrases.GetReasonPhrase(bad.StatusCode),
            Detail = bad.StatusCode == StatusCodes.Status408RequestTimeout ? "The request body arrived too slowly and was cut off; send it again." : bad.Message,
        },
        Domain.Common.ConcurrencyConflictException => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict",
            Detail = "The same data was being changed by another request at the same time. Retry the call.",
        },
        _ when fault != StorageFault.None => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Temporarily unavailable",
            Detail = $"The service's storage is {fault.Adjective()}: nothing was changed. Retry the call later.",
        },
        _ when transient.IsTransient(exception) => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Temporarily unavailable",
            Detail = "The database is busy. Retry the call.",
        },
        _ => new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "An unexpected error occurred.",
            Detail = environment.IsDevelopment() ? exception.ToString() : null,
        },
    };

    [LoggerMessage(LogLevel.Error, "Unhandled exception on {Path} (trace {TraceId})")]
    private partial void LogUnhandled(Exception exception, string path, string traceId);

    [LoggerMessage(LogLevel.Information, "Client went away during {Path}")]
    private partial void LogAborted(string path);
}
