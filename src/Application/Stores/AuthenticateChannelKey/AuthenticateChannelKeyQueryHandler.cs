using ChannelBridge.Application.Common;
using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using MediatR;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Stores.AuthenticateChannelKey;

/// <summary>
/// Compares with the operator key (constant-time, on hashes), else looks the store up by key hash. A key that fails
/// counts against the caller's address (<see cref="FailedAuthentications"/>); a valid key is served whatever that count.
/// </summary>
internal sealed class AuthenticateChannelKeyQueryHandler(IStoreRepository stores, IOptions<ChannelApiOptions> options, FailedAuthentications failures)
    : IRequestHandler<AuthenticateChannelKeyQuery, ChannelKeyCheck>
{
    public async Task<ChannelKeyCheck> Handle(AuthenticateChannelKeyQuery request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Key) || request.Key.Length > 512)
        {
            return ChannelKeyCheck.Refused(failures.Fail(request.ClientAddress));
        }

        // One hash of the presented key serves both checks: constant-time against the operator key's hash,
        // then as the lookup key for a store (a row found by it is already a match).
        var presented = SecretHash.Of(request.Key);
        if (SecretHash.Of(options.Value.OperatorKey).SameAs(presented))
        {
            return new ChannelKeyCheck(ChannelCaller.Operator);
        }

        if (failures.IsKnownFailure(request.ClientAddress, presented.Hex))
        {
            return ChannelKeyCheck.Refused(failures.Fail(request.ClientAddress));
        }

        var store = await stores.GetByKeyHashAsync(presented.Hex, cancellationToken);
        if (store is { IsActive: true })
        {
            return new ChannelKeyCheck(ChannelCaller.ForStore(store.Id));
        }

        if (store is null)
        {
            failures.RememberUnknown(presented.Hex);
        }

        return ChannelKeyCheck.Refused(failures.Fail(request.ClientAddress));
    }
}
