using ChannelBridge.Application.Common;
using ChannelBridge.Application.Common.Behaviours;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.Config;
using ChannelBridge.Application.Config.AddNewUser;
using ChannelBridge.Application.Config.Wizard;
using ChannelBridge.Application.Listings;
using ChannelBridge.Application.OAuth;
using ChannelBridge.Application.OAuth.IssueAccessToken;
using ChannelBridge.Application.Orders;
using ChannelBridge.Application.Orders.GetOrders;
using ChannelBridge.Application.Orders.PostSaleOptions;
using ChannelBridge.Application.Stores;
using ChannelBridge.Application.Updates;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class ApplicationServiceCollectionExtensions
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        var assembly = typeof(ApplicationServiceCollectionExtensions).Assembly;

        services.AddMediatorPipeline(assembly);

        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddAutoMapper(cfg => cfg.LicenseKey = configuration["AutoMapper:LicenseKey"], assembly);

        services.AddApplicationOptions(configuration);
        services.AddSingleton<LinnworksRateLimiter>();
        services.AddSingleton<FailedAuthentications>();
        services.AddSingleton<AccessTokenIssueLimit>();
        services.AddSingleton<NewIntegrationLimit>();
        services.AddSingleton<OncePerMinuteLogLines>();
        services.AddOptions<PostSaleSettings>().Bind(configuration.GetSection(PostSaleSettings.SectionName));

        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CallContext>();
        services.TryAddScoped<IRequestCredentials, NoRequestCredentials>();
        services.AddScoped<UserConfigResponseFactory>();
        services.TryAddSingleton<ITransientFailures, TransientFailures>();
        services.TryAddSingleton<IIntegrationActivity, NoIntegrationActivity>();
        services.AddScoped<StoreChanger>();
        services.AddScoped<LinkedStoreAccess>();
        services.AddScoped<IntegrationsByToken>();
        services.AddScoped<PostSaleRecorder>();
        services.AddScoped<IOrderDownloadRenderer, OrderDownloadRenderer>();
        services.AddScoped<ListingUpdateRecorder>();
        services.AddScoped<StoreFeedRoom>();
        services.AddScoped<LinkedIntegrationLimit>();
        services.AddScoped<ChannelBridge.Application.ListingTool.ListingFeedRecorder>();
        services.AddScoped<BearerTokenValidator>();
        services.AddScoped<ChannelBridge.Application.PersonalData.PersonalDataEraser>();
        services.AddSingleton<ChannelBridge.Application.PersonalData.PendingScrub>();
        return services;
    }

    private static void AddMediatorPipeline(this IServiceCollection services, System.Reflection.Assembly assembly)
    {
        // Pipeline, outermost first:
        //  1. Telemetry: times the call in a span, records metrics and the integration's activity, logs it (Linnworks requests).
        //  2. Deadline: enforces the Linnworks deadline; whatever stops the call is answered in-band (Linnworks requests).
        //  3. AuthToken: resolves the integration; unknown/deleted/missing token → Error, nothing else runs.
        //  4. RateLimit: calls per integration per minute; over the limit → Error.
        //  5. Validation: FluentValidation; Linnworks → Error in the default response, Channel API → 400.
        //  6. LinkedStore: reads the integration's store's access data (IRequireLinkedStore; StoreAccess, not the tags) or answers why it cannot be used.
        // Every Linnworks failure is answered through LinnworksAnswers, so itemized requests answer every item.
        services.AddMediator(
            assembly,
            typeof(TelemetryBehaviour<,>),
            typeof(DeadlineBehaviour<,>),
            typeof(AuthTokenBehaviour<,>),
            typeof(RateLimitBehaviour<,>),
            typeof(ValidationBehaviour<,>),
            typeof(LinkedStoreBehaviour<,>));
    }

    /// <summary>The Application's option sections, bound and checked at start-up.</summary>
    private static void AddApplicationOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LinnworksOptions>().Bind(configuration.GetSection(LinnworksOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChannelApiOptions>().Bind(configuration.GetSection(ChannelApiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WizardOptions>().Bind(configuration.GetSection(WizardOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WizardOptions>, WizardDefinitionFactory>();
        services.AddSingleton(sp => WizardDefinitionFactory.Build(sp.GetRequiredService<IOptions<WizardOptions>>().Value).Value);

        services.AddOptions<OrdersOptions>().Bind(configuration.GetSection(OrdersOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.FinishedRetentionDays is 0 or >= 7, "Orders:FinishedRetentionDays must be 0 (every order kept) or at least 7 days.")
            .ValidateOnStart();
        services.AddOptions<ListingsOptions>().Bind(configuration.GetSection(ListingsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IntegrationsOptions>().Bind(configuration.GetSection(IntegrationsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UpdatesOptions>()
            .Bind(configuration.GetSection(UpdatesOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OAuthOptions>().Bind(configuration.GetSection(OAuthOptions.SectionName)).ValidateDataAnnotations()
            .Validate(
                o => OAuthScopeAttribute.All.All(s => o.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(s)),
                $"OAuth:Scopes must include every scope an endpoint needs: {string.Join(' ', OAuthScopeAttribute.All)}.")
            .ValidateOnStart();
        services.AddOptions<ChannelBridge.Application.Webhooks.RotateWebhookSecret.WebhookSecretOptions>()
            .Bind(configuration.GetSection(ChannelBridge.Application.Webhooks.RotateWebhookSecret.WebhookSecretOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
    }
}
