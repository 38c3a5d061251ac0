using ChannelBridge.Application.Common.Contracts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Before a Linnworks body is read: rejects one over <see cref="ApiOptions.MaxLinnworksRequestBytes"/>
/// with the endpoint's default response and an Error (a body without Content-Length is cut off by the
/// server at the same limit, and the exception handler answers the same way), and reads any body as
/// JSON whatever its Content-Type says, so a missing or wrong header is not a 415.
/// </summary>
public sealed class LinnworksRequestFilter(IOptions<ApiOptions> options) : IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        if (!LinnworksErrorResponses.IsLinnworksAction(context.ActionDescriptor))
        {
            return;
        }

        var limit = options.Value.MaxLinnworksRequestBytes;
        if (context.HttpContext.Request.ContentLength > limit)
        {
            context.Result = new OkObjectResult(LinnworksErrorResponses.Create(
                context.ActionDescriptor, $"{LinnworksErrors.RequestTooLarge} ({limit} bytes)."));
            return;
        }

        if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        var request = context.HttpContext.Request;
        if (request.ContentType is not { } type || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            request.ContentType = "application/json";
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
