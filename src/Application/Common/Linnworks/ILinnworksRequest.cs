using MediatR;

namespace ChannelBridge.Application.Common.Linnworks;

/// <summary>A request Linnworks sends: answered in-band, within the deadline, never with an exception.</summary>
public interface ILinnworksRequest<out TResponse> : IRequest<TResponse>
    where TResponse : LinnworksResponse, new();
