namespace ChannelBridge.Application.Listings.DeleteProduct;

public sealed record DeleteProductCommand(string StoreId, string Sku) : Stores.IChannelRequest<DeletedProduct>;

public sealed record DeletedProduct(string SKU);
