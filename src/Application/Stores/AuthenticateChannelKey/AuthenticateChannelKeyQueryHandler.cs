using ChannelBridge.Domain.Common;
using ChannelBridge.Domain.Stores;
using MediatR;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.Stores.AuthenticateChannelKey;

/// <summary>Compares with the operator key (constant-time, on hashes), else looks the store up by key hash.</summary>
internal sealed class AuthenticateChannelKeyQueryHandler(IStoreRepository stores, IOptions<ChannelApiOptions> options)
    : IRequestHandler<AuthenticateChannelKeyQuery, ChannelCaller?>
{
    public async Task<ChannelCaller?> Handle(AuthenticateChannelKeyQuery request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.Key) || request.Key.Length > 512)
        {
            return null;
        }

        // One hash of the presented key serves both checks: constant-time against the operator key's hash,
        // then as the lookup key for a store (a row found by it is already a match).
        var presented = SecretHash.Of(request.Key);
        if (SecretHash.Of(options.Value.OperatorKey).SameAs(presented))
        {
            return ChannelCaller.Operator;
        }

        var store = await stores.GetByKeyHashAsync(presented.Hex, cancellationToken);
        return store is { IsActive: true } ? ChannelCaller.ForStore(store.Id) : null;
    }
}
