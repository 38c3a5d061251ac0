using System.Net;
using System.Net.Sockets;
using System.Text;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Domain.UserConfigs;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Framing;

/// <summary>Linnworks' transport rules: exact Content-Length, never chunked, never a 5xx, bad input changes nothing.</summary>
public class FramingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.Client();

    public static TheoryData<string, string, string> Requests => new()
    {
        { "POST", "/api/Config/AddNewUser", """{"LinnworksUniqueIdentifier":"005d4263-5a0c-43ce-bdc5-526955604107","Email":"a@b.com","AccountName":"A"}""" },
        { "POST", "/api/Config/UserConfig", """{"AuthorizationToken":"unknown"}""" },
        { "POST", "/api/Config/SaveConfig", """{"AuthorizationToken":""" },
        { "POST", "/api/Config/ShippingTags", "" },
        { "GET", "/api/manifest", "" },
        { "GET", "/health", "" },
        { "GET", "/api/channel/v1/stores/x", "" },
        { "GET", "/swagger/v1/swagger.json", "" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task EveryResponse_OverARealSocket_HasAnExactContentLengthAndIsNotChunked(string method, string path, string body)
    {
        var raw = await RawHttp(method, path, body);

        var headerEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = raw[..headerEnd].Split("\r\n").Skip(1).ToDictionary(h => h[..h.IndexOf(':', StringComparison.Ordinal)].ToLowerInvariant(), h => h[(h.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
        headers.Should().NotContainKey("transfer-encoding");
        headers.Should().ContainKey("content-length");
        Encoding.UTF8.GetByteCount(raw[(headerEnd + 4)..]).Should().Be(int.Parse(headers["content-length"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("{\"AuthorizationToken\":")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    [InlineData("{\"AuthorizationToken\":\"t\",\"StepName\":\"ConnectStore\",\"ConfigItems\":\"not-an-array\"}")]
    public async Task MalformedOrMistypedBody_Answers200WithErrorAndTheDefaultShape(string json)
    {
        var (response, body) = await _client.PostRaw("/api/Config/SaveConfig", json);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["Error"]!.GetValue<string>().Should().StartWith(LinnworksErrors.MalformedRequest);
        body["ConfigItems"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData("{\"AuthorizationToken\":{\"nested\":1},\"Orders\":[{\"ReferenceNumber\":\"A\"},{\"ReferenceNumber\":\"B\"}]}")]
    [InlineData("{\"AuthorizationToken\":[\"t\"],\"Orders\":[{\"ReferenceNumber\":\"A\"},{\"ReferenceNumber\":\"B\"}]}")]
    [InlineData("{\"AuthorizationToken\":\"\\ud800\",\"Orders\":[{\"ReferenceNumber\":\"A\"},{\"ReferenceNumber\":\"B\"}]}")]
    public async Task ATokenThatIsNotText_IsNoToken_AndEveryItemIsStillAnswered(string json)
    {
        var (response, body) = await _client.PostRaw("/api/Order/Despatch", json);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["Error"]!.GetValue<string>().Should().Be(LinnworksErrors.InvalidToken);
        body["Orders"]!.AsArray().Select(o => o!["ReferenceNumber"]!.GetValue<string>()).Should().Equal("A", "B");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task ABodyWithoutAJsonContentType_IsStillReadAsJson(string? contentType)
    {
        using var content = new ByteArrayContent("{\"AuthorizationToken\":\"unknown\"}"u8.ToArray());
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var response = await _client.PostAsync("/api/Config/UserConfig", content);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ApiClientExtensions.ReadObject(response))["Error"]!.GetValue<string>().Should().Be(LinnworksErrors.InvalidToken);
    }

    [Fact]
    public async Task MalformedBody_ChangesNothing()
    {
        var token = await _client.AddNewUser();

        await _client.PostRaw("/api/Config/SaveConfig", $$"""{"AuthorizationToken":"{{token}}","StepName":"ConnectStore","ConfigItems":[{"ConfigItemId":"StoreId","SelectedValue":"x"}""");

        var (_, state) = await _client.PostJson("/api/Config/UserConfig", new { AuthorizationToken = token });
        state["StepName"]!.GetValue<string>().Should().Be("ConnectStore");
        state["ConfigItems"]!.AsArray().Should().OnlyContain(i => i!["SelectedValue"]!.GetValue<string>() == "");
    }

    [Fact]
    public async Task BodyOverTheLimit_Answers200WithError()
    {
        var huge = new string('x', 5 * 1024 * 1024);

        var (response, body) = await _client.PostRaw("/api/Config/UserConfig", $$"""{"AuthorizationToken":"{{huge}}"}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["Error"]!.GetValue<string>().Should().StartWith(LinnworksErrors.RequestTooLarge);
        body["ConfigItems"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ChunkedBodyOverTheLimit_IsCutOffAndAnswered200WithError()
    {
        var raw = await RawHttp("POST", "/api/Config/UserConfig", null, chunkedBytes: 5 * 1024 * 1024);

        raw.Should().StartWith("HTTP/1.1 200", raw);
        raw.Should().Contain(LinnworksErrors.RequestTooLarge, raw);
    }

    [Fact]
    public async Task UnexpectedFailure_OnALinnworksRoute_Is200WithATraceId_OnTheChannelApi_A500WithoutDetails()
    {
        using var failing = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddScoped<IUserConfigRepository, ThrowingUserConfigs>();
            s.AddScoped<Domain.Stores.IStoreRepository, ThrowingStores>();
        }));
        var client = failing.CreateClient();

        var (response, body) = await client.PostJson("/api/Config/UserConfig", new { AuthorizationToken = "any" });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body["Error"]!.GetValue<string>().Should().StartWith("An unexpected error occurred (trace id ");
        body["ConfigItems"]!.AsArray().Should().BeEmpty();
        body.ToJsonString().Should().NotContain("database on fire");

        client.DefaultRequestHeaders.Authorization = new("Bearer", "sk_whatever");
        var problem = await client.GetAsync("/api/channel/v1/stores/abc");
        problem.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var text = await problem.Content.ReadAsStringAsync();
        text.Should().Contain("\"traceId\"").And.NotContain("database on fire");
        problem.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private async Task<string> RawHttp(string method, string path, string? body, int chunkedBytes = 0)
    {
        var address = new Uri(_client.BaseAddress!, path);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_client.BaseAddress!.Host, _client.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var request = new StringBuilder($"{method} {address.PathAndQuery} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        if (chunkedBytes > 0)
        {
            request.Append("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
            var prefix = "{\"AuthorizationToken\":\""u8.ToArray();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{prefix.Length:X}\r\n"));
            await stream.WriteAsync(prefix);
            await stream.WriteAsync("\r\n"u8.ToArray());
            var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            var sent = 0;
            try
            {
                while (sent < chunkedBytes)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n"));
                    await stream.WriteAsync(chunk);
                    await stream.WriteAsync("\r\n"u8.ToArray());
                    sent += chunk.Length;
                }

                await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
            }
            catch (IOException)
            {
                // The server may stop reading once the limit is hit; its answer is still there to read.
            }
        }
        else
        {
            var bytes = Encoding.UTF8.GetBytes(body ?? string.Empty);
            if (method == "POST")
            {
                request.Append($"Content-Type: application/json\r\nContent-Length: {bytes.Length}\r\n");
            }

            request.Append("\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));
            await stream.WriteAsync(bytes);
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private sealed class ThrowingUserConfigs : IUserConfigRepository
    {
        public Task<UserConfig?> GetByTokenHashAsync(string tokenHashHex, CancellationToken cancellationToken) => throw new InvalidOperationException("database on fire");

        public Task<UserConfig?> GetByIdAsync(string id, CancellationToken cancellationToken) => throw new InvalidOperationException("database on fire");

        public Task SaveAsync(UserConfig userConfig, CancellationToken cancellationToken) => throw new InvalidOperationException("database on fire");

        public Task<int> CountLinkedAsync(string storeId, string exceptId, CancellationToken cancellationToken) => throw new InvalidOperationException("database on fire");
    }

    private sealed class ThrowingStores : Domain.Stores.IStoreRepository
    {
        public Task<Domain.Stores.Store?> GetByIdAsync(string storeId, CancellationToken cancellationToken) => throw new InvalidOperationException("database on fire");

        public Task<Domain.Stores.Store?> GetByKeyHashAsync(string keyHashHex, CancellationToken cancellationToken) => throw new InvalidOperationException("database on fire");

        public Task<Domain.Stores.StoreAccess?> GetAccessAsync(string storeId, CancellationToken cancellationToken) => throw new InvalidOperationException("database on fire");

        public Task SaveAsync(Domain.Stores.Store store, CancellationToken cancellationToken) => throw new InvalidOperationException("database on fire");
    }
}
