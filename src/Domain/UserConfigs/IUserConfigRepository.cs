namespace ChannelBridge.Domain.UserConfigs;

public interface IUserConfigRepository
{
    /// <summary>The integration whose AuthorizationToken hashes to <paramref name="tokenHashHex"/>, deleted or not.</summary>
    Task<UserConfig?> GetByTokenHashAsync(string tokenHashHex, CancellationToken cancellationToken);

    Task<UserConfig?> GetByIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>Inserts or updates the integration and its values in one transaction.</summary>
    /// <exception cref="Common.ConcurrencyConflictException">It changed since it was loaded.</exception>
    Task SaveAsync(UserConfig userConfig, CancellationToken cancellationToken);

    /// <summary>How many integrations other than <paramref name="exceptId"/> are linked to the store and not deleted.</summary>
    Task<int> CountLinkedAsync(string storeId, string exceptId, CancellationToken cancellationToken);
}
