using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Application.Config.TestConfig;

/// <summary>Error null means the configuration is valid.</summary>
public sealed class ConfigTestResponse : LinnworksResponse;
