namespace ChannelBridge.Application.Updates.GetUpdates;

/// <summary>The store's updates from Linnworks after a cursor (default: after the last acknowledged one).</summary>
public sealed record GetUpdatesQuery(string StoreId, long? After, int Limit) : Stores.IChannelRequest<UpdatesResponse>;
