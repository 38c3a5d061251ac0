using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Operations;

/// <summary>
/// The service as an operator runs it: its own process (<c>dotnet ChannelBridge.Api.dll</c>), Production settings, working
/// in <c>directory</c>, on a port of its choosing; ready when it prints its ready line.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, Uri baseUrl, IReadOnlyList<string> startLines)
    {
        _process = process;
        StartLines = startLines;
        Client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(20) };
    }

    public HttpClient Client { get; }

    public int Id => _process.Id;

    /// <summary>What it printed after its ready line, as it prints it.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    /// <summary>What it printed up to and including its ready line.</summary>
    public IReadOnlyList<string> StartLines { get; }

    /// <summary>How the process is started: Production, <c>--urls http://127.0.0.1:0</c>, these settings as environment variables.</summary>
    public static ProcessStartInfo StartInfo(string directory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Starts it and waits (up to a minute) for its ready line.</summary>
    public static async Task<ServiceProcess> StartAsync(string directory, IReadOnlyDictionary<string, string> environment)
    {
        var process = Process.Start(StartInfo(directory, environment))!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (ReadyLine().Match(line) is { Success: true } ready)
            {
                var service = new ServiceProcess(process, new Uri(ready.Groups[1].Value), lines);
                _ = DrainAsync(process.StandardOutput, service.Output);
                return service;
            }
        }

        throw new InvalidOperationException("The service exited before it was ready: " + string.Join("\n", lines));
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a power cut.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as an orchestrator stops a container: the host shuts down gracefully; waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await term.WaitForExitAsync();
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        _process.Dispose();
    }

    private static async Task DrainAsync(StreamReader reader, ConcurrentQueue<string> output)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                output.Enqueue(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    }

    [GeneratedRegex(@"ChannelBridge is ready: listening on (http://[0-9.:]+)")]
    private static partial Regex ReadyLine();
}
