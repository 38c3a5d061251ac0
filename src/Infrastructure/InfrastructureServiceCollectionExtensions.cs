using ChannelBridge.Application.Listings;
using ChannelBridge.Application.Orders;
using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;
using ChannelBridge.Infrastructure.Persistence;
using ChannelBridge.Infrastructure.Persistence.Queries;
using ChannelBridge.Infrastructure.Persistence.Repositories;
using ChannelBridge.Infrastructure.Persistence.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class InfrastructureServiceCollectionExtensions
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? o.ConnectionString)
            .Validate(
                o => o.Provider != DatabaseProvider.SqlServer || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:Provider is SqlServer but ConnectionStrings:ChannelBridge is empty.")
            .ValidateOnStart();

        services.AddSingleton<DbConnectionFactory>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<ConfigValueProtector>();
        services.AddScoped<IStoreRepository, StoreRepository>();
        services.AddScoped<IUserConfigRepository, UserConfigRepository>();
        services.AddScoped<IOrderRepository, OrderRepository>();
        services.AddScoped<IStoreUpdateFeed, StoreUpdateFeed>();
        services.AddScoped<IOrderQueries, OrderQueries>();
        services.AddSingleton<SnapshotPager>();
        services.AddScoped<IListingRepository, ListingRepository>();
        services.AddScoped<IListingQueries, ListingQueries>();

        // PASSWORD values are encrypted with Data Protection. The key ring lives in a directory
        // (DataProtection:KeysDirectory, default ./keys); keep it with the database and back it up together.
        var dataProtection = services.AddDataProtection().SetApplicationName("ChannelBridge");
        var keysDirectory = configuration["DataProtection:KeysDirectory"];
        dataProtection.PersistKeysToFileSystem(new DirectoryInfo(string.IsNullOrWhiteSpace(keysDirectory) ? "keys" : keysDirectory));

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>Applies pending migrations when <c>Database:MigrateOnStartup</c> is on (the default).</summary>
    public static void MigrateDatabase(this IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            services.GetRequiredService<DatabaseMigrator>().Migrate();
        }
    }
}
