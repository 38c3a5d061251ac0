using System.Net.Mail;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Domain.UserConfigs;

/// <summary>
/// One Linnworks integration (created by AddNewUser): who it belongs to, where it is in the
/// wizard, the store it is linked to and the values of its config items. Only the hash of its
/// AuthorizationToken is kept.
/// </summary>
public sealed class UserConfig
{
    /// <summary>What UserConfig shows instead of a PASSWORD value; sent back by SaveConfig it means "unchanged".</summary>
    public const string SecretMask = "********";
    public const int EmailMaxLength = 320;
    public const int AccountNameMaxLength = 255;
    public const int LinnworksIdMaxLength = 100;

    private Dictionary<string, ConfigValue> _values = new(StringComparer.OrdinalIgnoreCase);

    private UserConfig(
        string id, SecretHash tokenHash, string linnworksUniqueIdentifier, string email, string accountName, string stepName,
        string? storeId, bool isDeleted, DateTime createdUtc, DateTime updatedUtc, int version, bool linkedByOAuth, string? linkedKeyHash)
    {
        Id = id;
        LinkedByOAuth = linkedByOAuth;
        LinkedKeyHash = linkedKeyHash;
        TokenHash = tokenHash;
        LinnworksUniqueIdentifier = linnworksUniqueIdentifier;
        Email = email;
        AccountName = accountName;
        StepName = stepName;
        StoreId = storeId;
        IsDeleted = isDeleted;
        CreatedUtc = createdUtc;
        UpdatedUtc = updatedUtc;
        Version = version;
    }

    public string Id { get; }

    public SecretHash TokenHash { get; }

    public string LinnworksUniqueIdentifier { get; }

    public string Email { get; }

    public string AccountName { get; }

    /// <summary>The wizard step the integration is on, or <see cref="WizardDefinition.ConfigStepName"/> once complete.</summary>
    public string StepName { get; private set; }

    /// <summary>The store this integration is linked to; set only after a StoreId/StoreKey pair was verified.</summary>
    public string? StoreId { get; private set; }

    public bool IsDeleted { get; private set; }

    /// <summary>Linked through an OAuth bearer at AddNewUser: no StoreKey is held; access is proven by the bearer on each call.</summary>
    public bool LinkedByOAuth { get; private set; }

    /// <summary>
    /// The hash of the store's key when the link was made (by OAuth, or by the StoreId/StoreKey step). Rotating the key
    /// changes the store's hash, which cuts the link off until the new key re-links it: a bearer obtained with it, or the
    /// new StoreKey saved in the wizard. Null for links made before it was kept (their saved StoreKey is checked instead).
    /// </summary>
    public string? LinkedKeyHash { get; private set; }

    public DateTime CreatedUtc { get; }

    public DateTime UpdatedUtc { get; private set; }

    /// <summary>Optimistic-concurrency version as loaded; the repository bumps it on save.</summary>
    public int Version { get; private set; }

    public IReadOnlyCollection<ConfigValue> Values => _values.Values;

    public bool IsWizardComplete => string.Equals(StepName, WizardDefinition.ConfigStepName, StringComparison.OrdinalIgnoreCase);

    public static Result<(UserConfig UserConfig, string AuthorizationToken)> Create(
        string? linnworksUniqueIdentifier, string? email, string? accountName, WizardDefinition wizard, DateTime utcNow)
    {
        var errors = new List<Error>();
        if (!IsValidLinnworksUniqueIdentifier(linnworksUniqueIdentifier))
        {
            errors.Add(Error.Validation("Invalid LinnworksUniqueIdentifier"));
        }

        if (!IsValidEmail(email))
        {
            errors.Add(Error.Validation("Invalid Email"));
        }

        if (!IsValidAccountName(accountName))
        {
            errors.Add(Error.Validation("Invalid AccountName"));
        }

        if (errors.Count > 0)
        {
            return Result<(UserConfig, string)>.Failure(errors);
        }

        var token = Secrets.NewHexToken();
        var config = new UserConfig(
            Guid.NewGuid().ToString("N"), SecretHash.Of(token), linnworksUniqueIdentifier!.Trim(), email!.Trim(), accountName!.Trim(), wizard.FirstStep.Name,
            storeId: null, isDeleted: false, utcNow, utcNow, version: 0, linkedByOAuth: false, linkedKeyHash: null);
        return (config, token);
    }

