using ChannelBridge.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration)
    .AddApi(builder.Configuration, builder.Environment);
builder.WebHost.ConfigureKestrel(k =>
    k.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Api:MaxChannelRequestBytes") ?? new ApiOptions().MaxChannelRequestBytes);

var app = builder.Build();

app.Services.MigrateDatabase();

app.UseMiddleware<ContentLengthMiddleware>();
app.UseMiddleware<LinnworksMethodMiddleware>();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseOpenApi();
app.UseSwaggerUi();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();
app.MapHealthChecks("/health");

app.Run();

/// <summary>Entry point; public so functional tests can host it.</summary>
public partial class Program;
