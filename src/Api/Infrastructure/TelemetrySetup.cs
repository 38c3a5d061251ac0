using ChannelBridge.Application.Common;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// OpenTelemetry traces and metrics: ASP.NET Core, HttpClient (webhooks), SqlClient, the runtime and ChannelBridge's
/// own (Linnworks latency per endpoint and outcome, rate limits, authentication failures, retries, webhook
/// deliveries and lag). Exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or
/// <c>OTEL_EXPORTER_OTLP_*</c>) is set; every other standard <c>OTEL_*</c> variable (service name, resource
/// attributes, protocol, headers) applies as OpenTelemetry defines it.
/// </summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddChannelBridgeTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName: ChannelBridgeTelemetry.Name, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(t => t
                .AddSource(ChannelBridgeTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddSqlClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(ChannelBridgeTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ||
            !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]) ||
            !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]))
        {
            builder.UseOtlpExporter();
        }

        return services;
    }
}
