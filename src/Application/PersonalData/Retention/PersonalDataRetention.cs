using ChannelBridge.Application.Orders;
using ChannelBridge.Application.Stores;
using ChannelBridge.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Application.PersonalData.Retention;

/// <summary>The store's retention of buyers' personal data and its latest erasures.</summary>
public sealed record GetPersonalDataQuery(string StoreId) : IChannelRequest<PersonalDataResponse>;

/// <summary>Sets the store's own retention in days (0: keep until erased on request), or null for the service's default.</summary>
public sealed record SetPersonalDataRetentionCommand(string StoreId, int? Days) : IChannelRequest<PersonalDataResponse>;

public sealed class PersonalDataResponse
{
    /// <summary>The retention that applies: the store's own, else the service's default. 0: kept until erased on request.</summary>
    public int RetentionDays { get; init; }

    /// <summary>The store's own setting; null when it follows the default.</summary>
    public int? StoreRetentionDays { get; init; }

    public int DefaultRetentionDays { get; init; }

    /// <summary>
    /// The latest erasures, newest first: when, why, how many orders and feed entries (never whose). The retention's
    /// erasures of one UTC day are one entry, timed at its last pass; each request is one.
    /// </summary>
    public IReadOnlyList<ErasureRecord> Erasures { get; init; } = [];
}

internal sealed class SetPersonalDataRetentionCommandValidator : AbstractValidator<SetPersonalDataRetentionCommand>
{
    public SetPersonalDataRetentionCommandValidator() =>
        RuleFor(c => c.Days).InclusiveBetween(0, 3650).WithMessage("Days must be from 0 (keep until erased on request) to 3650, or null for the default.");
}

internal sealed class PersonalDataHandlers(IPersonalDataRepository data, IOptions<OrdersOptions> options)
    : IRequestHandler<GetPersonalDataQuery, Result<PersonalDataResponse>>, IRequestHandler<SetPersonalDataRetentionCommand, Result<PersonalDataResponse>>
{
    private const int ErasuresShown = 20;

    public Task<Result<PersonalDataResponse>> Handle(GetPersonalDataQuery request, CancellationToken cancellationToken) =>
        ReadAsync(request.StoreId, cancellationToken);

    public async Task<Result<PersonalDataResponse>> Handle(SetPersonalDataRetentionCommand request, CancellationToken cancellationToken) =>
        await data.SetRetentionAsync(request.StoreId, request.Days, cancellationToken)
            ? await ReadAsync(request.StoreId, cancellationToken)
            : NotFound(request.StoreId);

    private async Task<Result<PersonalDataResponse>> ReadAsync(string storeId, CancellationToken cancellationToken)
    {
        if (await data.GetRetentionAsync(storeId, cancellationToken) is not { } store)
        {
            return NotFound(storeId);
        }

        var defaultDays = options.Value.PersonalDataRetentionDays;
        return new PersonalDataResponse
        {
            RetentionDays = store.Days ?? defaultDays,
            StoreRetentionDays = store.Days,
            DefaultRetentionDays = defaultDays,
            Erasures = await data.GetErasuresAsync(storeId, ErasuresShown, cancellationToken),
        };
    }

    private static Result<PersonalDataResponse> NotFound(string storeId) => Result<PersonalDataResponse>.Failure(Error.NotFound($"Store '{storeId}' was not found."));
}
