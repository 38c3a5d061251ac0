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

        if (SecretHash.Of(options.Value.OperatorKey).Matches(request.Key))
        {
            return ChannelCaller.Operator;
        }

        var store = await stores.GetByKeyHashAsync(SecretHash.Of(request.Key).Hex, cancellationToken);
        return store is { IsActive: true } && store.KeyMatches(request.Key) ? ChannelCaller.ForStore(store.Id) : null;
    }
}
