using System.Collections.Concurrent;
using ChannelBridge.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Api.FunctionalTests.Features.Webhooks;

/// <summary>
/// A channel platform's webhook endpoint on loopback: verifies every delivery with the official Standard Webhooks library
/// (as a platform's receiver would), can be switched down.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, string secret)
    {
        _app = app;
        Secret = secret;
    }

    /// <summary>The secret it verifies with; set it to the one the service made when none was sent.</summary>
    public string Secret { get; set; }

    /// <summary>The last delivery as it arrived: its headers and body (to check what the library refuses).</summary>
    public (IHeaderDictionary Headers, string Body)? Last { get; private set; }

    public bool Down { get; set; }

    /// <summary>When set, every delivery is answered with this status (and Retry-After, when <see cref="RetryAfterSeconds"/> is set).</summary>
    public int? AnswerStatus { get; set; }

    public int? RetryAfterSeconds { get; set; }

    /// <summary>When set, every delivery is answered 302 to this address (a receiver trying to redirect delivery elsewhere).</summary>
    public Uri? RedirectTo { get; set; }

    /// <summary>
    /// When set, every delivery is accepted (200) with a body that never ends: 64 KiB every 10 ms for up to 15 s, for as
    /// long as the caller reads (a receiver trying to fill the service's memory, or to hold its worker).
    /// </summary>
    public bool EndlessAnswer { get; set; }

    /// <summary>The bytes of endless answers the callers took before they stopped reading.</summary>
    public long EndlessBytesSent => Interlocked.Read(ref _endlessBytesSent);

    private long _endlessBytesSent;

    /// <summary>How long each delivery takes to be answered (a receiver with work to do).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>When set, every delivery waits for this before it is answered (a receiver that is slow or hangs); <see cref="Held"/> counts them.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public int Held => Volatile.Read(ref _held);

    private int _held;

    /// <summary>When each delivery arrived, in arrival order.</summary>
    public ConcurrentQueue<DateTime> Arrivals { get; } = new();

    /// <summary>Delivery ids in arrival order (accepted and refused alike).</summary>
    public ConcurrentQueue<(string Id, string Event, bool SignatureValid, bool Accepted, string Body)> Received { get; } = new();

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook");

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            receiver.Arrivals.Enqueue(DateTime.UtcNow);
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (receiver.Delay > TimeSpan.Zero)
            {
                await Task.Delay(receiver.Delay, context.RequestAborted);
            }

            if (receiver.Hold is { } hold)
            {
                Interlocked.Increment(ref receiver._held);
                await hold.Task.WaitAsync(context.RequestAborted);
            }

            var valid = Verifies(receiver.Secret, body, context.Request.Headers);
            receiver.Last = (new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), body);
            if (receiver.RedirectTo is { } target)
            {
                receiver.Received.Enqueue((context.Request.Headers[WebhookSignature.IdHeader].ToString(), "redirected", valid, false, body));
                return Results.Redirect(target.ToString());
            }

            if (receiver.AnswerStatus is { } status)
            {
                receiver.Received.Enqueue((context.Request.Headers[WebhookSignature.IdHeader].ToString(), "answered " + status, valid, false, body));
                if (receiver.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return Results.StatusCode(status);
            }

            if (receiver.EndlessAnswer)
            {
                receiver.Received.Enqueue((context.Request.Headers[WebhookSignature.IdHeader].ToString(), "endless", valid, valid, body));
                await receiver.AnswerEndlesslyAsync(context);
                return Results.Empty;
            }

            var accepted = valid && !receiver.Down;
            receiver.Received.Enqueue((context.Request.Headers[WebhookSignature.IdHeader].ToString(), context.Request.Headers[WebhookSignature.EventHeader].ToString(), valid, accepted, body));
            return accepted ? Results.Ok() : Results.StatusCode(valid ? 503 : 401);
        });
        await app.StartAsync();
        return receiver;
    }

    private async Task AnswerEndlesslyAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        var chunk = new byte[64 * 1024];
        var until = DateTime.UtcNow.AddSeconds(15);
        try
        {
            while (DateTime.UtcNow < until && !context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                Interlocked.Add(ref _endlessBytesSent, chunk.Length);
                await Task.Delay(10, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The caller stopped reading and closed the connection.
        }
    }

    /// <summary>What the official library says of a delivery: true when one of its signatures is by <paramref name="secret"/>, on time.</summary>
    public static bool Verifies(string secret, string body, IHeaderDictionary headers)
    {
        try
        {
            new StandardWebhooks.StandardWebhook(secret).Verify(body, headers);
            return true;
        }
        catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
        {
            return false;
        }
    }

    /// <summary>A secret in Standard Webhooks' form, as the service makes them.</summary>
    public static string NewSecret() => Domain.Stores.Webhook.NewSecret();

    public IReadOnlyList<string> AcceptedIds() => [.. Received.Where(r => r.Accepted).Select(r => r.Id)];

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
