using System.Reflection;
using ChannelBridge.Application.Common.Contracts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>Builds the default response of a Linnworks action (its declared type, empty arrays) with Error set.</summary>
public static class LinnworksErrorResponses
{
    public static bool IsLinnworksAction(ActionDescriptor? action) =>
        action is ControllerActionDescriptor c && c.ControllerTypeInfo.IsDefined(typeof(LinnworksApiAttribute), inherit: true);

    public static bool IsLinnworksEndpoint(HttpContext context) => IsLinnworksAction(ActionOf(context));

    public static LinnworksResponse Create(ActionDescriptor? action, string error)
    {
        var type = ResponseType(action);
        var response = type is null ? new ErrorOnlyResponse() : (LinnworksResponse)Activator.CreateInstance(type)!;
        response.Error = error;
        return response;
    }

    public static LinnworksResponse Create(HttpContext context, string error) => Create(ActionOf(context), error);

    /// <summary>
    /// Answers outside MVC (middleware, the exception handler, the request queue) as an action would: HTTP 200, the
    /// action's default answer with <paramref name="error"/>, written with the actions' JSON options.
    /// </summary>
    public static Task WriteAsync(HttpContext context, string error, CancellationToken cancellationToken, ActionDescriptor? action = null)
    {
        var body = action is null ? Create(context, error) : Create(action, error);
        context.Response.StatusCode = StatusCodes.Status200OK;
        var json = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        return context.Response.WriteAsJsonAsync(body, body.GetType(), json, cancellationToken);
    }

    /// <summary>The action of the request; inside the exception handler the endpoint is cleared, so read it from the feature.</summary>
    private static ControllerActionDescriptor? ActionOf(HttpContext context) =>
        (context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint())?.Metadata.GetMetadata<ControllerActionDescriptor>();

    /// <summary>T of an action returning <c>Task&lt;ActionResult&lt;T&gt;&gt;</c> where T is a LinnworksResponse.</summary>
    private static Type? ResponseType(ActionDescriptor? action)
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

    private sealed class ErrorOnlyResponse : LinnworksResponse;
}
