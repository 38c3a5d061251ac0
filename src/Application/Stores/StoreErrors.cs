using ChannelBridge.Domain.Common;

namespace ChannelBridge.Application.Stores;

internal static class StoreErrors
{
    public static Error NotFound(string storeId) => Error.NotFound($"Store '{storeId}' was not found.");

    public static readonly Error Conflict = Error.Conflict("The store was changed by another request at the same time. Retry the request.");
}
