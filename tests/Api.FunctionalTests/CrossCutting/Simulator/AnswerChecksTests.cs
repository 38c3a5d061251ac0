using System.Text.Json;
using ChannelBridge.LinnworksSimulator.Contract;
using ChannelBridge.LinnworksSimulator.Simulation;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Simulator;

/// <summary>The simulator's item checks, read on the page as it lies, catch what Linnworks would reject.</summary>
public class AnswerChecksTests
{
    [Fact]
    public void AGoodOrder_PassesEveryCheck()
    {
        var report = new Report();
        Check(report, """{"ReferenceNumber":"R-1","PaymentStatus":"PAID","ReceivedDate":"2026-11-20T09:00:00Z","PaidOn":"2026-11-20T09:00:00Z","DispatchBy":"2026-11-22T09:00:00+00:00","DeliveryAddress":{},"OrderItems":[{"OrderLineNumber":"1","SKU":"A","Qty":1,"PricePerUnit":2.5},{"OrderLineNumber":"2","SKU":"B","Qty":3,"PricePerUnit":0}]}""");

        report.Failures.Should().BeEmpty();
        report.CheckCount.Should().BeGreaterThan(10);
    }

    [Fact]
    public void ABadOrder_FailsEachRuleItBreaks_AndSaysWhichOrder()
    {
        var report = new Report();
        Check(report, """{"ReferenceNumber":"R-9","PaymentStatus":"PENDING","ReceivedDate":"2026-11-20T09:00:00","PaidOn":null,"DispatchBy":"2026-11-22T09:00:00Z","OrderItems":[{"OrderLineNumber":"1","SKU":" ","Qty":0,"PricePerUnit":"1"},{"OrderLineNumber":"1","SKU":"B","Qty":1,"PricePerUnit":1}]}""");

        report.Failures.Select(f => f.Check).Should().BeEquivalentTo(
            "PaymentStatus is PAID, UNPAID or CANCELLED", "dates are UTC", "has an address", "OrderLineNumbers are unique", "SKU is not empty", "Qty > 0", "PricePerUnit is Number");
        report.Failures.Where(f => f.Check != "PricePerUnit is Number").Should().OnlyContain(f => f.Detail!.Contains("R-9"));
    }

    [Fact]
    public void AnOrderWithoutItemsOrReference_IsCaught()
    {
        var report = new Report();
        Check(report, """{"PaymentStatus":"PAID","BillingAddress":{},"OrderItems":[]}""");

        report.Failures.Select(f => f.Check).Should().BeEquivalentTo("has ReferenceNumber", "orders have items");
    }

    private static void Check(Report report, string order)
    {
        using var document = JsonDocument.Parse(order);
        new AnswerChecks(report, new Dictionary<string, string>()).Order(document.RootElement);
    }
}
