using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.FunctionalTests.Secrets;

public class StartupTests
{
    [Theory]
    [InlineData("", "functional-tests-key-ring-key-0123456789abcdef", "ChannelApi:OperatorKey")]
    [InlineData("too-short", "functional-tests-key-ring-key-0123456789abcdef", "ChannelApi:OperatorKey must be at least 32 characters")]
    [InlineData("functional-tests-operator-key-0123456789abcdef", "short", "DataProtection:KeyRingKey")]
    public void OutsideDevelopment_AMissingOrShortKey_StopsStartUpWithItsName(string operatorKey, string keyRingKey, string message)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"channelbridge-st-{Guid.NewGuid():N}");
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:ChannelBridge", $"Data Source={Path.Combine(directory, "x.db")}");
            b.UseSetting("ChannelApi:OperatorKey", operatorKey);
            b.UseSetting("DataProtection:KeyRingKey", keyRingKey);
        });
        Directory.CreateDirectory(directory);

        try
        {
            var act = () => factory.CreateClient();

            act.Should().Throw<OptionsValidationException>().WithMessage($"*{message}*");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
