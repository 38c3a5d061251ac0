using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace ChannelBridge.Api.Infrastructure;

/// <summary>
/// NSwag documents every [FromForm] body as multipart/form-data; an action that reads only
/// application/x-www-form-urlencoded (<see cref="FormUrlEncodedOnlyAttribute"/>: /oauth/token) is documented as that.
/// </summary>
public sealed class FormUrlEncodedOperationProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        var body = context.OperationDescription.Operation.RequestBody;
        if (context.MethodInfo.IsDefined(typeof(FormUrlEncodedOnlyAttribute), inherit: true) && body?.Content.Remove("multipart/form-data", out var media) == true)
        {
            body.Content[FormUrlEncodedOnlyAttribute.MediaType] = media;
        }

        return true;
    }
}
