using AutoMapper;
using ChannelBridge.Domain.UserConfigs;

namespace ChannelBridge.Application.Config;

/// <summary>A ConfigItem on the wire, in the sample-JSON spelling (RegExValidation, RegExError, SortOrder).</summary>
public sealed class ConfigItemDto
{
    public string ConfigItemId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string GroupName { get; set; } = string.Empty;

    public int SortOrder { get; set; }

    public string SelectedValue { get; set; } = string.Empty;

    public string? RegExValidation { get; set; }

    public string? RegExError { get; set; }

    public bool MustBeSpecified { get; set; }

    public bool ReadOnly { get; set; }

    public IReadOnlyList<ListValueDto> ListValues { get; set; } = [];

    /// <summary>STRING, INT, DOUBLE, BOOLEAN, PASSWORD or LIST.</summary>
    public string ValueType { get; set; } = "STRING";

    public bool HidesHeaderAttribute { get; set; }

    private sealed class Mapping : Profile
    {
        public Mapping()
        {
            CreateMap<ListValue, ListValueDto>();
            CreateMap<ConfigItem, ConfigItemDto>()
                .ForMember(d => d.SelectedValue, o => o.Ignore())
                .ForMember(d => d.ValueType, o => o.MapFrom(s => s.ValueType.ToString().ToUpperInvariant()));
        }
    }
}
