using ChannelBridge.Application.Common.Contracts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Rejects a Linnworks request body over <see cref="ApiOptions.MaxLinnworksRequestBytes"/> before it is
/// read, with the endpoint's default response and an Error (a body without Content-Length is cut off
/// by the server at the same limit, and the exception handler answers the same way).
/// </summary>
public sealed class LinnworksRequestLimitFilter(IOptions<ApiOptions> options) : IResourceFilter
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
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
