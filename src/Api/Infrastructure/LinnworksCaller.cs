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
/// in its body, which is read before the turn (ADR-023), and looked up as soon as the body's first bytes hold it
/// (ADR-026). <see cref="Id"/> is <c>integration:&lt;id&gt;</c>, <see cref="Unknown"/> when the token names no
/// integration, or <see cref="Unidentified"/> when no token could be read from the body there. Each is a caller with a
/// share of the turns (<see cref="RequestQueue.KeyShare"/>). <see cref="StoreId"/> is the store a live integration is
/// linked to, whose share of the bodies held the call's body counts against (<see cref="RequestBodyBudget"/>).
/// </summary>
public sealed record LinnworksCaller(string Id, string? StoreId = null)
{
    /// <summary>
    /// Calls whose token was not read before the turn: a body in another charset than UTF-8, one that is not a JSON
    /// object, one without a string AuthorizationToken (AddNewUser has none), one not read whole. They share one caller's
    /// share of the turns, and the pipeline checks their token after the turn as it does every call's.
    /// </summary>
    public static LinnworksCaller Unidentified { get; } = new("linnworks");

    /// <summary>
    /// Calls whose token names no integration: they share one caller's share of the turns, so a flood of made-up tokens
    /// waits behind itself, and the pipeline answers each as an unknown token without a second lookup.
    /// </summary>
    public static LinnworksCaller Unknown { get; } = new("linnworks:unknown");

    /// <summary>The request's caller, or null for a request outside Linnworks' endpoints.</summary>
    public static LinnworksCaller? Of(HttpContext context) => context.Features.Get<LinnworksCaller>();

    /// <summary>
    /// Whose share of the turns the call waits in (<see cref="RequestQueue.KeyShare"/>): its store's, which every
    /// integration linked to the store shares (ADR-043), else its own. A store's owner may link as many integrations as it
    /// makes, so a share each would give one store the whole lane.
    /// </summary>
    public string ShareKey => StoreId is { } storeId ? StoreSharePrefix + storeId : Id;

    /// <summary>What the share of a store's integrations is named by, its id following; apart from the Channel API's keys.</summary>
    public const string StoreSharePrefix = "linnworks-store:";

    /// <summary>
    /// The caller <paramref name="token"/> names, looked up once (<see cref="IdentifyIntegrationQuery"/>, whose answer the
    /// pipeline's token check takes) in its turn among the lookups before the turn (<see cref="CallerLookups"/>). The wait
    /// and the lookup end at the call's Linnworks deadline (counted from its arrival, as the pipeline counts it): a
    /// database that does not answer in time, or fails, leaves the call <see cref="Unidentified"/>, and the pipeline
    /// answers it as it answers any call the database keeps waiting or fails.
    /// </summary>
    internal static async Task<LinnworksCaller> IdentifyAsync(HttpContext context, IMediator mediator, string? token)
    {
        if (token is null)
        {
            return Unidentified;
        }

        var left = context.RequestServices.GetRequiredService<IOptions<LinnworksOptions>>().Value.RequestDeadline - context.RequestServices.GetRequiredService<CallContext>().Waited;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        try
        {
            var identity = await context.RequestServices.GetRequiredService<CallerLookups>().RunAsync(
                () => mediator.Send(new IdentifyIntegrationQuery(token, ClientAddress.Of(context)), deadline.Token), deadline.Token);
            return identity switch
            {
                { IntegrationId: { } id } => new LinnworksCaller("integration:" + id, identity.StoreId),
                { IsUnknown: true } => Unknown,
                _ => Unidentified,
            };
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The lookup only chooses the call's queue and its share of the bodies held. Cut off at the deadline (an
            // OperationCanceledException, or SQLite's interrupt), or failed (the database unreachable), the call waits in
            // the shared queue, and the pipeline looks its token up again and answers what it meets there as it answers
            // every call's.
            return Unidentified;
        }
    }
}

