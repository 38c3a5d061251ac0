using System.Net;
using ChannelBridge.Application.Common.Linnworks;

namespace ChannelBridge.Api.FunctionalTests.Features.Config;

public class ConfigEndpointsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.Client();

    [Fact]
    public async Task AddNewUser_Valid_Returns64HexToken_AndRepeatsAreNewIntegrations()
    {
        var first = await _client.AddNewUser("Same account");
        var second = await _client.AddNewUser("Same account");

        first.Should().MatchRegex("^[0-9a-f]{64}$");
        second.Should().NotBe(first);
    }

    [Theory]
    [InlineData("""{"LinnworksUniqueIdentifier":"005d4263-5a0c-43ce-bdc5-526955604107","Email":"nope","AccountName":"A"}""", "Invalid Email")]
    [InlineData("""{"LinnworksUniqueIdentifier":"","Email":"a@b.com","AccountName":"A"}""", "Invalid LinnworksUniqueIdentifier")]
    [InlineData("""{"Email":"a@b.com","AccountName":"A"}""", "Invalid LinnworksUniqueIdentifier")]
    [InlineData("""{"LinnworksUniqueIdentifier":"00000000-0000-0000-0000-000000000000","Email":"a@b.com","AccountName":"A"}""", "Invalid LinnworksUniqueIdentifier")]
    public async Task AddNewUser_Invalid_Answers200WithError(string json, string error)
    {
        var (response, body) = await _client.PostRaw("/api/Config/AddNewUser", json);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        body.ToJsonString().Should().Be($$"""{"Error":"{{error}}","AuthorizationToken":null}""");
    }

    [Fact]
    public async Task Wizard_WalkedAsLinnworksDoes_EveryAnswerHasTheReferenceShape()
    {
        var (storeId, storeKey) = await factory.CreateStore();
        var token = await _client.AddNewUser();

        var (_, first) = await _client.PostJson("/api/Config/UserConfig", new { AuthorizationToken = token });
        first.Select(p => p.Key).Should().Equal("Error", "StepName", "AccountName", "WizardStepTitle", "WizardStepDescription", "ConfigItems");
        first["StepName"]!.GetValue<string>().Should().Be("ConnectStore");
        first["AccountName"]!.GetValue<string>().Should().Be("My account");
        var item = first["ConfigItems"]!.AsArray()[0]!.AsObject();
        item.Select(p => p.Key).Should().Equal(
            "ConfigItemId", "Name", "Description", "GroupName", "SortOrder", "SelectedValue", "RegExValidation", "RegExError",
            "MustBeSpecified", "ReadOnly", "ListValues", "ValueType", "HidesHeaderAttribute");
        first["ConfigItems"]!.AsArray().Select(i => (i!["ConfigItemId"]!.GetValue<string>(), i["ValueType"]!.GetValue<string>()))
            .Should().Equal(("StoreId", "STRING"), ("StoreKey", "PASSWORD"));

        var (_, wrong) = await _client.SaveConfig(token, "ConnectStore", ("StoreId", storeId), ("StoreKey", "sk_wrong"));
        wrong["Error"]!.GetValue<string>().Should().StartWith("StoreId and StoreKey do not match");
        wrong["ConfigItems"]!.AsArray().Should().BeEmpty();

        var (_, mismatch) = await _client.SaveConfig(token, "OrderSettings", ("ImportUnpaidOrders", "True"));
        mismatch["Error"]!.GetValue<string>().Should().Be("Invalid step name, expected ConnectStore");

        var (_, second) = await _client.SaveConfig(token, "ConnectStore", ("StoreId", storeId), ("StoreKey", storeKey));
        second["Error"].Should().BeNull();
        second["StepName"]!.GetValue<string>().Should().Be("OrderSettings");
        var currency = second["ConfigItems"]!.AsArray().Single(i => i!["ConfigItemId"]!.GetValue<string>() == "DefaultCurrency")!;
        currency["ListValues"]!.AsArray().Should().Contain(v => v!["Value"]!.GetValue<string>() == "EUR");

        var (_, invalid) = await _client.SaveConfig(token, "OrderSettings", ("IgnoreOrdersOlderThanDays", "0"), ("DefaultCurrency", "XYZ"));
        invalid["Error"]!.GetValue<string>().Should().Contain("Enter a number of days from 1 to 365.").And.Contain("Default currency must be one of");

        var (_, done) = await _client.SaveConfig(token, "OrderSettings", ("ImportUnpaidOrders", "false"), ("DefaultCurrency", "EUR"), ("IgnoreOrdersOlderThanDays", "14"));
        done["StepName"]!.GetValue<string>().Should().Be("UserConfig");
        var values = done["ConfigItems"]!.AsArray().ToDictionary(i => i!["ConfigItemId"]!.GetValue<string>(), i => i!["SelectedValue"]!.GetValue<string>());
        values.Should().Equal(new Dictionary<string, string>
        {
            ["StoreId"] = storeId,
            ["StoreKey"] = "********",
            ["ImportUnpaidOrders"] = "False",
            ["DefaultCurrency"] = "EUR",
            ["IgnoreOrdersOlderThanDays"] = "14",
        });

        var (_, reloaded) = await _client.PostJson("/api/Config/UserConfig", new { AuthorizationToken = token });
        reloaded.ToJsonString().Should().Be(done.ToJsonString());
        (await _client.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body.ToJsonString().Should().Be("""{"Error":null}""");
    }

    [Fact]
    public async Task SaveConfig_ConfigScreen_MaskMeansUnchanged_AndValuesMayBeNumbersOrBooleans()
    {
        var (token, storeId, _) = await factory.Integrate();

        var (_, body) = await _client.PostRaw("/api/Config/SaveConfig", $$"""
            {"authorizationtoken":"{{token}}","stepname":"UserConfig","configitems":[
              {"ConfigItemId":"StoreId","SelectedValue":"{{storeId}}","SortOrder":"1","MustBeSpecified":"true"},
              {"ConfigItemId":"StoreKey","SelectedValue":"********","ValueType":"PASSWORD"},
              {"ConfigItemId":"ImportUnpaidOrders","SelectedValue":false},
              {"ConfigItemId":"IgnoreOrdersOlderThanDays","SelectedValue":90}]}
            """);

        body["Error"].Should().BeNull();
        (await _client.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"].Should().BeNull("the stored StoreKey was kept");
        var values = body["ConfigItems"]!.AsArray().ToDictionary(i => i!["ConfigItemId"]!.GetValue<string>(), i => i!["SelectedValue"]!.GetValue<string>());
        values["ImportUnpaidOrders"].Should().Be("False");
        values["IgnoreOrdersOlderThanDays"].Should().Be("90");
    }

    [Fact]
    public async Task SaveConfig_ConcurrentChangesToDifferentItems_AreAllKept()
    {
        var (token, _, _) = await factory.Integrate();
        var currencies = new[] { "EUR", "USD", "CAD", "AUD", "GBP" };

        for (var round = 0; round < currencies.Length; round++)
        {
            var days = (round + 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var unpaid = round % 2 == 0 ? "False" : "True";
            var answers = await Task.WhenAll(
                _client.SaveConfig(token, "UserConfig", ("DefaultCurrency", currencies[round])),
                _client.SaveConfig(token, "UserConfig", ("IgnoreOrdersOlderThanDays", days)),
                _client.SaveConfig(token, "UserConfig", ("ImportUnpaidOrders", unpaid)));

            answers.Should().OnlyContain(a => a.Body["Error"] == null);
            var (_, state) = await _client.PostJson("/api/Config/UserConfig", new { AuthorizationToken = token });
            var values = state["ConfigItems"]!.AsArray().ToDictionary(i => i!["ConfigItemId"]!.GetValue<string>(), i => i!["SelectedValue"]!.GetValue<string>());
            values["DefaultCurrency"].Should().Be(currencies[round]);
            values["IgnoreOrdersOlderThanDays"].Should().Be(days);
            values["ImportUnpaidOrders"].Should().Be(unpaid);
        }
    }

    [Fact]
    public async Task ConfigTest_FailsWhenUnlinked_Rotated_OrDisabled_AndNewKeyRestoresIt()
    {
        var unlinked = await _client.AddNewUser();
        (await _client.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = unlinked })).Body["Error"]!.GetValue<string>()
            .Should().Contain("wizard is not complete");

        var (token, storeId, _) = await factory.Integrate();
        var operatorClient = factory.ChannelClient(ApiFactory.OperatorKey);
        var (_, rotated) = await operatorClient.PostJson($"/api/channel/v1/stores/{storeId}/rotate-key", new { });
        (await _client.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"]!.GetValue<string>().Should().Contain("rotated");

        (await _client.SaveConfig(token, "UserConfig", ("StoreKey", rotated["StoreKey"]!.GetValue<string>()))).Body["Error"].Should().BeNull();
        (await _client.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"].Should().BeNull();

        await operatorClient.PostJson($"/api/channel/v1/stores/{storeId}/disable", new { });
        (await _client.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = token })).Body["Error"]!.GetValue<string>().Should().Contain("disabled");
    }

    [Fact]
    public async Task Tags_ComeFromTheLinkedStore_InTheReferenceShape()
    {
        var (token, storeId, storeKey) = await factory.Integrate();
        var store = factory.ChannelClient(storeKey);
        (await store.PutAsJsonAsync($"/api/channel/v1/stores/{storeId}/shipping-tags", new { ShippingTags = new[] { new { Tag = "RM CLR01", FriendlyName = "Royal Mail First Class", Site = "" } } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await store.PutAsJsonAsync($"/api/channel/v1/stores/{storeId}/payment-tags", new { PaymentTags = new[] { new { Tag = "paypal_verified", FriendlyName = "PayPal", Site = "" } } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        (await _client.PostJson("/api/Config/ShippingTags", new { AuthorizationToken = token })).Body.ToJsonString()
            .Should().Be("""{"Error":null,"ShippingTags":[{"Tag":"RM CLR01","FriendlyName":"Royal Mail First Class","Site":""}]}""");
        (await _client.PostJson("/api/Config/PaymentTags", new { AuthorizationToken = token })).Body.ToJsonString()
            .Should().Be("""{"Error":null,"PaymentTags":[{"Tag":"paypal_verified","FriendlyName":"PayPal","Site":""}]}""");
    }

    [Fact]
    public async Task Tags_OfAnUnlinkedIntegration_AreAnErrorWithAnEmptyArray()
    {
        var token = await _client.AddNewUser();

        var (_, body) = await _client.PostJson("/api/Config/PaymentTags", new { AuthorizationToken = token });

        body["PaymentTags"]!.AsArray().Should().BeEmpty();
        body["Error"]!.GetValue<string>().Should().Contain("not linked");
    }

    [Theory]
    [InlineData("/api/Config/UserConfig", "ConfigItems")]
    [InlineData("/api/Config/SaveConfig", "ConfigItems")]
    [InlineData("/api/Config/ShippingTags", "ShippingTags")]
    [InlineData("/api/Config/PaymentTags", "PaymentTags")]
    [InlineData("/api/Config/ConfigTest", null)]
    [InlineData("/api/Config/ConfigDeleted", null)]
    public async Task UnknownOrMissingToken_Answers200ErrorAndEmptyArrays(string path, string? array)
    {
        foreach (var body in new object[] { new { AuthorizationToken = "f989a881a6a241d5ab81b4b03f3730f1" }, new { } })
        {
            var (response, answer) = await _client.PostJson(path, body);

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            answer["Error"]!.GetValue<string>().Should().Be(LinnworksErrors.InvalidToken);
            if (array is not null)
            {
                answer[array]!.AsArray().Should().BeEmpty();
            }
        }
    }

    [Fact]
    public async Task ConfigDeleted_TokenStopsWorking_OtherIntegrationsKeepWorking()
    {
        var (deleted, _, _) = await factory.Integrate();
        var (kept, _, _) = await factory.Integrate();

        (await _client.PostJson("/api/Config/ConfigDeleted", new { AuthorizationToken = deleted })).Body.ToJsonString().Should().Be("""{"Error":null}""");

        (await _client.PostJson("/api/Config/UserConfig", new { AuthorizationToken = deleted })).Body["Error"]!.GetValue<string>().Should().Be(LinnworksErrors.InvalidToken);
        (await _client.PostJson("/api/Config/ConfigTest", new { AuthorizationToken = kept })).Body["Error"].Should().BeNull();
    }

    [Fact]
    public async Task DatabaseFile_HoldsNoTokenOrStoreKeyInClear()
    {
        var (token, _, storeKey) = await factory.Integrate();
        (await _client.PostJson("/api/Config/UserConfig", new { AuthorizationToken = token })).Body["Error"].Should().BeNull();

        var bytes = new List<byte>();
        foreach (var file in new[] { factory.DatabasePath, factory.DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            bytes.AddRange(memory.ToArray());
        }

        var text = System.Text.Encoding.UTF8.GetString([.. bytes]);
        text.Should().Contain("seller@example.com", "the search reads the real data");
        text.Should().NotContain(token).And.NotContain(storeKey).And.NotContain(storeKey["sk_".Length..]);

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Xml FROM DataProtectionKeys";
        var keyXml = (string)(await command.ExecuteScalarAsync())!;
        keyXml.Should().Contain("encryptedSecret", "the key ring in the database is encrypted").And.NotContain("<masterKey");
    }
}
