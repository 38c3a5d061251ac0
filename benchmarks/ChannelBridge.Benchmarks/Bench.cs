using System.Diagnostics;
using System.Globalization;
using ChannelBridge.Application.Config.AddNewUser;
using ChannelBridge.Application.Config.SaveConfig;
using ChannelBridge.Application.Orders;
using ChannelBridge.Application.Stores.CreateStore;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChannelBridge.Benchmarks;

/// <summary>
/// What every scenario shares: the arguments, the service (the real Application and Infrastructure over a SQLite file,
/// no HTTP), its clock, the orders store the scenarios build on, and the output the run prints and writes.
/// </summary>
internal sealed class Bench : IAsyncDisposable
{
    private readonly List<string> _output = [];
    private readonly List<Microsoft.Extensions.Hosting.IHostedService> _hosted;

    private Bench(string[] args)
    {
        Target = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        ListingTarget = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        Samples = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
        MarkdownOut = args.Length > 3 ? args[3] : null;
        Directory = Path.Combine(Path.GetTempPath(), "channelbridge-bench-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChannelBridge"] = $"Data Source={DbPath}",
            ["ChannelApi:OperatorKey"] = "benchmark-operator-key-0123456789abcdef",
            ["DataProtection:KeyRingKey"] = "benchmark-key-ring-key-0123456789abcdef",
            ["RateLimits:LinnworksPerIntegrationPerMinute"] = "1000000",
            ["Webhooks:DeliveryEnabled"] = "false",
            ["Orders:PersonalDataSweepInterval"] = "1.00:00:00",   // the personal data section runs its sweep itself
        }).AddEnvironmentVariables().Build(); // e.g. Database__SqliteCheckpointInterval=0 for an A/B run
        Services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("ChannelBridge", LogLevel.Error))
            .AddApplication(Configuration)
            .AddInfrastructure(Configuration)
            .AddSingleton<TimeProvider>(Clock)
            .BuildServiceProvider();
        Services.MigrateDatabase();
        _hosted = [.. Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()];
    }

    public int Target { get; }

    public int ListingTarget { get; }

    public int Samples { get; }

    /// <summary>At least 100 samples a row for the update batches: of 50, the p99 is the slowest one (one disk hiccup), not a percentile.</summary>
    public int BatchSamples => Math.Max(100, Samples);

    /// <summary>Samples of the full-size batches, which are slow enough that fewer do.</summary>
    public int FullSamples => Math.Max(5, Samples / 20);

    public string? MarkdownOut { get; }

    public string Directory { get; }

    public string DbPath => Path.Combine(Directory, "bench.db");

    public IConfiguration Configuration { get; }

    /// <summary>The service's clock, which the personal data section moves past the retention (no waiting for 30 days).</summary>
    public BenchClock Clock { get; } = new();

    public ServiceProvider Services { get; }

    /// <summary>One generator for every random SKU and value, seeded, so runs pick the same ones.</summary>
    public Random Random { get; } = new(42);

    /// <summary>The first download run's start: every order is received after it.</summary>
    public DateTime Since { get; } = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The orders store and its integration's token (made by <see cref="StartAsync"/>).</summary>
    public (string StoreId, string Token) Orders { get; private set; }

    /// <summary>Orders seeded so far, and the time their ingest took.</summary>
    public int Seeded { get; set; }

    public Stopwatch IngestClock { get; } = new();

    /// <summary>
    /// What the process allocated while the seeding batches were sent (the upsert's own share: nothing else runs then but
    /// the log's checkpoint, which allocates next to nothing). Fewer bytes an order mean fewer collections, each of which
    /// stops every request while it copies the batches in flight.
    /// </summary>
    public long IngestAllocatedBytes { get; set; }

    /// <summary>The service, its background work running as it does in the service (the log's checkpoints, ADR-012), and the orders store.</summary>
    public static async Task<Bench> StartAsync(string[] args)
    {
        var bench = new Bench(args);
        foreach (var service in bench._hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        var (storeId, _, token) = await bench.IntegrateAsync("Benchmark", "Bench");
        await bench.Send(new SaveConfigCommand { AuthorizationToken = token, StepName = "OrderSettings", ConfigItems = [] });
        bench.Orders = (storeId, token);
        return bench;
    }

    public async Task<T> Send<T>(IRequest<T> request)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>A store and an integration linked to it through the wizard's first step.</summary>
    public async Task<(string StoreId, string StoreKey, string Token)> IntegrateAsync(string storeName, string accountName)
    {
        var store = (await Send(new CreateStoreCommand { Name = storeName })).Value;
        var token = (await Send(new AddNewUserCommand { LinnworksUniqueIdentifier = Guid.NewGuid().ToString(), Email = "bench@example.com", AccountName = accountName })).AuthorizationToken!;
        await Send(new SaveConfigCommand { AuthorizationToken = token, StepName = "ConnectStore", ConfigItems = [new() { ConfigItemId = "StoreId", SelectedValue = store.StoreId }, new() { ConfigItemId = "StoreKey", SelectedValue = store.StoreKey }] });
        return (store.StoreId, store.StoreKey, token);
    }

    /// <summary>
    /// A plain connection to the service's file for a floor's database work, set up as the service's connections are: the
    /// background service checkpoints, so commits checkpoint only past a backstop of 10,000 pages (ADR-012).
    /// </summary>
    public async Task<Microsoft.Data.Sqlite.SqliteConnection> OpenRawConnectionAsync()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath};Pooling=True");
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA wal_autocheckpoint = 10000;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Prints a line of the report and keeps it for the markdown file.</summary>
    public void Emit(string line)
    {
        Console.WriteLine(line);
        _output.Add(line);
    }

    /// <summary>
    /// Page <paramref name="page"/> of the orders store's run from <paramref name="from"/>, in ms; an Error stops the Bench,
    /// naming what ran <paramref name="during"/> it.
    /// </summary>
    public async Task<double> OrdersPageMsAsync(DateTime from, int page, string during)
    {
        var clock = Stopwatch.StartNew();
        var response = await Send(new Application.Orders.GetOrders.OrdersQuery { AuthorizationToken = Orders.Token, UTCTimeFrom = from, PageNumber = page });
        if (response.Error is not null)
        {
            throw new InvalidOperationException($"Orders page during {during} failed: " + response.Error);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    public static (double, double) Percentiles(List<double> times)
    {
        times.Sort();
        return (times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.99) - 1)]);
    }

    /// <summary>Times <paramref name="call"/> <paramref name="count"/> times, one after the other (with a pause before each, if given).</summary>
    public static async Task<List<double>> Repeat(int count, Func<int, Task> call, TimeSpan pause = default)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause);
            }

            var clock = Stopwatch.StartNew();
            await call(i);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    /// <summary>The seeded orders' shape: one delivery address, three lines, a tenth unpaid.</summary>
    public static OrderDto NewOrder(int i) => new()
    {
        ReferenceNumber = "B" + i.ToString("D8", CultureInfo.InvariantCulture),
        PaymentStatus = i % 10 == 0 ? "UNPAID" : "PAID",
        Currency = "GBP",
        ReceivedDate = DateTime.UtcNow.AddMinutes(-i % 10_000),
        PostalServiceCost = 3.99m,
        DeliveryAddress = new AddressDto { FullName = "Buyer " + i, Address1 = i + " High Street", Town = "London", PostCode = "EC1V 9HL", Country = "United Kingdom", CountryCode = "GB", EmailAddress = $"buyer{i}@example.com" },
        OrderItems =
        [
            new OrderItemDto { OrderLineNumber = "1", SKU = "SKU-" + (i % 5000), ItemTitle = "Blue mug", Qty = 2, PricePerUnit = 9.99m, TaxRate = 20 },
            new OrderItemDto { OrderLineNumber = "2", SKU = "SKU-" + ((i + 1) % 5000), ItemTitle = "Saucer", Qty = 1, PricePerUnit = 4.50m, TaxRate = 20 },
            new OrderItemDto { OrderLineNumber = "3", SKU = "SKU-" + ((i + 2) % 5000), ItemTitle = "Spoon", Qty = 3, PricePerUnit = 1.25m, TaxRate = 20 },
        ],
    };

    /// <summary>Writes the markdown file, prints the database's size, stops the service and deletes its files.</summary>
    public async ValueTask DisposeAsync()
    {
        if (MarkdownOut is not null)
        {
            await File.WriteAllLinesAsync(MarkdownOut, _output);
        }

        Console.WriteLine($"Database file: {new FileInfo(DbPath).Length / 1024 / 1024:N0} MiB");
        foreach (var service in _hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>The system clock moved on by <see cref="Offset"/>: retention passes without waiting.</summary>
internal sealed class BenchClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
