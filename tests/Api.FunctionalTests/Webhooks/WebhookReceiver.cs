using System.Collections.Concurrent;
using ChannelBridge.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Api.FunctionalTests.Webhooks;

/// <summary>A channel platform's webhook endpoint on loopback: verifies every signature, can be switched down.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, string secret)
    {
        _app = app;
        Secret = secret;
    }

    public string Secret { get; }

    public bool Down { get; set; }

    /// <summary>When set, every delivery is answered 302 to this address (a receiver trying to redirect delivery elsewhere).</summary>
    public Uri? RedirectTo { get; set; }

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
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var valid = WebhookSignature.Verify(receiver.Secret, context.Request.Headers[WebhookSignature.TimestampHeader], body,
                context.Request.Headers[WebhookSignature.SignatureHeader], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            if (receiver.RedirectTo is { } target)
            {
                receiver.Received.Enqueue((context.Request.Headers[WebhookSignature.DeliveryIdHeader].ToString(), "redirected", valid, false, body));
                return Results.Redirect(target.ToString());
            }

            var accepted = valid && !receiver.Down;
            receiver.Received.Enqueue((context.Request.Headers[WebhookSignature.DeliveryIdHeader].ToString(), context.Request.Headers[WebhookSignature.EventHeader].ToString(), valid, accepted, body));
            return accepted ? Results.Ok() : Results.StatusCode(valid ? 503 : 401);
        });
        await app.StartAsync();
        return receiver;
    }

    public IReadOnlyList<string> AcceptedIds() => [.. Received.Where(r => r.Accepted).Select(r => r.Id)];

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
