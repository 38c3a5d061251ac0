using ChannelBridge.Domain.Common;
using MediatR;

namespace ChannelBridge.Application.Stores;

/// <summary>A Channel API request: expected failures come back as a <see cref="Result{T}"/> (mapped to ProblemDetails).</summary>
public interface IChannelRequest<TResponse> : IRequest<Result<TResponse>>;
