using System.Text.Json;
using ChannelBridge.Application.Orders;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

internal static class StoredOrderReference
{
    /// <summary>Which order a page served: read from its rendering as Linnworks would, or from the content to map.</summary>
    public static string Reference(this StoredOrder order) => order.Rendering is { } rendering
        ? JsonDocument.Parse(rendering).RootElement.GetProperty("ReferenceNumber").GetString()!
        : order.Content!.ReferenceNumber;
}
