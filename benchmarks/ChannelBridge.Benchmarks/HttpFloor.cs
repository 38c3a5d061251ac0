using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// The HTTP floor for the Bench: Kestrel answering every POST with the same bytes held in memory (a captured Orders
/// page) and their Content-Length — no routing to controllers, no middleware, no database. What wrk measures against
/// it is what HTTP framing and the loopback socket cost on this machine, the part of the service's time no
/// pipeline work can remove.
/// </summary>
internal static class HttpFloor
{
    public static async Task RunAsync(string bytesFile, string url)
    {
        var page = await File.ReadAllBytesAsync(bytesFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var app = builder.Build();
        app.MapPost("/{**path}", async context =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = page.Length;
            await context.Response.Body.WriteAsync(page, context.RequestAborted);
        });
        app.MapGet("/health", () => "ok");
        await app.RunAsync(url);
    }
}