    /// <summary>Non-empty, at most 100 characters, and not the empty GUID.</summary>
    public static bool IsValidLinnworksUniqueIdentifier(string? value) =>
        value?.Trim() is { Length: > 0 and <= LinnworksIdMaxLength } id && !(Guid.TryParse(id, out var g) && g == Guid.Empty);

    /// <summary>A single plain address (no display name), at most 320 characters.</summary>
    public static bool IsValidEmail(string? value) =>
        value?.Trim() is { Length: > 0 and <= EmailMaxLength } mail && MailAddress.TryCreate(mail, out var parsed) && parsed.Address == mail;

    public static bool IsValidAccountName(string? value) => value?.Trim() is { Length: > 0 and <= AccountNameMaxLength };

    /// <summary>The step to show: the stored one, or the first step if the operator's wizard no longer has it.</summary>
    public WizardStep CurrentStep(WizardDefinition wizard) => wizard.FindStep(StepName) ?? wizard.FirstStep;

    /// <summary>The stored value of an item, or null if the seller never set it.</summary>
    public string? GetValue(string configItemId) => _values.TryGetValue(configItemId, out var v) ? v.Value : null;

    /// <summary>The value to display: PASSWORD values masked, unset items at their default.</summary>
    public string DisplayValue(ConfigItem item) => GetValue(item.ConfigItemId) switch
    {
        null => item.IsSecret ? string.Empty : item.DefaultValue,
        var v when item.IsSecret => v.Length == 0 ? string.Empty : SecretMask,
        var v => v,
    };

    /// <summary>The StoreId a SaveConfig of these values would link to (submitted, else stored).</summary>
    public string? ProposedStoreId(IReadOnlyDictionary<string, string?> submitted) =>
        submitted.TryGetValue(WizardDefinition.StoreIdItemId, out var id) && !string.IsNullOrWhiteSpace(id)
            ? id.Trim()
            : GetValue(WizardDefinition.StoreIdItemId);

    /// <summary>
    /// Validates and stores the values of the step Linnworks says it is on, verifies the StoreId/StoreKey
    /// pair against <paramref name="store"/> when the step holds them, and moves to the next step.
    /// Items not submitted keep their value; read-only items and masked passwords are not changed.
    /// On any failure nothing changes.
    /// </summary>
    public Result SaveStep(string? stepName, IReadOnlyDictionary<string, string?> submitted, WizardDefinition wizard, StoreAccess? store, DateTime utcNow)
    {
        EnsureNotDeleted();
        var step = CurrentStep(wizard);
        if (!string.Equals(stepName?.Trim(), step.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Result.Failure(Error.Conflict($"Invalid step name, expected {step.Name}"));
        }

        // 1. What the submission changes, each item checked by its own rules; nothing is applied on an error.
        var changes = ChangesOf(step, submitted);
        if (!changes.TryGetValue(out var changed))
        {
            return Result.Failure(changes.Errors);
        }

        // 2. Which store the integration is linked to afterwards (a changed StoreId or StoreKey must prove itself).
        var link = StoreAfter(step, changed, store);
        if (!link.IsSuccess)
        {
            return Result.Failure(link.Errors);
        }

        // 3. Apply, and move to the next step.
        foreach (var change in changed.Values)
        {
            _values[change.ConfigItemId] = change;
        }

        (StoreId, LinkedKeyHash) = link.Value;
        StepName = wizard.NextAfter(step).Name;
        UpdatedUtc = utcNow;
        return Result.Success();
    }

    /// <summary>The values <paramref name="submitted"/> changes on <paramref name="step"/>, or every item's error.</summary>
    private Result<Dictionary<string, ConfigValue>> ChangesOf(WizardStep step, IReadOnlyDictionary<string, string?> submitted)
    {
        var errors = new List<Error>();
        var changes = new Dictionary<string, ConfigValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in step.Items)
        {
            if (LinkedByOAuth && item.ConfigItemId is WizardDefinition.StoreIdItemId or WizardDefinition.StoreKeyItemId)
            {
                continue; // the bearer, not a StoreKey, proves access
            }

            var change = ChangeOf(item, submitted);
            if (!change.IsSuccess)
            {
                errors.AddRange(change.Errors);
            }
            else if (change.Value is { } value)
            {
                changes[item.ConfigItemId] = value;
            }
        }

        return errors.Count > 0 ? Result<Dictionary<string, ConfigValue>>.Failure(errors) : Result.Success<Dictionary<string, ConfigValue>>(changes);
    }

