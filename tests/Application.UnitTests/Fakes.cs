using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.UnitTests;

/// <summary>In-memory repositories keyed like the real ones; SaveAsync checks the version like the SQL does.</summary>
internal sealed class InMemoryUserConfigs : IUserConfigRepository
{
    private readonly Dictionary<string, (int Version, UserConfig Snapshot)> _rows = [];

    public int ConflictsToThrow { get; set; }

    /// <summary>How many times a token was looked up (the cost an unknown token puts on the database).</summary>
    public int TokenLookups { get; private set; }

    public Task<UserConfig?> GetByTokenHashAsync(string tokenHashHex, CancellationToken cancellationToken)
    {
        TokenLookups++;
        return Task.FromResult(_rows.Values.Select(r => r.Snapshot).FirstOrDefault(c => c.TokenHash.Hex == tokenHashHex) is { } c ? Copy(c) : null);
    }

    public Task<UserConfig?> GetByIdAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue(id, out var row) ? Copy(row.Snapshot) : null);

    public Task<int> CountLinkedAsync(string storeId, string exceptId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.Values.Count(r => r.Snapshot.StoreId == storeId && !r.Snapshot.IsDeleted && r.Snapshot.Id != exceptId));

    public Task SaveAsync(UserConfig userConfig, CancellationToken cancellationToken)
    {
        if (ConflictsToThrow > 0)
        {
            ConflictsToThrow--;
            throw new ConcurrencyConflictException(nameof(UserConfig), userConfig.Id);
        }

        var stored = _rows.TryGetValue(userConfig.Id, out var row) ? row.Version : 0;
        if (stored != userConfig.Version)
        {
            throw new ConcurrencyConflictException(nameof(UserConfig), userConfig.Id);
        }

        userConfig.MarkSaved();
        _rows[userConfig.Id] = (userConfig.Version, Copy(userConfig));
        return Task.CompletedTask;
    }

    /// <summary>A detached copy, as a fresh load from the database would be.</summary>
    private static UserConfig Copy(UserConfig c) => UserConfig.Rehydrate(
        c.Id, c.TokenHash.Hex, c.LinnworksUniqueIdentifier, c.Email, c.AccountName, c.StepName, c.StoreId, c.IsDeleted,
        c.CreatedUtc, c.UpdatedUtc, c.Version, [.. c.Values], c.LinkedByOAuth, c.LinkedKeyHash);
}

internal sealed class InMemoryStores : IStoreRepository
{
    private readonly Dictionary<string, Store> _stores = [];

    public void Add(Store store) => _stores[store.Id] = store;

    public Task<Store?> GetByIdAsync(string storeId, CancellationToken cancellationToken) =>
        Task.FromResult(_stores.GetValueOrDefault(storeId));

    public int KeyLookups { get; private set; }

    public Task<Store?> GetByKeyHashAsync(string keyHashHex, CancellationToken cancellationToken)
    {
        KeyLookups++;
        return Task.FromResult(_stores.Values.FirstOrDefault(s => s.KeyHash.Hex == keyHashHex));
    }

    public int AccessLookups { get; private set; }

    public Task<StoreAccess?> GetAccessAsync(string storeId, CancellationToken cancellationToken)
    {
        AccessLookups++;
        return Task.FromResult(_stores.GetValueOrDefault(storeId)?.Access);
    }

    /// <summary>How many saves to refuse as if another writer had saved the store first.</summary>
    public int ConflictsToThrow { get; set; }

    public int Saves { get; private set; }

    public Task SaveAsync(Store store, CancellationToken cancellationToken)
    {
        Saves++;
        if (ConflictsToThrow > 0)
        {
            ConflictsToThrow--;
            throw new Domain.Common.ConcurrencyConflictException(nameof(Store), store.Id);
        }

        _stores[store.Id] = store;
        return Task.CompletedTask;
    }
}

/// <summary>
/// The store's writes held, as a repository fake sees them: <see cref="IsHeld"/> while a work runs inside, so a fake save
/// can meet a conflict only outside; each store the writes were held for, in order.
/// </summary>
internal sealed class HeldWritesFake : Application.Common.Ports.IStoreWriteLock
{
    public bool IsHeld { get; private set; }

    public List<string> HeldFor { get; } = [];

    public async Task<T> RunAsync<T>(string storeId, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        HeldFor.Add(storeId);
        IsHeld = true;
        try
        {
            return await work();
        }
        finally
        {
            IsHeld = false;
        }
    }
}
