using System.ComponentModel.DataAnnotations;

namespace ChannelBridge.Application.Config;

/// <summary>Section <c>Integrations</c>: the Linnworks integrations AddNewUser makes and the wizard links to stores.</summary>
public sealed class IntegrationsOptions
{
    public const string SectionName = "Integrations";

    /// <summary>
    /// Days an integration never linked to a store, or deleted by Linnworks (ConfigDeleted), is kept once nothing has
    /// changed it or called with its token; then it is deleted, with the seller's email and account name, its wizard
    /// values and its activity. 0 keeps them.
    /// </summary>
    [Range(0, 3650)]
    public int UnusedRetentionDays { get; set; } = 7;

    /// <summary>
    /// The most integrations one store may have linked and not deleted by Linnworks (0: any number). Past it, linking one
    /// more (the wizard's StoreId/StoreKey step, or AddNewUser with the store's OAuth bearer) is answered with an Error and
    /// changes nothing (ADR-039). AddNewUser takes no credentials and a store's owner holds its key, so without it one
    /// store could link integrations without end, each kept as long as it is linked. A seller links one per Linnworks
    /// account; Linnworks deletes an integration when the channel is removed.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "Integrations:MaxLinkedPerStore must be 0 (no limit) or a number of integrations.")]
    public int MaxLinkedPerStore { get; set; } = 25;
}
