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
    public static Task WriteAsync(HttpContext context, string error, CancellationToken cancellationToken, ActionDescriptor? action = null) =>
        WriteBodyAsync(context, Create(action ?? ActionOf(context), error), cancellationToken);

    private static Task WriteBodyAsync(HttpContext context, LinnworksResponse body, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        return context.Response.WriteAsJsonAsync(body, body.GetType(), JsonOf(context), cancellationToken);
    }

    private static System.Text.Json.JsonSerializerOptions JsonOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<JsonOptions>>().Value.JsonSerializerOptions;

    /// <summary>
    /// <see cref="WriteAsync"/> for a call refused with its body held whole (a full lane, ADR-023: a caller identified from
    /// its body has had its body read by <see cref="RequestBodyPreReadMiddleware"/>), for a cause that passes
    /// (docs/performance.md measures the read): the body is read with the actions' JSON options, so a call that carries items (Despatch, InventoryUpdate,
    /// PriceUpdate) has every one answered, a despatch with Retry. Linnworks reads an item left out as "not found" (and
    /// may drop a SKU from later updates). A body that cannot be read is answered as <see cref="WriteAsync"/> answers.
    /// </summary>
    public static async Task WriteEveryItemAsync(HttpContext context, string error, CancellationToken cancellationToken)
    {
        var action = ActionOf(context);
        object? request = null;
        if (action is not null && ItemizedRequestTypes.GetOrAdd(action, ItemizedRequestType) is { } requestType)
        {
            try
            {
                request = await System.Text.Json.JsonSerializer.DeserializeAsync(context.Request.Body, requestType, JsonOf(context), cancellationToken);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or IOException or BadHttpRequestException)
            {
                // Not readable as the endpoint would read it: answered without items, as the endpoint would answer it.
            }
        }

        await WriteBodyAsync(context, LinnworksAnswers.Failure(action is null ? null : ResponseTypes.GetOrAdd(action, ResponseType), request, error, transient: true), cancellationToken);
    }

    private static readonly ConcurrentDictionary<ActionDescriptor, Type?> ItemizedRequestTypes = new();

    /// <summary>The action's request type when it carries items each answered (<see cref="IAnswersEveryItem{TResponse}"/>).</summary>
    private static Type? ItemizedRequestType(ActionDescriptor action) =>
        action.Parameters.Select(p => p.ParameterType).FirstOrDefault(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAnswersEveryItem<>)));

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
