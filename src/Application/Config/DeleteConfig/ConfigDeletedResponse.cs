using ChannelBridge.Application.Common.Contracts;

namespace ChannelBridge.Application.Config.DeleteConfig;

public sealed class ConfigDeletedResponse : LinnworksResponse;
