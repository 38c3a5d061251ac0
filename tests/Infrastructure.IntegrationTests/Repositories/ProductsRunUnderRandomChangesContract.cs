using ChannelBridge.Domain.Listings;
using ChannelBridge.Domain.Stores;

namespace ChannelBridge.Infrastructure.IntegrationTests.Repositories;

/// <summary>
/// Products runs paged while the store's listings change under them at random, checked against a model of the store:
/// between pages, listings are created, deleted, and created again under a SKU deleted before; pages land on the run's
/// node or on another node that counts them again from nothing, and are asked for again. A listing the run held when it
/// began and that is still there is served (ADR-005), and a listing served is one the run held, still there when served:
/// one created again under its SKU during the run is the next run's. The scenarios are seeded: a failure names its seed
/// and repeats.
/// </summary>
public abstract class ProductsRunUnderRandomChangesContract(DatabaseFixture database)
{
    private const int Seeds = 100;
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    [SkippableFact]
    public async Task ARun_ServesEveryListingItHeldThatIsStillThere_WhateverChangesBetweenItsPages()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        await RandomRun.CheckSeedsAsync(Seeds, async random => await Scenario.StartAsync(database, random));
    }

    /// <summary>One store, one integration's Products run over it, and the model of the listings it holds (each SKU's life).</summary>
    private sealed class Scenario(DatabaseFixture database, Random random, string storeId) : RandomRun(random)
    {
        // A SKU's current life (1 when first created, one more each time it is created again), or absent when deleted.
        private readonly Dictionary<string, int> _alive = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _lives = new(StringComparer.Ordinal);
        private readonly string _integration = Guid.NewGuid().ToString("N");
        private readonly int _pageSize = random.Next(1, 5);
        private Dictionary<string, int> _held = [];
        private HashSet<string> _served = [];
        private int _created;

        public static async Task<Scenario> StartAsync(DatabaseFixture database, Random random)
        {
            var (store, _) = Store.Create("Random " + Guid.NewGuid().ToString("N")[..6], Now).Value;
            await database.Stores.SaveAsync(store, default);
            var scenario = new Scenario(database, random, store.Id);
            for (var i = random.Next(3, 20); i > 0; i--)
            {
                await scenario.ChangeAsync(createOnly: true);
            }

            scenario.Log.AppendLine($"page size {scenario._pageSize}");
            return scenario;
        }

        /// <summary>A run begins: the listings it holds (each SKU in its life now), none served yet.</summary>
        protected override void BeginRun() =>
            (_held, _served) = (new Dictionary<string, int>(_alive, StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

        protected override void CheckNothingLost()
        {
            foreach (var (sku, life) in _held.Where(h => _alive.GetValueOrDefault(h.Key) == h.Value && !_served.Contains(h.Key)))
            {
                Problems.Add($"{sku} (life {life}), held by the run and still there, was not served");
            }
        }

        protected override Task ChangeAsync() => ChangeAsync(createOnly: false);

        /// <summary>Page <paramref name="n"/> from the run's node or from another that counts it again; whether more follow.</summary>
        protected override async Task<bool> ServeAsync(int n)
        {
            var otherNode = Random.Next(3) == 0;
            var node = otherNode ? await database.AnotherNodesListingQueriesAsync(_integration) : database.ListingQueries;
            var page = await node.GetPageAsync(_integration, storeId, n, _pageSize, default);
            var skus = page.Listings.Select(l => l.SKU).ToList();
            Log.AppendLine($"page {n}{(otherNode ? " (another node)" : string.Empty)}: {string.Join(' ', skus)}{(page.HasMorePages ? " …" : string.Empty)}");
            foreach (var sku in skus)
            {
                if (!_held.TryGetValue(sku, out var life) || _alive.GetValueOrDefault(sku) != life)
                {
                    Problems.Add($"page {n} served {sku}, which the run did not hold in this life or which is gone");
                }

                _served.Add(sku);
            }

            return page.HasMorePages;
        }

        /// <summary>One change to the store's listings: a new SKU, one deleted, or a deleted SKU created again.</summary>
        private async Task ChangeAsync(bool createOnly)
        {
            var deleted = Enumerable.Range(1, _created).Select(i => $"RL-{i:D3}").Where(s => !_alive.ContainsKey(s)).ToList();
            var kind = createOnly || _alive.Count == 0 ? 0 : Random.Next(3);
            if (kind == 1)
            {
                var sku = _alive.Keys.ElementAt(Random.Next(_alive.Count));
                (await database.Listings.DeleteAsync(storeId, [sku], default)).Should().Equal(sku);
                _alive.Remove(sku);
                Log.AppendLine($"  - {sku}");
                return;
            }

            var created = kind == 2 && deleted.Count > 0 ? deleted[Random.Next(deleted.Count)] : $"RL-{++_created:D3}";
            await database.Listings.SaveAsync([Listing.Create(storeId, Listing.Validate(created, "Mug", 1, 1m, null).Value, Now)], [], default);
            _alive[created] = _lives[created] = _lives.GetValueOrDefault(created) + 1;
            Log.AppendLine($"  + {created} (life {_alive[created]})");
        }
    }
}

public sealed class SqliteProductsRunUnderRandomChangesTests(SqliteDatabaseFixture database)
    : ProductsRunUnderRandomChangesContract(database), IClassFixture<SqliteDatabaseFixture>;

/// <summary>The same on SQLite with its writes sent in batches, as on SQL Server (<see cref="SqliteBatchingDatabaseFixture"/>).</summary>
public sealed class SqliteBatchedProductsRunUnderRandomChangesTests(SqliteBatchingDatabaseFixture database)
    : ProductsRunUnderRandomChangesContract(database), IClassFixture<SqliteBatchingDatabaseFixture>;

[Trait("Category", "Docker")]
public sealed class SqlServerProductsRunUnderRandomChangesTests(SqlServer.SqlServerDatabaseFixture database)
    : ProductsRunUnderRandomChangesContract(database), IClassFixture<SqlServer.SqlServerDatabaseFixture>;
