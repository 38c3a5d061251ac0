using ChannelBridge.Application.Common.Contracts;
using FluentValidation;
using MediatR;

namespace ChannelBridge.Application.Common.Behaviours;

/// <summary>
/// Runs every FluentValidation validator of the request. A Linnworks request gets its default
/// response with the messages as Error; any other request (Channel API) gets a
/// <see cref="ValidationException"/>, which the API turns into a 400 ProblemDetails.
/// </summary>
internal sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
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
