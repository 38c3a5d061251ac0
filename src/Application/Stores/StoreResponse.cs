using AutoMapper;
using ChannelBridge.Application.Config;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Application.Stores;

public sealed class StoreResponse
{
    public string StoreId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public bool IsActive { get; set; }

    public DateTime CreatedUtc { get; set; }

    public IReadOnlyList<TagDto> ShippingTags { get; set; } = [];

    public IReadOnlyList<TagDto> PaymentTags { get; set; } = [];

    private sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<Store, StoreResponse>().ForMember(d => d.StoreId, o => o.MapFrom(s => s.Id));
    }
}
