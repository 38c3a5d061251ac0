using ChannelBridge.Application.Common.Contracts;

namespace ChannelBridge.Application.Config.TestConfig;

/// <summary>Error null means the configuration is valid.</summary>
public sealed class ConfigTestResponse : LinnworksResponse;
