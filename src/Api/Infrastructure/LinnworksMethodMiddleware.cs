using System.Collections.Frozen;
using ChannelBridge.Application.Common.Linnworks;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Linnworks always POSTs; anything else on a Linnworks route (GET, PUT, HEAD …) would be a 405 from
/// routing, which Linnworks reads as a transport failure. Here it is HTTP 200 with the action's default
/// response and an Error naming the method, like every other failure on those routes.
/// </summary>
public sealed class LinnworksMethodMiddleware(RequestDelegate next, IActionDescriptorCollectionProvider actions)
{
    private readonly Lazy<FrozenDictionary<string, ControllerActionDescriptor>> _routes = new(() => actions.ActionDescriptors.Items
        .OfType<ControllerActionDescriptor>()
        .Where(a => LinnworksFailureAnswers.IsLinnworksAction(a) && a.AttributeRouteInfo?.Template is not null)
        .GroupBy(a => "/" + a.AttributeRouteInfo!.Template!.TrimStart('/'), StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase));

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method) || !_routes.Value.TryGetValue(context.Request.Path.Value?.TrimEnd('/') ?? string.Empty, out var action))
        {
            await next(context);
            return;
        }

        await LinnworksFailureAnswers.WriteAsync(context, LinnworksErrors.PostOnly(context.Request.Method), context.RequestAborted, action);
    }
}