    /// <summary>
    /// One item's new value, null when it stays as it is. An item not sent, read-only, or a secret sent back masked
    /// keeps its value (or takes its default the first time); it is only checked when it must have a value and has none.
    /// </summary>
    private Result<ConfigValue?> ChangeOf(ConfigItem item, IReadOnlyDictionary<string, string?> submitted)
    {
        var current = GetValue(item.ConfigItemId);
        string? candidate;
        if (item.ReadOnly || !submitted.TryGetValue(item.ConfigItemId, out candidate) || (item.IsSecret && candidate == SecretMask && current is not null))
        {
            candidate = current ?? (item.IsSecret ? null : item.DefaultValue);
            if (!item.MustBeSpecified || !string.IsNullOrEmpty(candidate))
            {
                return Result.Success<ConfigValue?>(current is null && candidate is not null ? new ConfigValue(item.ConfigItemId, candidate, item.IsSecret) : null);
            }
        }

        var normalized = item.Normalize(candidate);
        if (!normalized.TryGetValue(out var value))
        {
            return Result<ConfigValue?>.Failure(normalized.Errors);
        }

        return Result.Success<ConfigValue?>(value != current ? new ConfigValue(item.ConfigItemId, value, item.IsSecret) : null);
    }

    /// <summary>
    /// The store linked after <paramref name="changes"/>, and the hash of the key that proved it: unchanged unless this
    /// step holds StoreId and the integration has no store yet or StoreId/StoreKey change — then they must name
    /// <paramref name="store"/>, with its key, active.
    /// </summary>
    private Result<(string? StoreId, string? KeyHash)> StoreAfter(WizardStep step, Dictionary<string, ConfigValue> changes, StoreAccess? store)
    {
        if (LinkedByOAuth || step.FindItem(WizardDefinition.StoreIdItemId) is null ||
            (StoreId is not null && !changes.ContainsKey(WizardDefinition.StoreIdItemId) && !changes.ContainsKey(WizardDefinition.StoreKeyItemId)))
        {
            return Result.Success<(string?, string?)>((StoreId, LinkedKeyHash));
        }

        var storeId = Pick(changes, WizardDefinition.StoreIdItemId);
        var storeKey = Pick(changes, WizardDefinition.StoreKeyItemId);
        if (store is null || store.Id != storeId || !store.KeyMatches(storeKey))
        {
            return Result<(string?, string?)>.Failure(Error.Validation("StoreId and StoreKey do not match a store. Check both values and try again."));
        }

        return store.IsActive
            ? Result.Success<(string?, string?)>((store.Id, store.KeyHash.Hex))
            : Result<(string?, string?)>.Failure(Error.Validation($"Store {store.Id} is disabled."));
    }

    /// <summary>
    /// AddNewUser came with a valid OAuth bearer of <paramref name="store"/>: link to it at once and skip
    /// the step that asks for StoreId and StoreKey.
    /// </summary>
    public void LinkByOAuth(StoreAccess store, WizardDefinition wizard, DateTime utcNow)
    {
        EnsureNotDeleted();
        StoreId = store.Id;
        LinkedByOAuth = true;
        LinkedKeyHash = store.KeyHash.Hex;
        _values[WizardDefinition.StoreIdItemId] = new ConfigValue(WizardDefinition.StoreIdItemId, store.Id, isSecret: false);
        var step = CurrentStep(wizard);
        if (step.FindItem(WizardDefinition.StoreIdItemId) is not null)
        {
            StepName = wizard.NextAfter(step).Name;
        }

        UpdatedUtc = utcNow;
    }

