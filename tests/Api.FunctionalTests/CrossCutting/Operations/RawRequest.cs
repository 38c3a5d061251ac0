using System.Net.Sockets;
using System.Text;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>
/// One HTTP/1.1 POST written by hand on its own connection, so a test can send its body in parts, at its own pace, as a
/// slow or hostile sender does; on the real server (<see cref="ServiceProcess"/>), since the in-memory test server hands
/// the app a body only once it has it all.
/// </summary>
internal sealed class RawRequest : IDisposable
{
    private readonly TcpClient _client = new();
    private readonly byte[] _body;
    private NetworkStream _stream = null!;
    private int _sent;

    private RawRequest(byte[] body) => _body = body;

    /// <summary>Connects, sends the headers (Content-Length the whole body's) and the first <paramref name="sendNow"/> bytes.</summary>
    public static async Task<RawRequest> StartAsync(Uri server, string path, byte[] body, int sendNow, string? authorization = null)
    {
        var request = new RawRequest(body);
        await request._client.ConnectAsync(server.Host, server.Port);
        request._stream = request._client.GetStream();
        var auth = authorization is null ? "" : $"Authorization: Bearer {authorization}\r\n";
        await request._stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n{auth}Content-Length: {body.Length}\r\n\r\n"));
        await request.SendAsync(sendNow);
        return request;
    }

    /// <summary>A JSON body padded with spaces to <paramref name="length"/> bytes (still the same JSON).</summary>
    public static byte[] Padded(string json, int length) => Encoding.UTF8.GetBytes(json.PadRight(length));

    /// <summary>The next <paramref name="count"/> bytes of the body.</summary>
    public async Task SendAsync(int count)
    {
        count = Math.Min(count, _body.Length - _sent);
        await _stream.WriteAsync(_body.AsMemory(_sent, count));
        _sent += count;
    }

    /// <summary>The rest of the body.</summary>
    public Task FinishAsync() => SendAsync(_body.Length - _sent);

    /// <summary>
    /// 64 bytes every 100 ms (above Kestrel's minimum of 240 bytes a second, so the server keeps waiting for them),
    /// until the body is sent or <paramref name="stop"/>.
    /// </summary>
    public async Task TrickleAsync(CancellationToken stop)
    {
        try
        {
            while (_sent < _body.Length && !stop.IsCancellationRequested)
            {
                await SendAsync(64);
                await Task.Delay(100, stop);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // Stopped, or the server answered and closed the connection.
        }
    }

    /// <summary>The answer's status line, headers and body, as text; throws past <paramref name="timeout"/>.</summary>
    public async Task<string> ReadAnswerAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        while (!IsComplete(text.ToString()))
        {
            var read = await _stream.ReadAsync(buffer, cancel.Token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    public void Dispose() => _client.Dispose();

    private static bool IsComplete(string answer)
    {
        var end = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var header = answer[..end].Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return header is null || Encoding.UTF8.GetByteCount(answer[(end + 4)..]) >= int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