/// <summary>
/// Gives every Linnworks call a <see cref="LinnworksCaller"/>: the one its body named, found while the body was read
/// (<see cref="RequestBodyPreReadMiddleware"/>), else <see cref="LinnworksCaller.Unidentified"/> (a body not read whole:
/// none, cut off, over its limit), for the call's share of the turns (<see cref="RequestQueue"/>).
/// </summary>
public sealed class LinnworksCallerMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (LinnworksFailureAnswers.IsLinnworksEndpoint(context) && LinnworksCaller.Of(context) is null)
        {
            context.Features.Set(LinnworksCaller.Unidentified);
        }

        return next(context);
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
    public static string? Find(ReadOnlySequence<byte> body) => new Scan().Advance(body, isFinalBlock: true).Token;

    /// <summary>
    /// What <see cref="Find"/> would answer for the whole body, when the part that has arrived already decides it
    /// (<c>Decided</c>): the token found there, or null for a body without one there that no later byte can give one (not
    /// a JSON object, the token not a string, the object ended). Not decided while the first token may still come.
    /// </summary>
    public static (bool Decided, string? Token) FindAtStart(ReadOnlySequence<byte> start) => new Scan().Advance(start, isFinalBlock: false);

    /// <summary>
    /// <see cref="FindAtStart"/> for a body as it arrives: each call is handed the body from its start, as much as has
    /// arrived, and reads on from where the call before stopped, so every byte is read once however many calls a body
    /// takes. A body whose token comes after megabytes of items, read afresh at every segment, cost seconds of CPU
    /// before its turn (docs/performance.md).
    /// </summary>
    public sealed class Scan
    {
        private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        private long _start = -1;
        private long _consumed;
        private Expecting _expecting;
        private int _skippedDepth;
        private (bool Decided, string? Token) _decision;

        private enum Expecting { Object, Name, Value, Token, EndOfValue }

        /// <summary>The bytes handed to the JSON reader so far, over every call: about the body's length once.</summary>
        public long BytesExamined { get; private set; }

        /// <summary>What the body decides so far; <paramref name="isFinalBlock"/> when <paramref name="body"/> is all of it.</summary>
        public (bool Decided, string? Token) Advance(ReadOnlySequence<byte> body, bool isFinalBlock)
        {
            if (_decision.Decided)
            {
                return _decision;
            }

            if (_start < 0)
            {
                if (!isFinalBlock && body.Length < ByteOrderMark.Length)
                {
                    return (false, null);   // perhaps the first bytes of a byte order mark
                }

                _start = StartsWithByteOrderMark(body) ? ByteOrderMark.Length : 0;
            }

            var rest = body.Slice(_start + _consumed);
            BytesExamined += rest.Length;
            var reader = new Utf8JsonReader(rest, isFinalBlock, _state);
            try
            {
                _decision = Read(ref reader, isFinalBlock);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // Not JSON, or a name or token that is not text (a lone surrogate escaped, bytes that are not UTF-8): no token.
                _decision = (true, null);
            }

            _consumed += reader.BytesConsumed;
            _state = reader.CurrentState;
            return _decision;
        }

        /// <summary>The object's properties from where the last call stopped, up to its first AuthorizationToken.</summary>
        private (bool Decided, string? Token) Read(ref Utf8JsonReader reader, bool isFinalBlock)
        {
            while (reader.Read())
            {
                switch (_expecting)
                {
                    case Expecting.Object when reader.TokenType != JsonTokenType.StartObject:
                    case Expecting.Name when reader.TokenType != JsonTokenType.PropertyName:
                        return (true, null);
                    case Expecting.Object:
                        _expecting = Expecting.Name;
                        break;
                    case Expecting.Name:
                        _expecting = IsTokenName(reader) ? Expecting.Token : Expecting.Value;
                        break;
                    case Expecting.Token:
                        // A value longer than any token is not read into a string: the pipeline answers it as a missing token.
                        return (true, reader.TokenType == JsonTokenType.String && RawLength(reader) <= MaxEscapedLength(IRequireAuthToken.MaxTokenLength) ? reader.GetString() : null);
                    case Expecting.Value when reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray:
                        (_expecting, _skippedDepth) = (Expecting.EndOfValue, reader.CurrentDepth);
                        break;
                    case Expecting.Value:
                    case Expecting.EndOfValue when reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == _skippedDepth:
                        _expecting = Expecting.Name;
                        break;
                }
            }

            return (isFinalBlock, null);
        }

        private static bool IsTokenName(Utf8JsonReader reader) =>
            reader.ValueTextEquals(Name) || (RawLength(reader) <= MaxEscapedLength(Name.Length) && string.Equals(reader.GetString(), Name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The bytes of the current name or value as sent, escapes included.</summary>
    private static long RawLength(Utf8JsonReader reader) => reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;

    /// <summary>The most bytes a text of <paramref name="characters"/> characters takes in JSON: six for an escaped one (<c>\uXXXX</c>).</summary>
    private static int MaxEscapedLength(int characters) => 6 * characters;

    private static bool StartsWithByteOrderMark(ReadOnlySequence<byte> body)
    {
        if (body.Length < ByteOrderMark.Length)
        {
            return false;
        }

        Span<byte> start = stackalloc byte[ByteOrderMark.Length];
        body.Slice(0, start.Length).CopyTo(start);
        return start.SequenceEqual(ByteOrderMark);
    }

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];
}
