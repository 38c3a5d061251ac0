using ChannelBridge.Application.Config;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Application.Stores.ReplaceStoreTags;

/// <summary>Replaces the store's whole set of shipping or payment tags.</summary>
public sealed record ReplaceStoreTagsCommand(string StoreId, TagKind Kind, IReadOnlyList<TagDto>? Tags) : IChannelRequest<StoreResponse>;
