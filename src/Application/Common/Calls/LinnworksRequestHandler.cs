using ChannelBridge.Application.Common.Linnworks;
using MediatR;

namespace ChannelBridge.Application.Common.Calls;

/// <summary>
/// Base of every Linnworks handler: hands <see cref="HandleAsync"/> the call's deadline token
/// (<see cref="CallContext.Cancellation"/>) so no handler can forget to honour the deadline.
/// </summary>
public abstract class LinnworksRequestHandler<TRequest, TResponse>(CallContext call) : IRequestHandler<TRequest, TResponse>
    where TRequest : ILinnworksRequest<TResponse>
    where TResponse : LinnworksResponse, new()
{
    /// <summary>The call being served: its integration and store once the pipeline resolved them.</summary>
    protected CallContext Call { get; } = call;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request, Call.Cancellation(cancellationToken));

    protected abstract Task<TResponse> HandleAsync(TRequest request, CancellationToken cancellationToken);
}
