using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChannelBridge.Client;

/// <summary>
/// How every generated client writes and reads JSON. A property left null is left out of the request, which the Channel
/// API reads as "not given" and fills with its default (it refuses an explicit null where a value is required). The
/// Channel API writes dates as <c>yyyy-MM-dd HH:mm:ssZ</c> (UTC, a space before the time) and reads ISO 8601 too;
/// System.Text.Json's own converter wants ISO 8601 only, so the clients read both and write ISO 8601.
/// </summary>
public static class ChannelBridgeJson
{
    public static void Configure(JsonSerializerOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        settings.Converters.Add(new ChannelBridgeDateTimeOffsetConverter());
    }

    private sealed class ChannelBridgeDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
    }
}

public partial class StoresClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => ChannelBridgeJson.Configure(settings);
}

public partial class ChannelStoreDataClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => ChannelBridgeJson.Configure(settings);
}

public partial class ChannelListingCatalogClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => ChannelBridgeJson.Configure(settings);
}

public partial class ChannelPersonalDataClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => ChannelBridgeJson.Configure(settings);
}