    /// <summary>
    /// Whether this integration may use <paramref name="store"/> now: linked, the store exists and is
    /// active, and the StoreKey it was configured with is still the store's key (not rotated).
    /// </summary>
    public Result CheckStoreAccess(StoreAccess? store)
    {
        if (StoreId is null)
        {
            return Result.Failure(Error.Validation("This integration is not linked to a store yet. Complete the configuration wizard with your StoreId and StoreKey."));
        }

        if (store is null || store.Id != StoreId)
        {
            return Result.Failure(Error.NotFound($"Store {StoreId} no longer exists."));
        }

        if (!store.IsActive)
        {
            return Result.Failure(Error.Validation($"Store {store.Id} is disabled."));
        }

        if (LinkedByOAuth)
        {
            return store.KeyHash.Hex == LinkedKeyHash
                ? Result.Success()
                : Result.Failure(Error.Validation(StoreKeyRotatedForOAuth));
        }

        // The key that linked the integration, by its hash (kept at link time): the saved StoreKey stays sealed. A link
        // made before the hash was kept is checked against the saved StoreKey itself.
        var linked = LinkedKeyHash is { } hash ? store.KeyHash.Hex == hash : store.KeyMatches(GetValue(WizardDefinition.StoreKeyItemId));
        return linked
            ? Result.Success()
            : Result.Failure(Error.Validation("The StoreKey saved for this integration is no longer valid (the key was rotated). Enter the new StoreKey in the integration's configuration."));
    }

    /// <summary>The Error an OAuth-linked integration gets after its store's key was rotated.</summary>
    public const string StoreKeyRotatedForOAuth =
        "The store's key was rotated, which revoked this integration's OAuth link. Reconnect: authorise again with the new StoreKey as client secret.";

    /// <summary>
    /// An OAuth-linked integration whose store key was rotated presented a valid bearer of that store, which only
    /// the new key can obtain (rotation revoked every older token): the link is renewed with the current key.
    /// </summary>
    public bool RenewOAuthLink(StoreAccess store, DateTime utcNow)
    {
        if (!LinkedByOAuth || store.Id != StoreId || !store.IsActive || store.KeyHash.Hex == LinkedKeyHash)
        {
            return false;
        }

        LinkedKeyHash = store.KeyHash.Hex;
        UpdatedUtc = utcNow;
        return true;
    }

    /// <summary>ConfigTest: the wizard is complete and the store may be used.</summary>
    public Result TestConfiguration(StoreAccess? store) =>
        IsWizardComplete
            ? CheckStoreAccess(store)
            : Result.Failure(Error.Validation($"The configuration wizard is not complete (current step: {StepName})."));

    /// <summary>ConfigDeleted: the token stops working and the stored values (including secrets) are erased.</summary>
    public void MarkDeleted(DateTime utcNow)
    {
        EnsureNotDeleted();
        IsDeleted = true;
        _values.Clear();
        UpdatedUtc = utcNow;
    }

    /// <summary>Called by the repository after a successful save: the stored version moved on by one.</summary>
    internal void MarkSaved() => Version++;

    internal static UserConfig Rehydrate(
        string id, string tokenHashHex, string linnworksUniqueIdentifier, string email, string accountName, string stepName,
        string? storeId, bool isDeleted, DateTime createdUtc, DateTime updatedUtc, int version, IEnumerable<ConfigValue> values, bool linkedByOAuth, string? linkedKeyHash) =>
        new(id, SecretHash.FromHex(tokenHashHex), linnworksUniqueIdentifier, email, accountName, stepName, storeId, isDeleted, createdUtc, updatedUtc, version, linkedByOAuth, linkedKeyHash)
        {
            _values = values.ToDictionary(v => v.ConfigItemId, StringComparer.OrdinalIgnoreCase),
        };

    private string? Pick(Dictionary<string, ConfigValue> changes, string id) =>
        changes.TryGetValue(id, out var v) ? v.Value : GetValue(id);

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new InvalidOperationException($"Integration {Id} is deleted.");
        }
    }
}
