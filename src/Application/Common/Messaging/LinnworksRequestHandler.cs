using ChannelBridge.Application.Common.Contracts;
using MediatR;

namespace ChannelBridge.Application.Common.Messaging;

/// <summary>
/// Base of every Linnworks handler: hands <see cref="HandleAsync"/> the request's deadline token
/// (see <see cref="PipelineCancellation"/>) so no handler can forget to honour the deadline.
/// </summary>
public abstract class LinnworksRequestHandler<TRequest, TResponse> : IRequestHandler<TRequest, TResponse>
    where TRequest : ILinnworksRequest<TResponse>
    where TResponse : LinnworksResponse, new()
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken) =>
        HandleAsync(request, PipelineCancellation.Current(cancellationToken));

    protected abstract Task<TResponse> HandleAsync(TRequest request, CancellationToken cancellationToken);
}
