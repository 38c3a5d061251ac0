using System.Net;
using System.Text.Json.Nodes;
using ChannelBridge.Domain.Orders;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.Features.Orders;

public abstract class PostSaleEndpointsContract(ApiFactory factory)
{
    private readonly HttpClient _linnworks = factory.Client();

    [Fact]
    public async Task Despatch_AnswersEveryReference_AndARetriedBatchIsRecordedOnce()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("D-1"), Order("D-2"));
        var batch = new
        {
            AuthorizationToken = token,
            Orders = new object[]
            {
                new { ReferenceNumber = "D-1", ShippingVendor = "Royal Mail", ShippingMethod = "First Class", TrackingNumber = "RM1", ProcessedOn = "2026-11-25T07:49:51.5036339Z",
                      Items = new object[] { new { SKU = "ABC", OrderLineNumber = "1", DespatchedQuantity = "2" }, new { SKU = "DEF", OrderLineNumber = "2", DespatchedQuantity = 1 }, new { SKU = "GHI", OrderLineNumber = "3", DespatchedQuantity = 3 } } },
                new { ReferenceNumber = "UNKNOWN", ShippingVendor = "", ShippingMethod = "", TrackingNumber = "X", Items = Array.Empty<object>() },
                new { ReferenceNumber = " D-2 ", ShippingVendor = (string?)null, ShippingMethod = (string?)null, TrackingNumber = "T2", SecondaryTrackingNumbers = new[] { "T2b" }, ProcessedOn = "0001-01-01T00:00:00",
                      Items = new object[] { new { SKU = "ABC", OrderLineNumber = "1", DespatchedQuantity = 1 } } },
            },
        };

        var first = (await _linnworks.PostJson("/api/Order/Despatch", batch)).Body;
        var retry = (await _linnworks.PostJson("/api/Order/Despatch", batch)).Body;

        foreach (var answer in new[] { first, retry })
        {
            answer["Error"].Should().BeNull();
            answer["Orders"]!.AsArray().Select(o => (o!["ReferenceNumber"]!.GetValue<string>(), o["Error"]?.GetValue<string>(), o["Retry"]!.GetValue<bool>()))
                .Should().Equal(("D-1", null, false), ("UNKNOWN", "Order UNKNOWN was not found.", false), (" D-2 ", null, false)); // as sent: Linnworks finds answers by it
        }

        var updates = await Feed(key, storeId);
        updates.Should().HaveCount(2, "one feed update per despatch, not one per call");
        var d2 = updates.Single(u => u["Payload"]!["ReferenceNumber"]!.GetValue<string>() == "D-2")["Payload"]!;
        d2["ShippingVendor"]!.GetValue<string>().Should().Be("NONE");
        d2["ShippingMethod"]!.GetValue<string>().Should().Be("Default");
        d2["SecondaryTrackingNumbers"]![0]!.GetValue<string>().Should().Be("T2b");
        d2["ProcessedOn"].Should().BeNull("an unset date (a default DateTime) is no date, as on the Channel API");
        updates.Single(u => u["Payload"]!["ReferenceNumber"]!.GetValue<string>() == "D-1")["Payload"]!["ProcessedOn"]!.GetValue<DateTime>()
            .Should().Be(new DateTime(2026, 11, 25, 7, 49, 51, DateTimeKind.Utc).AddTicks(5036339));
    }

    [Fact]
    public async Task Despatch_InSplitParts_EachPartIsAnUpdate_AndAShippedOrderIsNoLongerDownloaded()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("SP-1"));

        object Part(string tracking, int qty) => new
        {
            AuthorizationToken = token,
            Orders = new[]
            {
                new
                {
                    ReferenceNumber = "SP-1", ShippingVendor = "DPD", ShippingMethod = "Next Day", TrackingNumber = tracking,
                    Items = Array.Empty<object>(),
                    Packages = new[] { new { ShippingVendor = "DPD", ShippingMethod = "Next Day", TrackingNumber = tracking, Items = new object[] { new { SKU = "ABC", OrderLineNumber = "1", DespatchedQuantity = qty } } } },
                },
            },
        };

        (await _linnworks.PostJson("/api/Order/Despatch", Part("P1", 1))).Body["Orders"]![0]!["Error"].Should().BeNull();
        (await Downloaded(token)).Should().Contain("SP-1", "part of it is still to ship");
        (await _linnworks.PostJson("/api/Order/Despatch", Part("P2", 1))).Body["Orders"]![0]!["Error"].Should().BeNull();
        (await _linnworks.PostJson("/api/Order/Despatch", new
        {
            AuthorizationToken = token,
            Orders = new[] { new { ReferenceNumber = "SP-1", TrackingNumber = "P3", Items = new object[] { new { SKU = "DEF", OrderLineNumber = "2", DespatchedQuantity = 1 }, new { SKU = "GHI", OrderLineNumber = "3", DespatchedQuantity = 3 } } } },
        })).Body["Orders"]![0]!["Error"].Should().BeNull();

        (await Feed(key, storeId)).Select(u => u["Payload"]!["TrackingNumber"]!.GetValue<string>()).Should().Equal("P1", "P2", "P3");
        (await Downloaded(token)).Should().NotContain("SP-1");
    }

    [Fact]
    public async Task Despatch_InOneCall_PartsOfOneOrderAndARepeatOfAPart_AreEachRecordedOnce_AsSeparateCallsWouldRecordThem()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("OC-1"), Order("OC-2"));
        object Part(string reference, string tracking, params (string Line, string Sku, int Qty)[] lines) => new
        {
            ReferenceNumber = reference, TrackingNumber = tracking,
            Items = lines.Select(l => new { SKU = l.Sku, OrderLineNumber = l.Line, DespatchedQuantity = l.Qty }).ToArray(),
        };
        var call = new
        {
            AuthorizationToken = token,
            Orders = new[]
            {
                Part("OC-1", "P1", ("1", "ABC", 2)),
                Part("OC-2", "Q1", ("1", "ABC", 2), ("2", "DEF", 1), ("3", "GHI", 3)),
                Part("OC-1", "P1", ("1", "ABC", 2)),             // the same part again: recorded once
                Part("OC-1", "P2", ("2", "DEF", 1), ("3", "GHI", 3)),
                Part("OC-1", "P3", ("9", "NOPE", 1)),           // a line the order does not have: its own error
            },
        };

        var first = (await _linnworks.PostJson("/api/Order/Despatch", call)).Body;
        var again = (await _linnworks.PostJson("/api/Order/Despatch", call)).Body;

        foreach (var answer in new[] { first, again })
        {
            answer["Orders"]!.AsArray().Select(o => (o!["ReferenceNumber"]!.GetValue<string>(), o["Error"] is null)).Should().Equal(
                ("OC-1", true), ("OC-2", true), ("OC-1", true), ("OC-1", true), ("OC-1", false));
        }

        first["Orders"]![4]!["Error"]!.GetValue<string>().Should().Contain("9");
        (await Feed(key, storeId)).Select(u => u["Payload"]!["TrackingNumber"]!.GetValue<string>()).Should().Equal("P1", "Q1", "P2");
        (await Downloaded(token)).Should().NotContain(["OC-1", "OC-2"], "every line of both is despatched");
    }

    [Fact]
    public async Task Despatch_WhenTheCallsTransactionMeetsAConcurrentChange_EvenWithTheWritesHeld_RecordsEachOrderOnItsOwn()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("CC-1"), Order("CC-2"));
        using var conflicting = WithFailingBatches(() => new Domain.Common.ConcurrencyConflictException(nameof(ChannelOrder), "CC-1"));

        var (_, body) = await conflicting.CreateClient().PostJson("/api/Order/Despatch", new
        {
            AuthorizationToken = token,
            Orders = new[] { new { ReferenceNumber = "CC-1", TrackingNumber = "T1" }, new { ReferenceNumber = "CC-2", TrackingNumber = "T2" } },
        });

        body["Orders"]!.AsArray().Select(o => (o!["ReferenceNumber"]!.GetValue<string>(), o["Error"] is null, o["Retry"]!.GetValue<bool>())).Should().Equal(("CC-1", true, false), ("CC-2", true, false));
        (await Feed(key, storeId)).Select(u => u["Payload"]!["TrackingNumber"]!.GetValue<string>()).Should().Equal("T1", "T2");
    }

    [Fact]
    public async Task Despatch_WhenTheCallsTransactionMeetsAConcurrentChange_IsDecidedAgainWithTheWritesHeld_InOneTransaction()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("CH-1"), Order("CH-2"));
        var counted = new WriteCounts();
        using var conflicting = WithFailingBatches(() => new Domain.Common.ConcurrencyConflictException(nameof(ChannelOrder), "CH-1"), failingWrites: 1, counted);

        var (_, body) = await conflicting.CreateClient().PostJson("/api/Order/Despatch", new
        {
            AuthorizationToken = token,
            Orders = new[] { new { ReferenceNumber = "CH-1", TrackingNumber = "T1" }, new { ReferenceNumber = "CH-2", TrackingNumber = "T2" } },
        });

        body["Orders"]!.AsArray().Select(o => (o!["ReferenceNumber"]!.GetValue<string>(), o["Error"] is null, o["Retry"]!.GetValue<bool>())).Should().Equal(("CH-1", true, false), ("CH-2", true, false));
        (counted.BatchWrites, counted.OrderWrites).Should().Be((2, 0), "the call's second write holds the store's writes and records both orders at once, not one by one");
        (await Feed(key, storeId)).Select(u => u["Payload"]!["TrackingNumber"]!.GetValue<string>()).Should().Equal("T1", "T2");
    }

    [Fact]
    public async Task Despatch_WhenTheCallsTransactionFindsTheDatabaseBusy_AsksToRetryWhatItWouldHaveRecorded_RepeatsIncluded()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("BB-1"));
        using var busy = WithFailingBatches(() => new SqliteException("database is locked", 5));

        var (_, body) = await busy.CreateClient().PostJson("/api/Order/Despatch", new
        {
            AuthorizationToken = token,
            Orders = new[] { new { ReferenceNumber = "BB-1", TrackingNumber = "T1" }, new { ReferenceNumber = "BB-1", TrackingNumber = "T1" }, new { ReferenceNumber = "BB-X", TrackingNumber = "T2" } },
        });

        body["Orders"]!.AsArray().Select(o => (o!["ReferenceNumber"]!.GetValue<string>(), o["Retry"]!.GetValue<bool>(), o["Error"]?.GetValue<string>())).Should().Equal(
            ("BB-1", true, "Temporarily unable to record this despatch; please retry."),
            ("BB-1", true, "Temporarily unable to record this despatch; please retry."), // the repeat lands with the first or not at all
            ("BB-X", false, "Order BB-X was not found."));
        (await Feed(key, storeId)).Should().BeEmpty();
    }

    [Fact]
    public async Task Reports_NamingAReferenceLongerThanAnyOrders_AreAnsweredWithoutEchoingIt_AndChangeNothing()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        var longest = new string('L', OrderRules.ReferenceMaxLength);
        var order = System.Text.Json.JsonSerializer.SerializeToNode(Order(longest))!.AsObject();
        order["ExternalReference"] = "PAY-L";
        (await store.Push(storeId, order))["Results"]![0]!["Status"]!.GetValue<string>().Should().Be("Created");
        var tooLong = new string('X', 5_000);

        var despatch = (await _linnworks.PostJson("/api/Order/Despatch", new
        {
            AuthorizationToken = token,
            Orders = new object[]
            {
                new { ReferenceNumber = tooLong, TrackingNumber = "T1", Items = Array.Empty<object>() },
                new { ReferenceNumber = $" {longest} ", TrackingNumber = "T2", Items = Array.Empty<object>() },
            },
        })).Body;

        despatch["Orders"]!.AsArray().Select(o => (o!["ReferenceNumber"]!.GetValue<string>(), o["Error"]?.GetValue<string>()))
            .Should().Equal((tooLong, OrderRules.ReferenceNamesNoOrder), ($" {longest} ", null)); // a padded reference of the longest length is still found
        despatch.ToJsonString().Length.Should().BeLessThan(2 * tooLong.Length, "the reference comes back once, as the answer's ReferenceNumber");
        (await _linnworks.PostJson("/api/Order/Cancel", new { AuthorizationToken = token, Cancellation = new { ReferenceNumber = tooLong } })).Body["Error"]!.GetValue<string>()
            .Should().Be(OrderRules.ReferenceNamesNoOrder);
        (await _linnworks.PostJson("/api/Order/Refund", new { AuthorizationToken = token, Refund = new { ReferenceNumber = tooLong } })).Body["Error"]!.GetValue<string>()
            .Should().Be(OrderRules.ReferenceNamesNoOrder);
        var statuses = await store.PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/orders/status", new { Orders = new[] { new { ReferenceNumber = tooLong, PaymentStatus = "PAID" } } });
        var status = (await statuses.Content.ReadFromJsonAsync<JsonObject>())!["Results"]![0]!;
        (status["Status"]!.GetValue<string>(), status["Errors"]![0]!.GetValue<string>()).Should().Be(("Rejected", OrderRules.ReferenceNamesNoOrder));

        (await Feed(key, storeId)).Select(u => u["Payload"]!["ReferenceNumber"]!.GetValue<string>()).Should().Equal(longest);
    }

    [Fact]
    public async Task Despatch_WithoutOrders_OrForAnUnlinkedIntegration_IsAnError()
    {
        var (token, _, _) = await factory.Integrate();
        (await _linnworks.PostJson("/api/Order/Despatch", new { AuthorizationToken = token })).Body["Error"]!.GetValue<string>().Should().Be("Orders is required.");

        var unlinked = await _linnworks.AddNewUser();
        var body = (await _linnworks.PostJson("/api/Order/Despatch", new { AuthorizationToken = unlinked, Orders = new[] { new { ReferenceNumber = "R" } } })).Body;
        body["Error"]!.GetValue<string>().Should().Contain("not linked");
        body["Orders"]![0]!["ReferenceNumber"]!.GetValue<string>().Should().Be("R");
    }

    [Fact]
    public async Task CancelAndRefund_ReachTheFeed_NamingTheOrderAsStored_AndThePaddedReferenceIsTheSameReport()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("R-2"));
        object Refund(string reference) => new { AuthorizationToken = token, Refund = new { ReferenceNumber = reference, Items = new[] { new { SKU = "ABC", OrderLineNumber = "1", RefundAmount = 9.99m } } } };
        object Cancel(string reference) => new { AuthorizationToken = token, Cancellation = new { ReferenceNumber = reference, Items = new[] { new { SKU = "GHI", OrderLineNumber = "3", CancellationQuantity = 1 } } } };

        var padded = (await _linnworks.PostJson("/api/Order/Refund", Refund(" R-2 "))).Body;
        var plain = (await _linnworks.PostJson("/api/Order/Refund", Refund("R-2"))).Body;
        (await _linnworks.PostJson("/api/Order/Cancel", Cancel("R-2\t"))).Body["Error"].Should().BeNull();
        (await _linnworks.PostJson("/api/Order/Cancel", Cancel("R-2"))).Body["Error"].Should().BeNull();

        plain["RefundReference"]!.GetValue<string>().Should().Be(padded["RefundReference"]!.GetValue<string>(), "one refund, however its reference was spaced");
        var updates = await Feed(key, storeId);
        updates.Select(u => (u["Type"]!.GetValue<string>(), u["Payload"]!["ReferenceNumber"]!.GetValue<string>())).Should().Equal(("Refund", "R-2"), ("Cancel", "R-2"));
    }

    [Fact]
    public async Task CancelAndRefund_AreRecordedOnce_RefundKeepsItsReference_UnknownOrdersAreErrors()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("R-1"));
        var refund = new { AuthorizationToken = token, Refund = new { ReferenceNumber = "R-1", RefundShippingAmount = 3.99m, Items = new[] { new { SKU = "ABC", OrderLineNumber = "1", RefundAmount = 9.99m, Reason = "Damaged" } } } };
        var cancel = new { AuthorizationToken = token, Cancellation = new { ReferenceNumber = "R-1", Items = new[] { new { SKU = "GHI", OrderLineNumber = "3", CancellationQuantity = 3, Reason = "OutOfStock" } } } };

        var firstRefund = (await _linnworks.PostJson("/api/Order/Refund", refund)).Body;
        var secondRefund = (await _linnworks.PostJson("/api/Order/Refund", refund)).Body;
        (await _linnworks.PostJson("/api/Order/Cancel", cancel)).Body.ToJsonString().Should().Be("""{"Error":null}""");
        (await _linnworks.PostJson("/api/Order/Cancel", cancel)).Body.ToJsonString().Should().Be("""{"Error":null}""");

        var huge = new { AuthorizationToken = token, Refund = new { ReferenceNumber = "R-1", Items = new[] { new { SKU = "ABC", OrderLineNumber = "1", RefundAmount = decimal.MaxValue } } } };
        (await _linnworks.PostJson("/api/Order/Refund", huge)).Body["Error"]!.GetValue<string>().Should().Be("RefundAmount cannot be more than 999999999999999.9999.");

        firstRefund["Error"].Should().BeNull();
        firstRefund["RefundReference"]!.GetValue<string>().Should().StartWith("RF-").And.Be(secondRefund["RefundReference"]!.GetValue<string>());
        var updates = await Feed(key, storeId);
        updates.Select(u => u["Type"]!.GetValue<string>()).Should().Equal("Refund", "Cancel");
        updates[0]["Reference"]!.GetValue<string>().Should().Be(firstRefund["RefundReference"]!.GetValue<string>());

        (await _linnworks.PostJson("/api/Order/Refund", new { AuthorizationToken = token, Refund = new { ReferenceNumber = "NOPE" } })).Body["Error"]!.GetValue<string>().Should().Contain("not found");
        (await _linnworks.PostJson("/api/Order/Cancel", new { AuthorizationToken = token, Cancellation = new { ReferenceNumber = "NOPE" } })).Body["Error"]!.GetValue<string>().Should().Contain("not found");
        (await _linnworks.PostJson("/api/Order/Cancel", new { AuthorizationToken = token })).Body["Error"]!.GetValue<string>().Should().Be("Cancellation is required.");
    }

    [Fact]
    public async Task Despatch_WhenTheDatabaseIsBusy_AsksLinnworksToRetryEveryOrder()
    {
        var (token, _, _) = await factory.Integrate();
        using var busy = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IOrderRepository, LockedOrders>()));

        var (response, body) = await busy.CreateClient().PostJson("/api/Order/Despatch", new
        {
            AuthorizationToken = token,
            Orders = new[] { new { ReferenceNumber = "A", TrackingNumber = "1" }, new { ReferenceNumber = "B", TrackingNumber = "2" } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["Orders"]!.AsArray().Select(o => (o!["ReferenceNumber"]!.GetValue<string>(), o["Retry"]!.GetValue<bool>())).Should().Equal(("A", true), ("B", true));
    }

    [Fact]
    public async Task PostSaleOptions_SayWhatTheBridgeSupports()
    {
        var (token, _, _) = await factory.Integrate();

        var body = (await _linnworks.PostJson("/api/Order/PostSaleOptions", new { AuthorizationToken = token })).Body;

        body["CanCancel"]!.GetValue<bool>().Should().BeTrue();
        body["CanReturn"]!.GetValue<bool>().Should().BeFalse();
        body["RefundShippingTypes"]!.GetValue<int>().Should().Be(2);
        body["PostSaleReasons"]!.AsArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Feed_PagesByCursor_AckMovesTheDefaultStart_AndBadCursorsAreRefused()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, [.. Enumerable.Range(1, 5).Select(i => Order($"F-{i}"))]);
        foreach (var i in Enumerable.Range(1, 5))
        {
            await _linnworks.PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = $"F-{i}", TrackingNumber = $"T{i}" } } });
        }

        var first = await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates?limit=2");
        first!["Updates"]!.AsArray().Should().HaveCount(2);
        var next = first["NextCursor"]!.GetValue<long>();
        var rest = await store.GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates?after={next}");
        rest!["Updates"]!.AsArray().Should().HaveCount(3);

        (await store.PostJson($"/api/channel/v1/stores/{storeId}/updates/ack", new { Cursor = next })).Body["AcknowledgedCursor"]!.GetValue<long>().Should().Be(next);
        (await Feed(key, storeId)).Should().HaveCount(3, "reading without 'after' starts after the acknowledged cursor");
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/updates/ack", new { Cursor = next - 1 })).Body["AcknowledgedCursor"]!.GetValue<long>()
            .Should().Be(next, "the cursor never moves back");

        (await store.PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/updates/ack", new { Cursor = 999_999_999 })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var missing = await store.PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/updates/ack", new { });
        var negative = await store.PostAsJsonAsync($"/api/channel/v1/stores/{storeId}/updates/ack", new { Cursor = -1 });
        (missing.StatusCode, negative.StatusCode).Should().Be((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest));
        (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["Cursor"]![0]!.GetValue<string>().Should().StartWith("Cursor is required");
        (await negative.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["Cursor"]![0]!.GetValue<string>().Should().StartWith("Cursor cannot be negative");
        (await store.GetAsync($"/api/channel/v1/stores/{storeId}/updates?limit=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (_, otherKey) = await factory.CreateStore();
        (await factory.ChannelClient(otherKey).GetAsync($"/api/channel/v1/stores/{storeId}/updates")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private sealed class LockedOrders : IOrderRepository
    {
        private static Exception Locked() => new SqliteException("database is locked", 5);

        public Task<IReadOnlyDictionary<string, ChannelOrder>> GetByReferencesAsync(string storeId, IReadOnlyCollection<string> referenceNumbers, CancellationToken cancellationToken) => throw Locked();

        public Task SaveChangesAsync(IReadOnlyList<OrderToSave> orders, CancellationToken cancellationToken) => throw Locked();

        public Task SaveErasedAsync(IReadOnlyList<OrderToSave> orders, CancellationToken cancellationToken) => throw Locked();

        public Task<StoreUpdate?> FindUpdateAsync(string storeId, string dedupKey, CancellationToken cancellationToken) => throw Locked();

        public Task<StoreUpdate> SaveWithFeedEntryAsync(OrderToSave order, StoreUpdate feedEntry, CancellationToken cancellationToken) => throw Locked();

        public Task<IReadOnlySet<string>> FindUpdateKeysAsync(string storeId, IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken) => throw Locked();

        public Task SaveWithFeedEntriesAsync(IReadOnlyList<OrderToSave> orders, IReadOnlyList<StoreUpdate> feedEntries, CancellationToken cancellationToken) => throw Locked();

        public Task<OrdersHeld> GetHeldAsync(string storeId, CancellationToken cancellationToken) => throw Locked();
    }

    /// <summary>How many of a call's writes of several orders, and of one order, reached the repository.</summary>
    private sealed class WriteCounts
    {
        public int BatchWrites;
        public int OrderWrites;
    }

    /// <summary>
    /// The real repository, except that its first <paramref name="failingWrites"/> writes of a call's despatches together
    /// (every one, by default) fail with <paramref name="failure"/>; every write counted.
    /// </summary>
    private sealed class FailingBatches(IOrderRepository real, Func<Exception> failure, int failingWrites, WriteCounts counts) : IOrderRepository
    {
        public Task<IReadOnlyDictionary<string, ChannelOrder>> GetByReferencesAsync(string storeId, IReadOnlyCollection<string> referenceNumbers, CancellationToken cancellationToken) =>
            real.GetByReferencesAsync(storeId, referenceNumbers, cancellationToken);

        public Task SaveChangesAsync(IReadOnlyList<OrderToSave> orders, CancellationToken cancellationToken) => real.SaveChangesAsync(orders, cancellationToken);

        public Task SaveErasedAsync(IReadOnlyList<OrderToSave> orders, CancellationToken cancellationToken) => real.SaveErasedAsync(orders, cancellationToken);

        public Task<StoreUpdate?> FindUpdateAsync(string storeId, string dedupKey, CancellationToken cancellationToken) => real.FindUpdateAsync(storeId, dedupKey, cancellationToken);

        public Task<StoreUpdate> SaveWithFeedEntryAsync(OrderToSave order, StoreUpdate feedEntry, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counts.OrderWrites);
            return real.SaveWithFeedEntryAsync(order, feedEntry, cancellationToken);
        }

        public Task<IReadOnlySet<string>> FindUpdateKeysAsync(string storeId, IReadOnlyCollection<string> dedupKeys, CancellationToken cancellationToken) =>
            real.FindUpdateKeysAsync(storeId, dedupKeys, cancellationToken);

        public Task SaveWithFeedEntriesAsync(IReadOnlyList<OrderToSave> orders, IReadOnlyList<StoreUpdate> feedEntries, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref counts.BatchWrites) <= failingWrites ? throw failure() : real.SaveWithFeedEntriesAsync(orders, feedEntries, cancellationToken);

        public Task<OrdersHeld> GetHeldAsync(string storeId, CancellationToken cancellationToken) => real.GetHeldAsync(storeId, cancellationToken);
    }

    [Fact]
    public async Task Feed_AnEntryWhosePayloadWasDamagedInTheDatabase_IsAnsweredWithoutIt_AndTheFeedReadsOnPastIt()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("DMG-1"));
        foreach (var (sku, line) in new[] { ("ABC", "1"), ("GHI", "3") })
        {
            var cancel = new { AuthorizationToken = token, Cancellation = new { ReferenceNumber = "DMG-1", Items = new[] { new { SKU = sku, OrderLineNumber = line, CancellationQuantity = 1, Reason = "OutOfStock" } } } };
            (await _linnworks.PostJson("/api/Order/Cancel", cancel)).Body["Error"].Should().BeNull();
        }

        // An operator's hand edit (a redaction by SQL, say) leaves the first entry's payload not JSON.
        factory.EditFeedByHand(storeId, "Payload = '<redacted>'", firstOnly: true).Should().Be(1);

        var store = factory.ChannelClient(key);
        var response = await store.GetAsync($"/api/channel/v1/stores/{storeId}/updates");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var updates = (await response.Content.ReadFromJsonAsync<JsonObject>())!["Updates"]!.AsArray().Select(u => u!.AsObject()).ToList();
        updates.Should().HaveCount(2);
        updates[0]["Payload"].Should().BeNull();
        updates[0]["Error"]!.GetValue<string>().Should().Be(StoreUpdate.UnreadablePayload);
        updates[1]["Error"].Should().BeNull();
        updates[1]["Payload"]!["Items"]![0]!["SKU"]!.GetValue<string>().Should().Be("GHI");

        var damaged = updates[0]["Cursor"]!.GetValue<long>();
        (await store.PostJson($"/api/channel/v1/stores/{storeId}/updates/ack", new { Cursor = damaged })).Body["AcknowledgedCursor"]!.GetValue<long>().Should().Be(damaged);
        (await Feed(key, storeId)).Select(u => u["Cursor"]!.GetValue<long>()).Should().Equal(updates[1]["Cursor"]!.GetValue<long>());
    }

    [Fact]
    public async Task Feed_AnEntryWhoseDateWasDamagedInTheDatabase_IsAnsweredAsUnset_WithItsPayload()
    {
        var (token, storeId, key) = await factory.Integrate();
        await factory.ChannelClient(key).Push(storeId, Order("DMG-2"));
        (await _linnworks.PostJson("/api/Order/Cancel", new { AuthorizationToken = token, Cancellation = new { ReferenceNumber = "DMG-2" } })).Body["Error"].Should().BeNull();
        factory.EditFeedByHand(storeId, "ReceivedUtc = 'yesterday'").Should().Be(1);

        var response = await factory.ChannelClient(key).GetAsync($"/api/channel/v1/stores/{storeId}/updates");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var update = (await response.Content.ReadFromJsonAsync<JsonObject>())!["Updates"]![0]!;
        update["ReceivedUtc"]!.GetValue<string>().Should().Be("0001-01-01 00:00:00Z", "an unset date, which a platform reading into a DateTime reads as its default");
        update["Payload"]!["ReferenceNumber"]!.GetValue<string>().Should().Be("DMG-2");
        update["Error"].Should().BeNull("the payload, what the platform acts on, is whole");
    }

    private WebApplicationFactory<Program> WithFailingBatches(Func<Exception> failure, int failingWrites = int.MaxValue, WriteCounts? counts = null) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddScoped<ChannelBridge.Infrastructure.Persistence.Repositories.OrderRepository>();
            s.AddScoped<IOrderRepository>(p => new FailingBatches(
                p.GetRequiredService<ChannelBridge.Infrastructure.Persistence.Repositories.OrderRepository>(), failure, failingWrites, counts ?? new WriteCounts()));
        }));

    private async Task<List<JsonObject>> Feed(string key, string storeId) =>
        [.. (await factory.ChannelClient(key).GetFromJsonAsync<JsonObject>($"/api/channel/v1/stores/{storeId}/updates?limit=1000"))!["Updates"]!.AsArray().Select(u => u!.AsObject())];

    private async Task<List<string>> Downloaded(string token)
    {
        var (_, body) = await _linnworks.PostJson("/api/Order/Orders", new { AuthorizationToken = token, UTCTimeFrom = "2020-01-01T00:00:00Z", PageNumber = 1 });
        return [.. body["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>())];
    }
}

/// <summary>The service as it runs on SQLite.</summary>
public sealed class PostSaleEndpointsTests(ApiFactory factory) : PostSaleEndpointsContract(factory), IClassFixture<ApiFactory>;

/// <summary>The same with the service's writes sent in batches, as on SQL Server (ADR-045, <see cref="BatchingApiFactory"/>).</summary>
public sealed class PostSaleEndpointsWithBatchesTests(BatchingApiFactory factory) : PostSaleEndpointsContract(factory), IClassFixture<BatchingApiFactory>;
