using ChannelBridge.Domain.Common;
using Microsoft.AspNetCore.Mvc;

namespace ChannelBridge.Api.Controllers;

/// <summary>Channel API controllers: a handler's <see cref="Result{T}"/> becomes 200 or a ProblemDetails, mapped here once.</summary>
[ProducesResponseType<ProblemDetails>(StatusCodes.Status500InternalServerError)]
public abstract class ChannelControllerBase : ApiControllerBase
{
    protected IActionResult ToActionResult<T>(Result<T> result, Func<T, IActionResult>? onSuccess = null)
    {
        if (result.TryGetValue(out var value))
        {
            return onSuccess?.Invoke(value) ?? Ok(value);
        }

        var first = result.Errors[0];
        return first.Kind switch
        {
            ErrorKind.NotFound => Problem(title: "Not found", detail: result.ErrorMessage, statusCode: StatusCodes.Status404NotFound),
            ErrorKind.Conflict => Problem(title: "Conflict", detail: result.ErrorMessage, statusCode: StatusCodes.Status409Conflict),
            // The domain's rules are the object's, not one property's: ASP.NET Core keys such errors "". Made by the
            // ProblemDetailsFactory, as every other ProblemDetails, so it carries its type and trace id.
            _ => ValidationProblem(detail: result.ErrorMessage, modelStateDictionary: ModelErrors(result.Errors)),
        };
    }

    private static Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary ModelErrors(IEnumerable<Error> errors)
    {
        var model = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
        foreach (var error in errors)
        {
            model.AddModelError(string.Empty, error.Message);
        }

        return model;
    }
}
