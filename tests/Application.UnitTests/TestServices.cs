using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace ChannelBridge.Application.UnitTests;

/// <summary>The real Application registration (mediator, behaviours, validators, mapper) over in-memory repositories.</summary>
internal sealed class TestServices : IDisposable
{
    private readonly ServiceProvider _provider;

    public TestServices(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ChannelApi:OperatorKey"] = "operator-key-for-unit-tests-0123456789" })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddApplication(configuration);
        services.AddSingleton<IUserConfigRepository>(UserConfigs);
        services.AddSingleton<IStoreRepository>(Stores);
        services.AddSingleton<Application.Common.Ports.IStoreWriteLock>(StoreWrites);

        // Order use cases are covered end to end by the functional tests; here they only need to resolve.
        services.AddSingleton(Substitute.For<IOrderRepository>());
        services.AddSingleton(Substitute.For<IStoreUpdateFeed>());
        services.AddSingleton(Substitute.For<Application.Orders.IOrderQueries>());
        services.AddSingleton(Substitute.For<Domain.Listings.IListingRepository>());
        services.AddSingleton(Substitute.For<Application.Listings.IListingQueries>());
        services.AddSingleton(Substitute.For<IAccessTokenRepository>());
        services.AddSingleton(Substitute.For<IWebhookRepository>());
        services.AddSingleton(Substitute.For<Application.Webhooks.IWebhookDestinationGuard>());
        services.AddSingleton(Substitute.For<Domain.ListingFeeds.IListingFeedRepository>());
        services.AddSingleton(Substitute.For<Application.Stores.GetIntegrations.IIntegrationStatusQueries>());
        services.AddSingleton(Substitute.For<Application.Stores.GetUsage.IStoreUsageQueries>());
        services.AddSingleton(Substitute.For<Application.ListingTool.IListingCatalogRepository>());
        services.AddSingleton(Substitute.For<Application.Common.Ports.IRequestCredentials>());
        services.AddSingleton(Substitute.For<Application.PersonalData.IPersonalDataRepository>());
        configure?.Invoke(services);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public InMemoryUserConfigs UserConfigs { get; } = new();

    public InMemoryStores Stores { get; } = new();

    public HeldWritesFake StoreWrites { get; } = new();

    public IServiceProvider Provider => _provider;

    /// <param name="arrival">The clock the host marks the call's arrival with (<see cref="Application.Common.Calls.CallContext.MarkArrival"/>), or null for an unmarked call.</param>
    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default, TimeProvider? arrival = null)
    {
        await using var scope = _provider.CreateAsyncScope();
        if (arrival is not null)
        {
            scope.ServiceProvider.GetRequiredService<Application.Common.Calls.CallContext>().MarkArrival(arrival);
        }

        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    /// <summary>A SaveConfig of <paramref name="step"/> with these values.</summary>
    public static Application.Config.SaveConfig.SaveConfigCommand Save(string token, string step, params (string Id, string Value)[] values) => new()
    {
        AuthorizationToken = token,
        StepName = step,
        ConfigItems = [.. values.Select(v => new Application.Config.SaveConfig.SubmittedConfigItem { ConfigItemId = v.Id, SelectedValue = v.Value })],
    };

    /// <summary>A store in the in-memory repository, and its key.</summary>
    public (Store Store, string Key) AddStore()
    {
        var (store, key) = Store.Create("Shop", DateTime.UtcNow).Value;
        Stores.Add(store);
        return (store, key);
    }

    /// <summary>A store, and an integration linked to it through the wizard (default order settings).</summary>
    public async Task<(string Token, Store Store, string Key)> IntegrateAsync()
    {
        var (store, key) = AddStore();
        var token = (await SendAsync(new Application.Config.AddNewUser.AddNewUserCommand { LinnworksUniqueIdentifier = "lw", Email = "a@b.com", AccountName = "a" })).AuthorizationToken!;
        (await SendAsync(Save(token, "ConnectStore", ("StoreId", store.Id), ("StoreKey", key)))).Error.Should().BeNull();
        (await SendAsync(Save(token, "OrderSettings"))).StepName.Should().Be("UserConfig");
        return (token, store, key);
    }

    public void Dispose() => _provider.Dispose();
}
