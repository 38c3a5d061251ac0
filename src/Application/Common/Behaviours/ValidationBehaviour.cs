using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using FluentValidation;
using MediatR;

namespace ChannelBridge.Application.Common.Behaviours;

/// <summary>
/// The one validation policy of both APIs: every FluentValidation validator of the request runs before its handler.
/// A Linnworks request that fails is answered in-band (<see cref="LinnworksAnswers"/>: the messages as Error, every
/// item answered); a Channel API request gets a <see cref="ValidationException"/>, which the exception handler turns
/// into a 400 ValidationProblemDetails. Rules that need stored state belong to the aggregates, not here.
/// </summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators, CallContext call)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), call.Cancellation(cancellationToken));
            failures.AddRange(result.Errors);
        }

        if (failures.Count == 0)
        {
            return await next();
        }

        if (typeof(LinnworksResponse).IsAssignableFrom(typeof(TResponse)))
        {
            var error = string.Join(" ", failures.Select(f => f.ErrorMessage).Distinct());
            return (TResponse)(object)LinnworksAnswers.Failure(typeof(TResponse), request, error);
        }

        throw new ValidationException(failures);
    }
}
