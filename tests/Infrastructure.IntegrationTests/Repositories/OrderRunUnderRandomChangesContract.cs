using ChannelBridge.Application.Orders;
using ChannelBridge.Domain.Orders;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>
/// Orders runs paged while the store changes under them at random, checked against a model of the store rather than
/// against pages written out by hand: between pages, orders arrive, change payment status and received date across the
/// run's filter, are despatched or cancelled by Linnworks in part or in full, erased and sent again; the seller changes the
/// download settings; pages land on the run's node or on another node that counts them again from nothing, are asked for
/// again, end at a small window of changes or at the byte budget; Linnworks now and then downloads again from page 1.
/// Whatever happens, an order the run held when it began (wanted and in the downloads under its settings) that the
/// platform has not changed since and that has not left the downloads is served (ADR-005): it has no later change to bring
/// it into the next run, so a run that skips it loses it. Every order served is one the run held, and is in the downloads
/// and wanted under the run's settings when served. The scenarios are seeded: a failure names its seed and repeats.
/// </summary>
public abstract class OrderRunUnderRandomChangesContract(DatabaseFixture database)
{
    private const int Seeds = 100;
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime NotBefore = Now.AddDays(-30);

    [SkippableFact]
    public async Task ARun_ServesEveryOrderItHeldThatDidNotChange_WhateverChangesBetweenItsPages()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        await RandomRun.CheckSeedsAsync(Seeds, async random => await Scenario.StartAsync(database, random));
    }

    /// <summary>One store, one integration's run over it, and the model of what the store holds.</summary>
    private sealed class Scenario(DatabaseFixture database, Random random, string storeId, string integration) : RandomRun(random)
    {
        private readonly Dictionary<string, Modelled> _orders = new(StringComparer.Ordinal);
        private readonly string _integration = integration;
        private readonly int _pageSize = random.Next(1, 5);
        private readonly int _scanLimit = random.Next(1, 9);
        private readonly int _budget = random.Next(4) switch { 0 => 1, 1 => random.Next(300, 1500), _ => int.MaxValue };
        private readonly (bool IncludeUnpaid, DateTime? NotBefore) _filter = (random.Next(2) == 0, random.Next(3) == 0 ? null : NotBefore);
        private HashSet<string> _held = [];
        private HashSet<string> _atStart = [];
        private HashSet<string> _served = [];
        private int _step;

        public static async Task<Scenario> StartAsync(DatabaseFixture database, Random random)
        {
            // An integration linked to its store, as Linnworks makes them.
            var (storeId, integration) = await database.LinkedIntegrationAsync(Now.AddDays(-2), "Random");
            var scenario = new Scenario(database, random, storeId, integration);
            for (var i = random.Next(5, 25); i > 0; i--)
            {
                await scenario.ChangeAsync(arriveOnly: true);
            }

            scenario.Log.AppendLine($"page size {scenario._pageSize}, window {scenario._scanLimit}, budget {scenario._budget}, run's settings {scenario._filter}");
            return scenario;
        }

        /// <summary>A run begins: the orders it holds (wanted and in the downloads), the orders there are, none served yet.</summary>
        protected override void BeginRun()
        {
            _orders.Values.ToList().ForEach(o => (o.ChangedSinceTheRunBegan, o.LeftTheDownloadsDuringTheRun) = (false, false));
            _held = _orders.Where(o => o.Value.Wanted(_filter)).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
            (_atStart, _served) = (_orders.Keys.ToHashSet(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        }

        protected override void CheckNothingLost()
        {
            foreach (var lost in _held.Where(r => !_orders[r].ChangedSinceTheRunBegan && !_orders[r].LeftTheDownloadsDuringTheRun && !_served.Contains(r)))
            {
                Problems.Add($"{lost}, held by the run and unchanged since it began, was not served");
            }
        }

        protected override Task ChangeAsync() => ChangeAsync(arriveOnly: false);

        /// <summary>Page <paramref name="n"/> from the run's node or from another that counts it again; whether more follow.</summary>
        protected override async Task<bool> ServeAsync(int n)
        {
            var otherNode = Random.Next(3) == 0;
            var node = otherNode ? await database.AnotherNodesOrderQueriesAsync(_integration, _scanLimit) : database.OrderQueriesScanning(_scanLimit);

            // The seller may have changed the settings since page 1: the run keeps its own.
            var (includeUnpaid, notBefore) = n > 1 && Random.Next(3) == 0 ? (!_filter.IncludeUnpaid, _filter.NotBefore is null ? NotBefore : null) : _filter;
            var page = await node.GetPageAsync(
                new OrderPageRequest(_integration, storeId, Now.AddDays(-1), n, _pageSize, includeUnpaid, notBefore, _budget, DatabaseFixture.Renderer.Format), default);
            var references = page.Orders.Select(o => o.Reference()).ToList();
            Log.AppendLine($"page {n}{(otherNode ? " (another node)" : string.Empty)}: {string.Join(' ', references)}{(page.HasMorePages ? " …" : string.Empty)}");
            foreach (var reference in references)
            {
                if (!_atStart.Contains(reference) || !_orders[reference].Wanted(_filter))
                {
                    Problems.Add($"page {n} served {reference}, which the run did not hold or which is not wanted now");
                }

                _served.Add(reference);
            }

            return page.HasMorePages;
        }

        /// <summary>
        /// One change to the store, the model's and the database's: a new order; Linnworks' despatch or cancellation of all
        /// or part of one (no change the downloads see, unless it leaves them); an erasure; or the platform sending one again.
        /// </summary>
        private async Task ChangeAsync(bool arriveOnly)
        {
            var at = Now.AddMinutes(++_step);
            var existing = _orders.Keys.ToList();
            var kind = arriveOnly || existing.Count == 0 ? 0 : Random.Next(5);
            if (kind == 0)
            {
                var created = new Modelled($"RND-{_orders.Count + 1:D3}", PaymentStatusAtRandom(), Random.Next(3) == 0);
                _orders.Add(created.Reference, created);
                await database.Orders.SaveChangesAsync([ChannelOrder.Receive(storeId, created.Content(), "h0", at)], default);
                Log.AppendLine($"  + {created}");
                return;
            }

            var modelled = _orders[existing[Random.Next(existing.Count)]];
            var order = (await database.Orders.GetByReferencesAsync(storeId, [modelled.Reference], default))[modelled.Reference];
            if (kind == 1)
            {
                var (type, lines) = Random.Next(5) switch
                {
                    0 => (StoreUpdateTypes.Despatch, Array.Empty<PostSaleLine>()),
                    1 => (StoreUpdateTypes.Despatch, [new PostSaleLine("1", "ABC", 1)]),
                    2 => (StoreUpdateTypes.Despatch, [new PostSaleLine("2", "DEF", 1)]),
                    3 => (StoreUpdateTypes.Cancel, [new PostSaleLine("1", "ABC", 1)]),
                    _ => (StoreUpdateTypes.Cancel, new[] { new PostSaleLine("2", "DEF", 1) }),
                };
                (type == StoreUpdateTypes.Despatch ? order.RecordDespatch(lines, at) : order.RecordCancellation(lines, at)).IsSuccess.Should().BeTrue();
                await database.Orders.SaveWithFeedEntryAsync(order, new StoreUpdate(0, storeId, type, at, "{}", $"p-{_step}"), default);
                modelled.Despatched = order.Status == OrderStatus.Despatched;
                modelled.LeftTheDownloadsDuringTheRun |= modelled.Despatched;
                Log.AppendLine($"  {type} {(lines.Length == 0 ? "all" : $"line {lines[0].OrderLineNumber}")}: {modelled} ({order.Status})");
                return;
            }

            if (kind == 2 && !modelled.Erased)
            {
                order.ErasePersonalData(at).Should().BeTrue();
                await database.Orders.SaveErasedAsync([order], default);
                (modelled.Erased, modelled.LeftTheDownloadsDuringTheRun) = (true, true);
                Log.AppendLine($"  erased: {modelled}");
                return;
            }

            // The platform sends the order again, changed: its payment status, its received date, or neither.
            (modelled.PaymentStatus, modelled.ReceivedTooEarly) = (PaymentStatusAtRandom(), Random.Next(3) == 0);
            order.Replace(modelled.Content() with { Site = $"s{_step}" }, $"h{_step}", at).Should().BeTrue();
            await database.Orders.SaveChangesAsync([order], default);
            (modelled.Erased, modelled.ChangedSinceTheRunBegan) = (false, true);
            Log.AppendLine($"  ~ {modelled}");
        }

        private string PaymentStatusAtRandom() => Random.Next(10) switch
        {
            < 6 => PaymentStatus.Paid,
            < 9 => PaymentStatus.Unpaid,
            _ => PaymentStatus.Cancelled,
        };
    }

    /// <summary>What the model holds of an order: what decides whether a run wants it.</summary>
    private sealed class Modelled(string reference, string paymentStatus, bool receivedTooEarly)
    {
        public string Reference => reference;

        public string PaymentStatus { get; set; } = paymentStatus;

        public bool ReceivedTooEarly { get; set; } = receivedTooEarly;

        /// <summary>Every unit despatched or cancelled, at least one despatched: out of the downloads.</summary>
        public bool Despatched { get; set; }

        public bool Erased { get; set; }

        /// <summary>The platform changed it since the run began: a change the downloads see, which brings it into the next run.</summary>
        public bool ChangedSinceTheRunBegan { get; set; }

        /// <summary>Despatched in full or erased since the run began: it keeps its place and is not served (ADR-005).</summary>
        public bool LeftTheDownloadsDuringTheRun { get; set; }

        /// <summary>In the downloads (not despatched in full, not erased) and wanted under the run's settings.</summary>
        public bool Wanted((bool IncludeUnpaid, DateTime? NotBefore) filter) =>
            !Despatched && !Erased && (filter.IncludeUnpaid || PaymentStatus != Domain.Orders.PaymentStatus.Unpaid) && (filter.NotBefore is null || !ReceivedTooEarly);

        public OrderContent Content() => OrderRepositoryContract.Content(reference) with
        {
            PaymentStatus = PaymentStatus,
            ReceivedDate = ReceivedTooEarly ? NotBefore.AddDays(-3) : Now.AddHours(-1),
        };

        public override string ToString() =>
            $"{reference} {PaymentStatus.ToLowerInvariant()}{(ReceivedTooEarly ? ", too early" : string.Empty)}{(Despatched ? ", despatched" : string.Empty)}{(Erased ? ", erased" : string.Empty)}";
    }
}

public sealed class SqliteOrderRunUnderRandomChangesTests(SqliteDatabaseFixture database)
    : OrderRunUnderRandomChangesContract(database), IClassFixture<SqliteDatabaseFixture>;

/// <summary>The same on SQLite with its writes sent in batches, as on SQL Server (<see cref="SqliteBatchingDatabaseFixture"/>).</summary>
public sealed class SqliteBatchedOrderRunUnderRandomChangesTests(SqliteBatchingDatabaseFixture database)
    : OrderRunUnderRandomChangesContract(database), IClassFixture<SqliteBatchingDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerOrderRunUnderRandomChangesTests(SqlServer.SqlServerDatabaseFixture database)
    : OrderRunUnderRandomChangesContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
