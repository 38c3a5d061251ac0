using System.Net;
using ChannelBridge.Api.FunctionalTests.Features.Webhooks;
using ChannelBridge.Infrastructure.Webhooks;
using ChannelBridge.Tests;
using Microsoft.Extensions.Options;
using static ChannelBridge.Api.FunctionalTests.Features.Orders.OrderBuilder;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Security;

/// <summary>A store owner cannot turn webhooks inward: not at registration, not by redirect, not by DNS.</summary>
public class WebhookDestinationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string Secret = Features.Webhooks.WebhookReceiver.NewSecret();

    public static TheoryData<string> InternalUrls =>
    [
        "https://169.254.169.254/latest/meta-data/",   // cloud metadata
        "https://[fd00:ec2::254]/",                    // AWS metadata over IPv6 (unique-local)
        "https://10.0.0.1/hook",
        "https://172.16.5.4/hook",
        "https://192.168.1.1/hook",
        "https://100.64.0.1/hook",                     // CGNAT
        "https://127.0.0.1:22/",
        "https://localhost:22/",
        "https://localhost./hook",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",             // IPv4-mapped
        "https://[::ffff:a9fe:a9fe]/hook",             // IPv4-mapped metadata
        "https://[64:ff9b::a9fe:a9fe]/hook",           // NAT64 metadata
        "https://2130706433/hook",                     // 127.0.0.1 as a decimal
        "https://0x7f000001/hook",                     // … in hex
        "https://0177.0.0.1/hook",                     // … in octal
        "https://127.1/hook",                          // … shortened
        "https://0.0.0.0/hook",
        "https://[::]/hook",
        "https://[fe80::1]/hook",
        "https://224.0.0.1/hook",
        "https://255.255.255.255/hook",
        "http://93.184.215.14/hook",                   // plain http is not allowed by default
        "https://user:secret@93.184.215.14/hook",      // a password in the URL would be stored in clear
        "ftp://93.184.215.14/hook",
    ];

    [Theory]
    [MemberData(nameof(InternalUrls))]
    public async Task Registration_RefusesInternalAddressesInEveryForm(string url)
    {
        var (_, storeId, key) = await factory.Integrate();

        var (response, body) = await factory.ChannelClient(key).PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = url, Secret });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body.ToJsonString());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await factory.ChannelClient(key).GetAsync($"/api/channel/v1/stores/{storeId}/webhook")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was stored");
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.169.254")]
    public async Task AtConnectTime_AnInternalAddressIsRefused_WhateverTheRegistrationSaw(string host)
    {
        // What DNS answers when the connection is made is checked again (a name can re-point after registration).
        var guard = new WebhookDestinationGuard(Options.Create(new WebhookOptions()));
        using var handler = new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, AllowAutoRedirect = false, UseProxy = false };
        using var client = new HttpClient(handler);

        var sending = () => client.PostAsync($"http://{host}:9/hook", new StringContent("{}"));

        (await sending.Should().ThrowAsync<HttpRequestException>()).WithInnerException<WebhookDestinationRefusedException>();
    }

    [Fact]
    public async Task APublicAddress_IsAllowedByThePolicy()
    {
        var guard = new WebhookDestinationGuard(Options.Create(new WebhookOptions()));

        (await guard.CheckAsync(new Uri("https://93.184.215.14/hook"), default)).IsSuccess.Should().BeTrue();
        (await guard.CheckAsync(new Uri("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook"), default)).IsSuccess.Should().BeTrue();
    }
}

/// <summary>With private networks allowed (loopback receivers), a redirect is still never followed.</summary>
public class WebhookRedirectTests(FastWebhookApiFactory factory) : IClassFixture<FastWebhookApiFactory>
{
    private static readonly string Secret = Features.Webhooks.WebhookReceiver.NewSecret();

    [Fact]
    public async Task ARedirect_IsAFailedAttempt_AndNeverMarksTheUpdateDelivered()
    {
        await using var elsewhere = await WebhookReceiver.StartAsync(Secret);
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.RedirectTo = elsewhere.Url;
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("RD-1"));
        (await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = receiver.Url, Secret })).Response.StatusCode.Should().Be(HttpStatusCode.OK);

        await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = "RD-1", TrackingNumber = "T" } } });
        var state = await Features.Webhooks.WebhookTests.EventuallyState(store, storeId, s => s["Attempts"]!.GetValue<int>() >= 2);

        state["LastError"]!.GetValue<string>().Should().StartWith("redirect refused (HTTP 302)");
        state["DeliveredCursor"]!.GetValue<long>().Should().Be(0);
        elsewhere.Received.Should().BeEmpty("the redirect was not followed");

        receiver.RedirectTo = null;
        await Eventually.True(() => receiver.AcceptedIds().Count == 1, "the webhook should deliver once the redirect is gone");
    }

    [Fact]
    public async Task AClosedPort_IsReportedAsConnectionFailed_WithoutSocketText()
    {
        var (token, storeId, key) = await factory.Integrate();
        var store = factory.ChannelClient(key);
        await store.Push(storeId, Order("CP-1"));
        await store.PutJson($"/api/channel/v1/stores/{storeId}/webhook", new { Url = "http://127.0.0.1:9/hook", Secret });

        await factory.Client().PostJson("/api/Order/Despatch", new { AuthorizationToken = token, Orders = new[] { new { ReferenceNumber = "CP-1", TrackingNumber = "T" } } });
        var state = await Features.Webhooks.WebhookTests.EventuallyState(store, storeId, s => s["LastError"] is not null);

        state["LastError"]!.GetValue<string>().Should().MatchRegex("^connection failed for update [0-9]+$");
    }
}
