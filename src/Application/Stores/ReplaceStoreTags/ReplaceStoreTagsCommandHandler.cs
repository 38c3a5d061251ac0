using AutoMapper;
using ChannelBridge.Domain.Common;
using MediatR;

namespace ChannelBridge.Application.Stores.ReplaceStoreTags;

internal sealed class ReplaceStoreTagsCommandHandler(StoreChanger changer, IMapper mapper, TimeProvider time)
    : IRequestHandler<ReplaceStoreTagsCommand, Result<StoreResponse>>
{
    public Task<Result<StoreResponse>> Handle(ReplaceStoreTagsCommand request, CancellationToken cancellationToken) =>
        changer.ChangeAsync(
            request.StoreId,
            store =>
            {
                var replaced = store.ReplaceTags(
                    request.Kind, [.. request.Tags!.Select(t => (t.Tag, t.FriendlyName, t.Site))], time.GetUtcNow().UtcDateTime);
                return replaced.IsSuccess ? Result.Success(mapper.Map<StoreResponse>(store)) : Result<StoreResponse>.Failure(replaced.Errors);
            },
            cancellationToken);
}
