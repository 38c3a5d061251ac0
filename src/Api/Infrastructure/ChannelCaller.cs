using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Who a Channel API request comes from, known before its body is read (ADR-023) and before it waits for a turn
/// (ADR-024): its key is in a header. <see cref="Id"/> is <c>store:&lt;StoreId&gt;</c> or <c>operator</c>, and null when
/// the request is not authenticated (it is refused after the pipeline, with its body unread and without a turn).
/// </summary>
public sealed record ChannelCaller(string? Id)
{
    /// <summary>What a store's <see cref="Id"/> starts with; the store's id follows.</summary>
    public const string StorePrefix = "store:";

    public bool IsKnown => Id is not null;

    /// <summary>The store whose key made the request; null for the operator or an unauthenticated request.</summary>
    public string? StoreId => Id is { } id && id.StartsWith(StorePrefix, StringComparison.Ordinal) ? id[StorePrefix.Length..] : null;

    /// <summary>The request's caller, or null for a request outside the Channel API.</summary>
    public static ChannelCaller? Of(HttpContext context) => context.Features.Get<ChannelCaller>();
}

/// <summary>
/// Authenticates a Channel API request's key (<see cref="ChannelKeyAuthenticationHandler"/>, which keeps its answer for
/// the request, so the key is looked up once), in its turn among the lookups before the turn (<see cref="CallerLookups"/>),
/// and records its <see cref="ChannelCaller"/>, for the body's budget (<see cref="RequestBodyBudget"/>) and the key's
/// share of the Channel API's turns (<see cref="RequestQueue"/>).
/// </summary>
public sealed class ChannelCallerMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api/channel"))
        {
            var result = await context.RequestServices.GetRequiredService<CallerLookups>().RunAsync(
                () => context.AuthenticateAsync(ChannelKeyAuthenticationHandler.SchemeName), context.RequestAborted);
            context.Features.Set(new ChannelCaller(
                !result.Succeeded ? null
                : result.Principal.FindFirstValue(ChannelKeyAuthenticationHandler.StoreClaim) is { } store ? ChannelCaller.StorePrefix + store
                : "operator"));
        }

        await next(context);
    }
}
