namespace ChannelBridge.Application.Common.Contracts;

/// <summary>The one way a Linnworks request is answered when it cannot be served: its default shape with Error set, and every item answered.</summary>
public static class LinnworksAnswers
{
    public static TResponse Failure<TResponse>(object? request, string error, bool transient = false)
        where TResponse : LinnworksResponse, new() =>
        request is IAnswersEveryItem<TResponse> itemized
            ? itemized.AnswerEveryItem(error, transient)
            : new TResponse { Error = error };

    /// <summary>The same, for a response type known only at run time (a behaviour shared with the Channel API).</summary>
    public static LinnworksResponse Failure(Type responseType, object? request, string error, bool transient = false)
    {
        if (request is IAnswersEveryItem<LinnworksResponse> itemized)
        {
            return itemized.AnswerEveryItem(error, transient);
        }

        var response = (LinnworksResponse)Activator.CreateInstance(responseType)!;
        response.Error = error;
        return response;
    }
}
