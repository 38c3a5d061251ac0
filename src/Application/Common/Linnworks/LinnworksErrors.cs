using ChannelBridge.Application.Common.Ports;

namespace ChannelBridge.Application.Common.Linnworks;

/// <summary>The fixed Error messages of the Linnworks endpoints, in one place so tests can assert on them.</summary>
public static class LinnworksErrors
{
    public const string InvalidToken = "Invalid authorization token";
    public const string Timeout = "The request could not be completed in time. Please retry.";
    public const string TemporarilyUnavailable = "Temporarily unable to complete this request (the database is busy). Please retry.";
    public const string StorageFull = "Temporarily unable to complete this request (the service's storage is full); nothing was changed. Please retry later.";
    public const string StorageReadOnly = "Temporarily unable to complete this request (the service's storage is read-only); nothing was changed. Please retry later.";
    public const string StorageFailing = "Temporarily unable to complete this request (the service's storage is failing); nothing was changed. Please retry later.";
    public const string Overloaded = "The service is busy with other requests. Please retry.";
    public const string Busy = "The configuration was being changed by another request at the same time. Please try again.";
    public const string MalformedRequest = "The request body is not valid JSON for this endpoint";
    public const string RequestTooLarge = "The request body is larger than this endpoint accepts";
    public const string BodyTooSlow = "The request body arrived too slowly and was cut off. Please retry.";

    public static string PostOnly(string method) => $"This endpoint takes POST, not {method}.";

    /// <summary>The Error for a call whose write the storage refused (ADR-034).</summary>
    public static string Storage(StorageFault fault) => fault switch
    {
        StorageFault.Full => StorageFull,
        StorageFault.ReadOnly => StorageReadOnly,
        _ => StorageFailing,
    };

    public static string Internal(string traceId) => $"An unexpected error occurred (trace id {traceId}).";
}
