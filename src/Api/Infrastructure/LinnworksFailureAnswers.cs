using System.Collections.Concurrent;
using System.Reflection;
using ChannelBridge.Application.Common.Linnworks;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// How the host answers a Linnworks call it refuses before or around the pipeline (request filter, method middleware,
/// unreadable body, exception handler, request queue): HTTP 200 and the endpoint's failure answer as
/// <see cref="LinnworksAnswers"/> shapes it, for the response type the action declares. Content-Length is set for every
/// answer by <see cref="ContentLengthMiddleware"/>.
/// </summary>
public static class LinnworksFailureAnswers
{
    private static readonly ConcurrentDictionary<ActionDescriptor, Type?> ResponseTypes = new();

    public static bool IsLinnworksAction(ActionDescriptor? action) =>
        action is ControllerActionDescriptor c && c.ControllerTypeInfo.IsDefined(typeof(LinnworksApiAttribute), inherit: true);

    public static bool IsLinnworksEndpoint(HttpContext context) => IsLinnworksAction(ActionOf(context));

    /// <summary>The failure answer of <paramref name="action"/> as an MVC result (filters, invalid bodies).</summary>
    public static IActionResult Result(ActionDescriptor action, string error) => new OkObjectResult(Create(action, error));

    /// <summary>
    /// The failure answer written outside MVC (middleware, the exception handler, the request queue) as an action would
    /// write it: HTTP 200, with the actions' JSON options.
    /// </summary>
    public static Task WriteAsync(HttpContext context, string error, CancellationToken cancellationToken, ActionDescriptor? action = null)
    {
        var body = Create(action ?? ActionOf(context), error);
        context.Response.StatusCode = StatusCodes.Status200OK;
        var json = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        return context.Response.WriteAsJsonAsync(body, body.GetType(), json, cancellationToken);
    }

    private static LinnworksResponse Create(ActionDescriptor? action, string error) =>
        LinnworksAnswers.Failure(action is null ? null : ResponseTypes.GetOrAdd(action, ResponseType), request: null, error);

    /// <summary>The action of the request; inside the exception handler the endpoint is cleared, so read it from the feature.</summary>
    private static ControllerActionDescriptor? ActionOf(HttpContext context) =>
        (context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint())?.Metadata.GetMetadata<ControllerActionDescriptor>();

    /// <summary>T of an action returning <c>Task&lt;ActionResult&lt;T&gt;&gt;</c> where T is a LinnworksResponse.</summary>
    private static Type? ResponseType(ActionDescriptor action)
    {
        if (action is not ControllerActionDescriptor c)
        {
            return null;
        }

        var type = c.MethodInfo.ReturnType;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            type = type.GetGenericArguments()[0];
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ActionResult<>))
        {
            type = type.GetGenericArguments()[0];
        }

        return typeof(LinnworksResponse).IsAssignableFrom(type) && type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null
            ? type
            : null;
    }
}
