namespace ChannelBridge.Application.Common.Ports;

/// <summary>
/// What each Linnworks call did, per integration and endpoint family, for the platform's support team
/// (<c>GET /api/channel/v1/stores/{id}/integrations</c>). Recording is in memory and cheap; the implementation
/// writes a coalesced summary to the database about once a minute, so calls never wait on it.
/// </summary>
public interface IIntegrationActivity
{
    void Record(IntegrationCall call);
}

/// <param name="Outcome">success, rejected (an Error the seller must act on), unauthenticated, rate_limited, retry, deadline, error.</param>
public sealed record IntegrationCall(
    string IntegrationId, string Family, string Endpoint, DateTime AtUtc, string Outcome, double Milliseconds, int Items, string? Error);

/// <summary>A response that carries items (orders, listings, SKUs …): counted in the integration's activity.</summary>
public interface ICountsItems
{
    int ItemCount { get; }
}

/// <summary>Endpoint families as a support team thinks of them.</summary>
public static class EndpointFamilies
{
    public const string Config = "Config";
    public const string Orders = "Orders";
    public const string PostSale = "PostSale";
    public const string Products = "Products";
    public const string StockAndPrice = "StockAndPrice";
    public const string ListingTool = "ListingTool";

    public static string Of(Type request) => request.Name switch
    {
        "OrdersQuery" => Orders,
        "DespatchCommand" or "CancelCommand" or "RefundCommand" or "PostSaleOptionsQuery" => PostSale,
        "ProductsQuery" => Products,
        "InventoryUpdateCommand" or "PriceUpdateCommand" => StockAndPrice,
        _ when request.Namespace?.Contains(".ListingTool.", StringComparison.Ordinal) == true => ListingTool,
        _ => Config,
    };
}

/// <summary>For hosts without the database writer (tests of Application alone): records nothing.</summary>
internal sealed class NoIntegrationActivity : IIntegrationActivity
{
    public void Record(IntegrationCall call)
    {
    }
}
