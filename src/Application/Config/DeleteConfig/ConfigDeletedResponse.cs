using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config.DeleteConfig;

public sealed class ConfigDeletedResponse : LinnworksResponse;
