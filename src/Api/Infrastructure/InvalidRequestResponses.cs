using ChannelBridge.Api.Controllers;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.OAuth.IssueAccessToken;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// What a request whose body could not be bound gets: on the Channel API, ASP.NET Core's validation ProblemDetails
/// without the redundant "The body field is required" beside the real reason; on a Linnworks route, HTTP 200 with the
/// endpoint's default answer and an Error that names what was wrong; on <c>/oauth/token</c>, RFC 6749's invalid_request.
/// </summary>
internal static partial class InvalidRequestResponses
{
    public static IActionResult For(ActionContext context, Func<ActionContext, IActionResult> channelFactory)
    {
        if (context.ActionDescriptor is ControllerActionDescriptor { ControllerTypeInfo: var controller } && controller == typeof(OAuthController))
        {
            return ForOAuth(context);
        }

        if (!LinnworksFailureAnswers.IsLinnworksAction(context.ActionDescriptor))
        {
            // "The body field is required" only repeats that the body could not be read: keep the reason.
            var bodyNames = context.ActionDescriptor.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (context.ModelState.Any(e => !bodyNames.Contains(e.Key) && e.Value?.Errors.Count > 0))
            {
                foreach (var name in bodyNames.Where(n => context.ModelState.ContainsKey(n)))
                {
                    context.ModelState.Remove(name);
                }
            }

            NameUnknownFields(context.ModelState);
            return channelFactory(context);
        }

        return ForLinnworks(context);
    }

    /// <summary>
    /// A body that refuses fields it does not have (JsonUnmappedMemberHandling.Disallow, on settings whose misspelt field
    /// would silently mean "left out") fails with System.Text.Json's message, which names our CLR type: it is put as the
    /// caller can act on it, under the field's own name.
    /// </summary>
    private static void NameUnknownFields(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        foreach (var (key, entry) in modelState.Where(e => e.Value?.Errors.Count > 0).ToList())
        {
            if (UnmappedField().Match(entry!.Errors[0].ErrorMessage) is { Success: true } match)
            {
                // A field inside a list is named by where it was found (Orders[3].OrderItems[0].UnitPrice).
                var field = match.Groups["where"].Success ? match.Groups["where"].Value : match.Groups["name"].Value;
                modelState.Remove(key);
                modelState.AddModelError(field, $"{field} is not a field of this request; nothing was stored (a misspelt field would otherwise be left out unseen).");
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?<where>[^:]{1,400}): )?The JSON property '(?<name>.{1,200}?)' could not be mapped to any \.NET member", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex UnmappedField();

    /// <summary>RFC 6749 5.2: an unreadable token request (a form too large, cut off) is invalid_request, as the others are.</summary>
    private static BadRequestObjectResult ForOAuth(ActionContext context)
    {
        var reason = context.ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => m.Length > 0);
        return new BadRequestObjectResult(new OAuthErrorResponse("invalid_request", reason ?? "The token request could not be read."));
    }

    private static IActionResult ForLinnworks(ActionContext context)
    {
        // Unreadable JSON or wrong types on a Linnworks route: 200, default shape, Error says what was wrong.
        var parameters = context.ActionDescriptor.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var errors = context.ModelState
            .Where(e => e.Value?.Errors.Count > 0)
            .Select(e => (Body: parameters.Contains(e.Key) || e.Key is "" or "$", Key: e.Key.TrimStart('$', '.'), Message: e.Value!.Errors[0].ErrorMessage))
            .ToList();
        // A JSON error on a property beats the generic "body is required" that follows from it.
        var specific = errors.Where(e => !e.Body).ToList();
        var fromBody = errors.Where(e => e.Body).ToList();
        if (fromBody.Count > 1)
        {
            fromBody.RemoveAll(e => e.Message.EndsWith("field is required.", StringComparison.Ordinal));
        }

        var problems = (specific.Count > 0 ? specific : fromBody)
            .Select(e => e.Body ? $"body: {e.Message}" : e.Message.StartsWith(e.Key, StringComparison.Ordinal) ? e.Message : $"{e.Key}: {e.Message}")
            .Take(5);
        return LinnworksFailureAnswers.Result(context.ActionDescriptor, $"{LinnworksErrors.MalformedRequest}: {string.Join("; ", problems)}");
    }
}
