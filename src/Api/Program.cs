using ChannelBridge.Api.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

// SQLite waits for a busy writer by sleeping on the calling thread (Microsoft.Data.Sqlite's busy loop). With
// the database locked, each waiting request holds a pool thread for up to its deadline, and the pool adds
// threads only about once a second: on 2 cores, answers and /health queued behind that. A higher floor
// keeps them within the deadline (ADR-008).
ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
ThreadPool.SetMinThreads(Math.Max(minWorkers, 64), minIo);

// The configuration files are polled for changes (every 4 seconds) rather than watched: the framework's watcher
// covers the whole content root, where the default SQLite file lives, and handled an event for every page SQLite
// wrote (ADR-019). An operator's own setting of the variable wins.
if (Environment.GetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}

try
{
var builder = WebApplication.CreateBuilder(args);
if (builder.Environment.IsProduction())
{
    builder.Logging.ClearProviders();
    builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);   // one JSON object per line, for log shippers
}

// The host logs a start-up failure with its stack trace; Main prints it once, as one line naming the setting.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

// [RequestSizeLimit]'s filter warns that it could not apply its limit whenever the body was read before it runs, which
// every body is (ADR-023): RequestBodyPreReadMiddleware applies that limit itself before reading. A warning on every
// /oauth/token call would say the opposite of what happens.
builder.Logging.AddFilter("Microsoft.AspNetCore.Mvc.Filters.RequestSizeLimitFilter", LogLevel.Error);
builder.Services.AddChannelBridgeTelemetry(builder.Configuration);

builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration)
    .AddApi(builder.Configuration, builder.Environment);
builder.WebHost.ConfigureKestrel((context, k) =>
{
    // Kestrel's limits under their usual keys (Kestrel:Limits:MaxConcurrentConnections, …), which the host binds for
    // endpoints only. Operators bound open connections with it (ADR-023); the body limit below is Api's own.
    context.Configuration.GetSection("Kestrel:Limits").Bind(k.Limits);
    var api = k.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>().Value;
    k.Limits.MaxRequestBodySize = api.MaxChannelRequestBytes;
    // Every body is read ahead of its turn and held against a budget (ADR-023): it must keep arriving, on every protocol
    // (on HTTP/2 only the server-wide rate applies). Kestrel's grace period; 0 keeps Kestrel's own 240 bytes a second.
    if (api.MinRequestBodyBytesPerSecond > 0)
    {
        k.Limits.MinRequestBodyDataRate = new MinDataRate(api.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(5));
    }

    k.AddServerHeader = false;   // no framework or server details in answers
});
var apiOptions = builder.Configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();

var app = builder.Build();

// Every setting is checked before the database is touched: a misconfigured start creates no file and runs no
// migration, and is refused with one line naming the setting (the host checks them again when it starts).
app.Services.GetService<IStartupValidator>()?.Validate();
app.Services.MigrateDatabase();
app.Services.AlignClockWithDatabase();

// The last line a healthy start prints (after the host's own "Application started" lines): the node is serving.
app.Lifetime.ApplicationStarted.Register(() =>
{
    Gen0Budget.Report(app.Logger);
    SettingsFileCheck.Report(app.Environment, app.Logger);
    app.Logger.LogInformation("ChannelBridge is ready: listening on {Addresses}", string.Join(", ", app.Urls));
});

// First: a request's Linnworks deadline counts from here, including any wait for a turn (RequestQueue, ADR-013).
app.UseMiddleware<RequestArrivalMiddleware>();
if (apiOptions.KnownProxies.Length > 0)
{
    var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
    forwarded.KnownProxies.Clear();
    forwarded.KnownIPNetworks.Clear();
    foreach (var proxy in apiOptions.KnownProxies)
    {
        forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    }

    app.UseForwardedHeaders(forwarded);
}

app.UseMiddleware<ContentLengthMiddleware>();
app.UseMiddleware<LinnworksMethodMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
if (!app.Environment.IsProduction() || apiOptions.ExposeOpenApi)
{
    app.UseOpenApi();
    app.UseSwaggerUi();
}

// A Channel API key is checked first, before its body is read and before its turn, which it takes within the Channel
// API's share of the turns and its key's share of that (ADR-024). Bodies are read before a turn is taken, so a slow
// sender holds no turn (ADR-023). A Linnworks call's token, in its body, is looked up while the body is read, as soon as
// its first bytes hold it, so the body counts against its store's share of the bodies held (ADR-026), and the call takes
// its turn within its integration's share (ADR-025).
app.UseMiddleware<ChannelCallerMiddleware>();
app.UseMiddleware<RequestBodyPreReadMiddleware>();
app.UseMiddleware<LinnworksCallerMiddleware>();
app.UseRateLimiter();
app.Use(RequestQueue.MarkTurn);
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();
app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });

app.Run();
return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    // One line, naming what to fix; exit code 1 (not an unhandled-exception abort).
    Console.Error.WriteLine($"ChannelBridge cannot start: {StartupFailure.Describe(ex)}");
    return 1;
}

/// <summary>Entry point; public so functional tests can host it.</summary>
public partial class Program;
