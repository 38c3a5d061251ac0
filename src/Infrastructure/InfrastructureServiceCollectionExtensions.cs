using ChannelBridge.Application.Common.Ports;
using ChannelBridge.Application.Listings;
using ChannelBridge.Application.Orders;
using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;
using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Infrastructure.Persistence.Clock;
using ChannelBridge.Infrastructure.Persistence.KeyRing;
using ChannelBridge.Infrastructure.Persistence.Maintenance;
using ChannelBridge.Infrastructure.Persistence.Queries;
using ChannelBridge.Infrastructure.Persistence.Repositories;
using ChannelBridge.Infrastructure.Persistence.Resilience;
using ChannelBridge.Infrastructure.Persistence.Secrets;
using ChannelBridge.Infrastructure.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

public static class InfrastructureServiceCollectionExtensions
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPersistence(configuration);
        services.AddKeyRing(configuration);
        services.AddWebhookDelivery(configuration);
        services.AddIntegrationActivity(configuration);
        // /health/ready and /health: the database answers and can be written, every migration is applied, webhook
        // delivery is turning. /health/live runs none of them (the process answers).
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"])
            .AddCheck<WebhookWorkerHealthCheck>("webhooks", tags: ["ready"]);
        return services;
    }

    private static void AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? o.ConnectionString)
            .ValidateDataAnnotations()
            .Validate(
                o => o.Provider != DatabaseProvider.SqlServer || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:Provider is SqlServer but ConnectionStrings:ChannelBridge is empty.")
            .ValidateOnStart();

        services.AddSingleton<DbConnectionFactory>();
        services.AddScoped<CallConnections>();
        // The service's clock is the database's (the node's, moved by the offset read once a minute): every node compares
        // the times another stored on one timeline.
        services.AddSingleton(new DatabaseClock(TimeProvider.System));
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(sp => sp.GetRequiredService<DatabaseClock>()));
        services.AddSingleton<DatabaseClockSync>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseClockSync>());
        services.AddRepositories();
        services.AddSingleton<StorageFaultMonitor>();
        services.Replace(ServiceDescriptor.Singleton<ITransientFailures, DatabaseTransientFailures>());
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<ConfigValueProtector>();
        services.AddSingleton<PageBoundaryWriter>();
        services.AddSingleton(sp => new SnapshotPager(sp.GetRequiredService<PageBoundaryWriter>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ITransientFailures>())
        {
            OtherNodesServeItsRuns = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.NodesShareDownloadRuns,
        });
        services.AddSingleton<ChangeLogPruner>();
        services.AddSingleton<UnusedIntegrationSweeper>();
        services.AddSingleton<ListingFeedPruner>();
        services.AddSingleton<FinishedOrderPruner>();
        services.AddSingleton<ActivityHoursPruner>();
        services.AddSingleton<DeletedListingsPruner>();
        services.AddHostedService<HourlyMaintenanceService>();
        services.AddHostedService<WalCheckpointService>();
        services.AddSingleton<ChannelBridge.Infrastructure.Persistence.PersonalData.PersonalDataSweepService>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelBridge.Infrastructure.Persistence.PersonalData.PersonalDataSweepService>());
    }

    /// <summary>The call's repositories and queries, each over the call's connections (<see cref="CallConnections"/>).</summary>
    private static void AddRepositories(this IServiceCollection services)
    {
        services.AddScoped<IStoreWriteLock, HeldStoreWrites>();
        services.AddScoped<IStoreRepository, StoreRepository>();
        services.AddScoped<IUserConfigRepository, UserConfigRepository>();
        services.AddScoped<IOrderRepository, OrderRepository>();
        services.AddScoped<IStoreUpdateFeed, StoreUpdateFeed>();
        services.AddScoped<IOrderQueries, OrderQueries>();
        services.AddScoped<ChannelBridge.Application.PersonalData.IPersonalDataRepository, ChannelBridge.Infrastructure.Persistence.PersonalData.PersonalDataRepository>();
        services.AddScoped<IListingRepository, ListingRepository>();
        services.AddScoped<IAccessTokenRepository, AccessTokenRepository>();
        services.AddScoped<IListingQueries, ListingQueries>();
        services.AddScoped<ChannelBridge.Application.Stores.GetUsage.IStoreUsageQueries, StoreUsageQueries>();
        services.AddScoped<ChannelBridge.Domain.ListingFeeds.IListingFeedRepository, ChannelBridge.Infrastructure.Persistence.Listings.ListingFeedRepository>();
        services.AddScoped<ChannelBridge.Application.ListingTool.IListingCatalogRepository, ChannelBridge.Infrastructure.Persistence.Listings.ListingCatalogRepository>();
    }

    private static void AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        // PASSWORD values are encrypted with Data Protection. Its key ring lives in the database (every node
        // reads what another wrote), each key encrypted with DataProtection:KeyRingKey (ADR-006).
        services.AddOptions<KeyRingOptions>()
            .Bind(configuration.GetSection(KeyRingOptions.SectionName))
            .Validate(o => o.KeyRingKey.Length >= 32, "DataProtection:KeyRingKey must be at least 32 characters (set it through the environment, the same on every node).")
            .ValidateOnStart();
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddSingleton<KeyRingKeys>();
        services.AddSingleton<KeyRingEncryptor>();
        services.AddSingleton<KeyRingReencryption>();
        services.AddDataProtection().SetApplicationName("ChannelBridge");
        services.AddOptions<KeyManagementOptions>().Configure<DatabaseXmlRepository, KeyRingEncryptor>((o, repository, encryptor) =>
        {
            o.XmlRepository = repository;
            o.XmlEncryptor = encryptor;
        });
    }

    private static void AddWebhookDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.FastReceiverSlots > 0, "Webhooks:SlowReceiverSlots must be fewer than Webhooks:MaxConcurrentDeliveries (0 keeps no slots apart).")
            .ValidateOnStart();
        services.AddScoped<WebhookRepository>();
        services.AddScoped<IWebhookRepository>(sp => sp.GetRequiredService<WebhookRepository>());
        services.AddSingleton<WebhookDestinationGuard>();
        services.AddSingleton<ChannelBridge.Application.Webhooks.IWebhookDestinationGuard>(sp => sp.GetRequiredService<WebhookDestinationGuard>());
        services.AddWebhookHttpClient();
        services.AddSingleton<WebhookDeliveryService>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryService>());
    }

    /// <summary>
    /// Redirects are never followed (a 3xx is a failed attempt), no proxy stands between the check and the connection,
    /// and every connection goes through the guard's connect-time address check. Inside one attempt: a couple of quick
    /// retries on transient failures (Polly via Http.Resilience), each try bounded; the long back-off between attempts
    /// is kept in the database (ADR-007).
    /// </summary>
    private static void AddWebhookHttpClient(this IServiceCollection services)
    {
        // A receiver's timeouts and retried tries are the platform's to fix, not the on-call's: the worker logs each failed
        // attempt once as a warning, and the metrics count them. At Polly's own severities each hanging receiver wrote
        // three errors and five warnings an attempt; other pipelines keep theirs.
        services.Configure<TelemetryOptions>(options =>
        {
            var severity = options.SeverityProvider;
            options.SeverityProvider = args => args.Source.PipelineName == WebhookPipelineName ? ResilienceEventSeverity.Debug
                : severity?.Invoke(args) ?? args.Event.Severity;
        });
        services.AddHttpClient(WebhookDeliveryService.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<WebhookDestinationGuard>().ConnectAsync,
            })
            .AddResilienceHandler("webhooks", (pipeline, context) =>
        {
            var timeout = context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout;
            pipeline
                .AddTimeout(timeout * 3)
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(200),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    // A receiver that says when to come back (429 or 503 with Retry-After) is not retried within the attempt:
                    // the worker schedules the next attempt for then (bounded by Webhooks:MaxRetryAfter), between attempts.
                    ShouldRetryAfterHeader = false,
                    ShouldHandle = args => ValueTask.FromResult(
                        HttpClientResiliencePredicates.IsTransient(args.Outcome) &&
                        args.Outcome.Result is not { StatusCode: System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.ServiceUnavailable, Headers.RetryAfter: not null }),
                })
                .AddTimeout(timeout);
        });
    }

    /// <summary>The webhook client's resilience pipeline, as Http.Resilience names it (the client's name, then the handler's).</summary>
    private const string WebhookPipelineName = WebhookDeliveryService.HttpClientName + "-webhooks";

    private static void AddIntegrationActivity(this IServiceCollection services, IConfiguration configuration)
    {
        // Integration activity: recorded in memory per call, written coalesced by the same singleton on a timer.
        services.AddOptions<ChannelBridge.Infrastructure.Activity.ActivityOptions>().Bind(configuration.GetSection(ChannelBridge.Infrastructure.Activity.ActivityOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChannelBridge.Infrastructure.Activity.IntegrationActivityRecorder>();
        services.Replace(ServiceDescriptor.Singleton<IIntegrationActivity>(sp => sp.GetRequiredService<ChannelBridge.Infrastructure.Activity.IntegrationActivityRecorder>()));
        services.AddHostedService(sp => sp.GetRequiredService<ChannelBridge.Infrastructure.Activity.IntegrationActivityRecorder>());
        services.AddScoped<ChannelBridge.Application.Stores.GetIntegrations.IIntegrationStatusQueries, ChannelBridge.Infrastructure.Activity.IntegrationStatusQueries>();
    }

    /// <summary>Applies pending migrations when <c>Database:MigrateOnStartup</c> is on (the default).</summary>
    public static void MigrateDatabase(this IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            services.GetRequiredService<DatabaseMigrator>().Migrate();
        }

        // After a DataProtection:KeyRingKey rotation: re-seal the key ring under the new key (no-op otherwise).
        services.GetRequiredService<KeyRingReencryption>().Run();
    }

    /// <summary>Reads the database's clock before the node serves, so the first lease or expiry it stores is on the database's time.</summary>
    public static void AlignClockWithDatabase(this IServiceProvider services) =>
        services.GetRequiredService<DatabaseClockSync>().SyncOnceAsync(CancellationToken.None).GetAwaiter().GetResult();
}
