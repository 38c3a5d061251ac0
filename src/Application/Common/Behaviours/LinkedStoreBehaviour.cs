using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using MediatR;

namespace ChannelBridge.Application.Common.Behaviours;

/// <summary>
/// Reads the access data of the request's integration's store (StoreAccess); if the integration may not use it now (not linked,
/// store gone or disabled, key rotated) every item is answered with the reason and the handler never runs.
/// </summary>
internal sealed class LinkedStoreBehaviour<TRequest, TResponse>(CallContext call, LinkedStoreAccess linkedStore)
    : IPipelineBehavior<TRequest, TResponse>
    where TRequest : ILinnworksRequest<TResponse>, IRequireLinkedStore
    where TResponse : LinnworksResponse, new()
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var (store, access) = await linkedStore.CheckAsync((userConfig, s) => userConfig.CheckStoreAccess(s), call.Cancellation(cancellationToken));
        if (access.IsFailure)
        {
            return LinnworksAnswers.Failure<TResponse>(request, access.ErrorMessage);
        }

        call.Set(store!);
        return await next();
    }
}
