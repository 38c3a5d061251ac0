using ChannelBridge.Application.Common.Linnworks;
using Microsoft.AspNetCore.Mvc;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// What a request whose body could not be bound gets: on the Channel API, ASP.NET Core's validation ProblemDetails
/// without the redundant "The body field is required" beside the real reason; on a Linnworks route, HTTP 200 with the
/// endpoint's default answer and an Error that names what was wrong.
/// </summary>
internal static class InvalidRequestResponses
{
    public static IActionResult For(ActionContext context, Func<ActionContext, IActionResult> channelFactory)
    {
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

            return channelFactory(context);
        }

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
