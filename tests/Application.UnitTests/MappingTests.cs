using AutoMapper;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Application.UnitTests;

public class MappingTests
{
    [Fact]
    public void AutoMapperConfiguration_IsValid()
    {
        using var services = new TestServices();

        services.Provider.GetRequiredService<IMapper>().ConfigurationProvider.AssertConfigurationIsValid();
    }
}
