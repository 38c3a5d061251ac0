using System.Buffers;
using System.Text.Json;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Config.IdentifyIntegration;
using MediatR;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// Which integration a Linnworks call comes from, known before it waits for a turn (ADR-025): its AuthorizationToken is
/// in its body, which is read whole before the turn (ADR-023). <see cref="Id"/> is <c>integration:&lt;id&gt;</c>,
/// <see cref="Unknown"/> when the token names no integration, or <see cref="Unidentified"/> when no token could be read
/// from the body there. Each is a caller with a share of the turns (<see cref="RequestQueue.KeyShare"/>).
/// </summary>
public sealed record LinnworksCaller(string Id)
{
    /// <summary>
    /// Calls whose token was not read before the turn: a body in another charset than UTF-8, one that is not a JSON
    /// object, one without a string AuthorizationToken (AddNewUser has none). They share one caller's share of the turns,
    /// and the pipeline checks their token after the turn as it does every call's.
    /// </summary>
    public static LinnworksCaller Unidentified { get; } = new("linnworks");

    /// <summary>
    /// Calls whose token names no integration: they share one caller's share of the turns, so a flood of made-up tokens
    /// waits behind itself, and the pipeline answers each as an unknown token without a second lookup.
    /// </summary>
    public static LinnworksCaller Unknown { get; } = new("linnworks:unknown");

    /// <summary>The request's caller, or null for a request outside Linnworks' endpoints.</summary>
    public static LinnworksCaller? Of(HttpContext context) => context.Features.Get<LinnworksCaller>();
}

/// <summary>
/// Finds a Linnworks call's token in its body read before the turn (<see cref="IHeldRequestBodyFeature"/>), looks it up
/// once (<see cref="IdentifyIntegrationQuery"/>, whose answer the pipeline's token check takes) and records the call's
/// <see cref="LinnworksCaller"/>, for the integration's share of the turns (<see cref="RequestQueue"/>).
/// </summary>
public sealed class LinnworksCallerMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IMediator mediator)
    {
        if (LinnworksFailureAnswers.IsLinnworksEndpoint(context))
        {
            context.Features.Set(await IdentifyAsync(context, mediator));
        }

        await next(context);
    }

    /// <summary>
    /// The call's caller, looked up in its turn among the lookups before the turn (<see cref="CallerLookups"/>). The wait
    /// and the lookup end at the call's Linnworks deadline (counted from its arrival, as the pipeline counts it): a database that does not answer in time, or fails, leaves the call <see cref="LinnworksCaller.Unidentified"/>,
    /// and the pipeline answers it as it answers any call the database keeps waiting or fails.
    /// </summary>
    internal static async Task<LinnworksCaller> IdentifyAsync(HttpContext context, IMediator mediator)
    {
        var token = LinnworksRequestFilter.IsUtf8(context.Request) ? context.Features.Get<IHeldRequestBodyFeature>()?.Peek(LinnworksBodyToken.Find) : null;
        if (token is null)
        {
            return LinnworksCaller.Unidentified;
        }

        var left = context.RequestServices.GetRequiredService<IOptions<LinnworksOptions>>().Value.RequestDeadline - context.RequestServices.GetRequiredService<CallContext>().Waited;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        try
        {
            var identity = await context.RequestServices.GetRequiredService<CallerLookups>().RunAsync(
                () => mediator.Send(new IdentifyIntegrationQuery(token, context.Connection.RemoteIpAddress?.ToString()), deadline.Token), deadline.Token);
            return identity switch
            {
                { IntegrationId: { } id } => new LinnworksCaller("integration:" + id),
                { IsUnknown: true } => LinnworksCaller.Unknown,
                _ => LinnworksCaller.Unidentified,
            };
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The lookup only chooses the call's queue. Cut off at the deadline (an OperationCanceledException, or SQLite's
            // interrupt), or failed (the database unreachable), the call waits in the shared queue, and the pipeline looks
            // its token up again and answers what it meets there as it answers every call's.
            return LinnworksCaller.Unidentified;
        }
    }
}

/// <summary>The AuthorizationToken of a Linnworks call's body, read as the endpoint's binding reads it.</summary>
public static class LinnworksBodyToken
{
    private const string Name = "AuthorizationToken";

    /// <summary>
    /// The string value of the body's first top-level AuthorizationToken (its name matched ignoring case, comments and
    /// trailing commas allowed, as the endpoints' JSON options read it), or null: no such property before the object
    /// ends, a value that is not a string, or a body that is not a JSON object. The first is enough: a body that repeats
    /// the property binds to the last, and the pipeline's token check then sees another token than this one (see
    /// <see cref="Application.Common.Calls.CallContext.IdentifiedBeforeTurn"/>).
    /// </summary>
    public static string? Find(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(WithoutByteOrderMark(body), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isToken = reader.ValueTextEquals(Name) || (RawLength(reader) <= MaxEscapedLength(Name.Length) && string.Equals(reader.GetString(), Name, StringComparison.OrdinalIgnoreCase));
                if (!reader.Read())
                {
                    return null;
                }

                if (isToken)
                {
                    // A value longer than any token is not read into a string: the pipeline answers it as a missing token.
                    return reader.TokenType == JsonTokenType.String && RawLength(reader) <= MaxEscapedLength(IRequireAuthToken.MaxTokenLength) ? reader.GetString() : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The bytes of the current name or value as sent, escapes included.</summary>
    private static long RawLength(Utf8JsonReader reader) => reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;

    /// <summary>The most bytes a text of <paramref name="characters"/> characters takes in JSON: six for an escaped one (<c>\uXXXX</c>).</summary>
    private static int MaxEscapedLength(int characters) => 6 * characters;

    private static ReadOnlySequence<byte> WithoutByteOrderMark(ReadOnlySequence<byte> body) =>
        body.FirstSpan.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body.Slice(3) : body;
}
