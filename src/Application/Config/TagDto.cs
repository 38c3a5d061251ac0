using AutoMapper;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Application.Config;

/// <summary>A ShippingTag or PaymentTag on the wire.</summary>
public sealed class TagDto
{
    public string Tag { get; set; } = string.Empty;

    public string FriendlyName { get; set; } = string.Empty;

    public string Site { get; set; } = string.Empty;

    private sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<ChannelTag, TagDto>();
    }
}
