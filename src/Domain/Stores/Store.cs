using ChannelBridge.Domain.Common;

namespace ChannelBridge.Domain.Stores;

/// <summary>
/// The channel side's account: a seller on a marketplace, or the one webshop. Holds the hash of
/// its secret StoreKey (the key itself is shown once, at creation and rotation) and the tags the
/// seller maps in Linnworks.
/// </summary>
public sealed class Store
{
    public const int NameMaxLength = 200;
    private const string KeyPrefix = "sk_";

    private List<ChannelTag> _shippingTags = [];
    private List<ChannelTag> _paymentTags = [];

    private Store(string id, string name, SecretHash keyHash, bool isActive, DateTime createdUtc, DateTime updatedUtc, int version)
    {
        Id = id;
        Name = name;
        KeyHash = keyHash;
        IsActive = isActive;
        CreatedUtc = createdUtc;
        UpdatedUtc = updatedUtc;
        Version = version;
    }

    public string Id { get; }

    public string Name { get; }

    public SecretHash KeyHash { get; private set; }

    public bool IsActive { get; private set; }

    public DateTime CreatedUtc { get; }

    public DateTime UpdatedUtc { get; private set; }

    /// <summary>Optimistic-concurrency version as loaded; the repository bumps it on save.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ChannelTag> ShippingTags => _shippingTags;

    public IReadOnlyList<ChannelTag> PaymentTags => _paymentTags;

    /// <summary>What an integration's access check reads (<see cref="StoreAccess"/>), as the store is now.</summary>
    public StoreAccess Access => new(Id, KeyHash, IsActive);

    public static Result<(Store Store, string StoreKey)> Create(string? name, DateTime utcNow)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Result<(Store, string)>.Failure(Error.Validation("Name is required."));
        }

        if (name.Length > NameMaxLength)
        {
            return Result<(Store, string)>.Failure(Error.Validation($"Name is longer than {NameMaxLength} characters."));
        }

        var key = Secrets.NewPrefixedKey(KeyPrefix);
        var store = new Store(Guid.NewGuid().ToString("N"), name.Trim(), SecretHash.Of(key), isActive: true, utcNow, utcNow, version: 0);
        return (store, key);
    }

    /// <summary>Replaces the key; integrations configured with the old key stop passing ConfigTest.</summary>
    public string RotateKey(DateTime utcNow)
    {
        var key = Secrets.NewPrefixedKey(KeyPrefix);
        KeyHash = SecretHash.Of(key);
        UpdatedUtc = utcNow;
        return key;
    }

    public void Disable(DateTime utcNow)
    {
        IsActive = false;
        UpdatedUtc = utcNow;
    }

    /// <summary>Replaces the whole set of tags of one kind; nothing changes if any tag is invalid.</summary>
    public Result ReplaceTags(TagKind kind, IReadOnlyList<(string? Tag, string? FriendlyName, string? Site)> tags, DateTime utcNow)
    {
        var errors = new List<Error>();
        var accepted = new List<ChannelTag>(tags.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tag, friendlyName, site) in tags)
        {
            var created = ChannelTag.Create(tag, friendlyName, site);
            if (!created.TryGetValue(out var value))
            {
                errors.AddRange(created.Errors);
            }
            else if (!seen.Add(value.Tag))
            {
                errors.Add(Error.Validation($"Tag '{value.Tag}' appears more than once; tags are the mapping key and must be unique."));
            }
            else
            {
                accepted.Add(value);
            }
        }

        if (errors.Count > 0)
        {
            return Result.Failure(errors);
        }

        if (kind == TagKind.Shipping)
        {
            _shippingTags = accepted;
        }
        else
        {
            _paymentTags = accepted;
        }

        UpdatedUtc = utcNow;
        return Result.Success();
    }

    /// <summary>Called by the repository after a successful save: the stored version moved on by one.</summary>
    internal void MarkSaved() => Version++;

    internal static Store Rehydrate(
        string id, string name, string keyHashHex, bool isActive, DateTime createdUtc, DateTime updatedUtc, int version,
        IEnumerable<ChannelTag> shippingTags, IEnumerable<ChannelTag> paymentTags) =>
        new(id, name, SecretHash.FromHex(keyHashHex), isActive, createdUtc, updatedUtc, version)
        {
            _shippingTags = [.. shippingTags],
            _paymentTags = [.. paymentTags],
        };
}
