using MediatR;

namespace ChannelBridge.Application.Stores.AuthenticateChannelKey;

/// <summary>Who holds this bearer key: the operator, a store, or nobody (null).</summary>
public sealed record AuthenticateChannelKeyQuery(string Key) : IRequest<ChannelCaller?>;
