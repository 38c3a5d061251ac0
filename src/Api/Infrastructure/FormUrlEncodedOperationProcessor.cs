using Microsoft.AspNetCore.Mvc;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// NSwag documents every [FromForm] body as multipart/form-data; an action that consumes only
/// application/x-www-form-urlencoded (/oauth/token, which answers 415 to multipart) is documented as that.
/// </summary>
public sealed class FormUrlEncodedOperationProcessor : IOperationProcessor
{
    private const string FormUrlEncoded = "application/x-www-form-urlencoded";

    public bool Process(OperationProcessorContext context)
    {
        var consumes = context.MethodInfo.GetCustomAttributes(typeof(ConsumesAttribute), inherit: true).OfType<ConsumesAttribute>().SelectMany(c => c.ContentTypes).ToList();
        var body = context.OperationDescription.Operation.RequestBody;
        if (consumes.SequenceEqual([FormUrlEncoded]) && body?.Content.Remove("multipart/form-data", out var media) == true)
        {
            body.Content[FormUrlEncoded] = media;
        }

        return true;
    }
}
