using ChannelBridge.Application.Orders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.UnitTests.Orders;

public class OrdersOptionsTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("6")]
    [InlineData("-1")]
    public void AFinishedOrdersRetention_ShorterThanAWeek_FailsAtStartUpWithTheSetting(string days)
    {
        using var services = new TestServices(new() { ["Orders:FinishedRetentionDays"] = days });

        var read = () => services.Provider.GetRequiredService<IOptions<OrdersOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*FinishedRetentionDays*");
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData("365", 365)]
    public void AFinishedOrdersRetention_OfNoneOrAWeekOrMore_IsTaken(string days, int expected)
    {
        using var services = new TestServices(new() { ["Orders:FinishedRetentionDays"] = days });

        services.Provider.GetRequiredService<IOptions<OrdersOptions>>().Value.FinishedRetentionDays.Should().Be(expected);
    }
}
