namespace ChannelBridge.Application.Config;

public sealed class ListValueDto
{
    public string Display { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}
