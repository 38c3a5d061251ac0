using System.Text;
using ChannelBridge.Application.Orders;
using ChannelBridge.Application.Orders.GetOrders;
using ChannelBridge.Domain.Orders;
using ChannelBridge.Domain.UserConfigs;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace ChannelBridge.Application.UnitTests.Orders;

/// <summary>The Orders handler's own rules, which the end-to-end tests only see through the database.</summary>
public class OrdersQueryHandlerTests
{
    [Fact]
    public async Task TheIntegrationsSettings_BecomeThePagesFilters()
    {
        using var services = new TestServices();
        var (token, store, _) = await services.IntegrateAsync();
        (await services.SendAsync(TestServices.Save(token, WizardDefinition.ConfigStepName,
            (WizardDefinition.ImportUnpaidOrdersItemId, "false"), (WizardDefinition.IgnoreOrdersOlderThanDaysItemId, "14")))).Error.Should().BeNull();
        var queries = services.Provider.GetRequiredService<IOrderQueries>();
        OrderPageRequest? asked = null;
        queries.GetPageAsync(Arg.Do<OrderPageRequest>(r => asked = r), Arg.Any<CancellationToken>()).Returns(new OrderPage([], false));
        var from = new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);

        var response = await services.SendAsync(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = from, PageNumber = 3 });

        response.Error.Should().BeNull();
        asked!.StoreId.Should().Be(store.Id);
        asked.IncludeUnpaid.Should().BeFalse("ImportUnpaidOrders is off");
        asked.ChangedSinceUtc.Should().Be(from.AddMinutes(-2), "UTCTimeFrom is moved back by the overlap");
        asked.ReceivedNotBeforeUtc.Should().Be((await services.UserConfigs.GetByTokenHashAsync(Domain.Common.SecretHash.Of(token).Hex, default))!.CreatedUtc.AddDays(-14));
        asked.PageNumber.Should().Be(3);
        asked.DownloadFormat.Should().Be(services.Provider.CreateScope().ServiceProvider.GetRequiredService<IOrderDownloadRenderer>().Format);
    }

    [Fact]
    public async Task ARendering_IsSentAsStored_AndAnOrderWithoutOne_IsMappedWithTheIntegrationsDefaults()
    {
        using var services = new TestServices();
        var (token, _, _) = await services.IntegrateAsync();
        (await services.SendAsync(TestServices.Save(token, WizardDefinition.ConfigStepName, (WizardDefinition.DefaultCurrencyItemId, "EUR")))).Error.Should().BeNull();
        var rendering = Encoding.UTF8.GetBytes("""{"ReferenceNumber":"R-1"}""");
        var received = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);
        var content = new OrderContent { ReferenceNumber = "R-2", PaymentStatus = PaymentStatus.Paid, ReceivedDate = received };
        services.Provider.GetRequiredService<IOrderQueries>().GetPageAsync(Arg.Any<OrderPageRequest>(), Arg.Any<CancellationToken>())
            .Returns(new OrderPage([new StoredOrder(rendering, null), new StoredOrder(null, content)], true));

        var response = await services.SendAsync(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = received, PageNumber = 1 });

        response.HasMorePages.Should().BeTrue();
        response.Orders[0].Utf8Json.Should().BeSameAs(rendering, "a stored rendering is copied, not rebuilt");
        var mapped = response.Orders[1].Order;
        response.Orders[1].Utf8Json.Should().BeNull();
        mapped.Currency.Should().Be("EUR", "an order without a currency takes the integration's DefaultCurrency");
        mapped.PaidOn.Should().Be(received);
        mapped.DispatchBy.Should().Be(received.AddDays(2));
    }

    [Fact]
    public async Task AStoredOrderDatedTheLastDay_IsMapped_AndDoesNotFailItsPage()
    {
        using var services = new TestServices();
        var (token, _, _) = await services.IntegrateAsync();
        var last = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        var content = new OrderContent { ReferenceNumber = "R-9", PaymentStatus = PaymentStatus.Paid, ReceivedDate = last };
        services.Provider.GetRequiredService<IOrderQueries>().GetPageAsync(Arg.Any<OrderPageRequest>(), Arg.Any<CancellationToken>())
            .Returns(new OrderPage([new StoredOrder(null, content)], false));

        var response = await services.SendAsync(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = DateTime.UtcNow, PageNumber = 1 });

        response.Error.Should().BeNull("an order stored before OrderRules.LatestDate leaves no room for the default DispatchBy; the page still answers");
        response.Orders.Single().Order.DispatchBy.Should().Be(last);
    }

    [Fact]
    public async Task ARenderingWithoutCurrency_IsWrittenWithTheIntegrationsDefaultCurrency_AndOthersAreUntouched()
    {
        using var services = new TestServices();
        var (token, _, _) = await services.IntegrateAsync();
        (await services.SendAsync(TestServices.Save(token, WizardDefinition.ConfigStepName, (WizardDefinition.DefaultCurrencyItemId, "EUR")))).Error.Should().BeNull();
        var renderer = services.Provider.CreateScope().ServiceProvider.GetRequiredService<IOrderDownloadRenderer>();
        var received = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

        // Text that spells the marker, as a buyer could type it: escaped inside its string, so never taken for the currency.
        var spelled = "\"Currency\":\"\"";
        var open = new OrderContent { ReferenceNumber = "R-1", ChannelBuyerName = spelled, PaymentStatus = PaymentStatus.Paid, ReceivedDate = received };
        var priced = new OrderContent { ReferenceNumber = "R-2", ChannelBuyerName = spelled, Currency = "GBP", PaymentStatus = PaymentStatus.Paid, ReceivedDate = received };
        services.Provider.GetRequiredService<IOrderQueries>().GetPageAsync(Arg.Any<OrderPageRequest>(), Arg.Any<CancellationToken>())
            .Returns(new OrderPage([new StoredOrder(renderer.Render(open), null), new StoredOrder(renderer.Render(priced), null)], false));

        var response = await services.SendAsync(new OrdersQuery { AuthorizationToken = token, UTCTimeFrom = received, PageNumber = 1 });
        var written = System.Text.Json.JsonSerializer.SerializeToNode(response, ChannelBridge.Application.Common.Json.LinnworksWireJson.WriteOptions)!["Orders"]!.AsArray();

        written[0]!["Currency"]!.GetValue<string>().Should().Be("EUR");
        written[0]!["ChannelBuyerName"]!.GetValue<string>().Should().Be(spelled);
        response.Orders[0].Order.Currency.Should().Be("EUR", "the typed view reads what is written");
        written[1]!["Currency"]!.GetValue<string>().Should().Be("GBP", "an order's own currency wins");
        written[1]!["ChannelBuyerName"]!.GetValue<string>().Should().Be(spelled);
    }

    [Fact]
    public void CurrencyIsAPropertyOfTheOrderAlone_SoTheRenderingsMarkerCannotMeanAnythingElse()
    {
        static IEnumerable<Type> Graph(Type type, HashSet<Type> seen)
        {
            if (!seen.Add(type) || type.Namespace != typeof(LinnworksOrder).Namespace)
            {
                yield break;
            }

            yield return type;
            foreach (var property in type.GetProperties())
            {
                var inner = property.PropertyType.IsGenericType ? property.PropertyType.GetGenericArguments()[0] : property.PropertyType;
                foreach (var nested in Graph(inner, seen))
                {
                    yield return nested;
                }
            }
        }

        var types = Graph(typeof(LinnworksOrder), []).ToList();
        types.Should().HaveCountGreaterThan(3, "the order, its addresses, items and notes");
        types.SelectMany(t => t.GetProperties().Where(p => p.Name == "Currency").Select(_ => t)).Should().Equal(typeof(LinnworksOrder));
    }
}
