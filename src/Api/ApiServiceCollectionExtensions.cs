using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Api.Json;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NSwag;
using NSwag.Generation.Processors.Security;

namespace Microsoft.Extensions.DependencyInjection;

public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateDataAnnotations()
            .Validate(
                o => o.MaxRequestBodyBytesHeld >= Math.Max(o.MaxLinnworksRequestBytes, o.MaxChannelRequestBytes),
                "Api:MaxRequestBodyBytesHeld must be at least Api:MaxChannelRequestBytes and Api:MaxLinnworksRequestBytes: a body of the largest size could never be read.")
            .Validate(
                RequestQueue.LeavesLinnworksATurn,
                "Api:MaxConcurrentChannelRequests must be fewer than Api:MaxConcurrentRequests (four per processor when 0): Linnworks' calls need a turn the Channel API's cannot take.")
            .ValidateOnStart();
        services.AddSingleton<RequestBodyBudget>();
        services.AddSingleton<CallerLookups>();
        services.AddOptions<ManifestOptions>().Bind(configuration.GetSection(ManifestOptions.SectionName));
        services.AddOptions<ChannelApiOptions>()
            .Validate(
                o => environment.IsDevelopment() || o.OperatorKey.Length >= ChannelApiOptions.MinimumOperatorKeyLength,
                $"ChannelApi:OperatorKey must be at least {ChannelApiOptions.MinimumOperatorKeyLength} characters outside Development.");

        services.AddLinnworksAwareControllers();
        services.ConfigureHttpJsonOptions(o => JsonOptionsSetup.Apply(o.SerializerOptions));

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? c.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Scoped<IRequestCredentials, RequestCredentials>());

        services.AddChannelKeyAuthentication();
        services.AddSingleton<ManifestBuilder>();
        services.AddRequestLimits();
        services.AddChannelBridgeOpenApi();
        return services;
    }

    /// <summary>MVC with the Linnworks request filter, the shared JSON reading rules, and each API's answer to an unreadable body.</summary>
    private static void AddLinnworksAwareControllers(this IServiceCollection services) =>
        services.AddControllers(o =>
            {
                o.Filters.Add<LinnworksRequestFilter>();
                // A null where the type has none is handled while the body is read (a list reads as empty, anything else
                // is refused: NullsReadAsDeclared, ADR-016), not by MVC walking every bound object afterwards;
                // FluentValidation validates the rest in the pipeline.
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddJsonOptions(o => JsonOptionsSetup.Apply(o.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(o =>
            {
                var channelFactory = o.InvalidModelStateResponseFactory;
                o.InvalidModelStateResponseFactory = context => InvalidRequestResponses.For(context, channelFactory);
            });

    /// <summary>The Channel API's per-key rate limit and the global queue every request but health checks waits in (ADR-013, ADR-024).</summary>
    private static void AddRequestLimits(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            // Channel API: per authenticated caller (store or operator). AddNewUser and the token endpoint limit in their handlers.
            o.AddPolicy(ChannelRateLimit.PolicyName, new ChannelRateLimit());

            // Every request but health checks: a bounded number at once, the rest in arrival order (ADR-013); the Channel
            // API's calls with a share of the turns, each key with its share of that (ADR-024).
            o.GlobalLimiter = RequestQueue.Create();
            // The global limiter's refusals; the per-key policy answers its own (ChannelRateLimit.OnRejected).
            o.OnRejected = RequestQueue.RejectAsync;
        });

    private static void AddChannelKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ChannelKeyAuthenticationHandler>(ChannelKeyAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, StoreAccessHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ChannelKeyAuthenticationHandler.OperatorPolicy, p => p
                .AddAuthenticationSchemes(ChannelKeyAuthenticationHandler.SchemeName)
                .RequireClaim(ChannelKeyAuthenticationHandler.OperatorClaim, "true"))
            .AddPolicy(ChannelKeyAuthenticationHandler.StorePolicy, p => p
                .AddAuthenticationSchemes(ChannelKeyAuthenticationHandler.SchemeName)
                .AddRequirements(new StoreAccessRequirement()));
    }

    private static void AddChannelBridgeOpenApi(this IServiceCollection services) =>
        services.AddOpenApiDocument(d =>
        {
            d.Title = "ChannelBridge";
            d.Description =
                "Linnworks channel integration server. **Linnworks API** (`/api/Config`, `/api/Order`, `/api/Product`, `/api/Listing`): Linnworks is the " +
                "client; every answer is HTTP 200 with `Error` set on failure; the AuthorizationToken is in the body (and an OAuth bearer when that option is on). " +
                "**Channel API** (`/api/channel/v1`): `Authorization: Bearer {operator key or StoreKey}`; errors are RFC 9457 ProblemDetails. " +
                "**OAuth** (`/oauth/token`): form-encoded client_credentials, RFC 6749 errors.";
            // The scheme is defined, and required only where an operation is [Authorize]d (the Channel API), not globally.
            d.DocumentProcessors.Add(new SecurityDefinitionAppender("Bearer", new OpenApiSecurityScheme
            {
                Type = OpenApiSecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Channel API: the operator key, or a store's StoreKey.",
            }));
            d.OperationProcessors.Add(new AspNetCoreOperationSecurityScopeProcessor("Bearer"));
            d.OperationProcessors.Add(new FormUrlEncodedOperationProcessor());
        });
}
