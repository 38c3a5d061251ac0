namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// The action reads an application/x-www-form-urlencoded form and answers any other body itself (the token endpoint:
/// RFC 6749 §5.2's invalid_request, which an OAuth client reads, not the 415 ProblemDetails of [Consumes], which routing
/// answers before the action). <see cref="FormUrlEncodedOperationProcessor"/> documents the body as that form.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FormUrlEncodedOnlyAttribute : Attribute
{
    public const string MediaType = "application/x-www-form-urlencoded";

    /// <summary>Whether the request's body is that form (its Content-Type's media type, parameters aside).</summary>
    public static bool IsForm(HttpRequest request) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase);
}
