namespace ChannelBridge.Application.Common.Linnworks;

/// <summary>
/// The one way a Linnworks call is answered when it cannot be served, wherever it is refused (the host before the body
/// is read, a behaviour, the deadline, the exception handler): the endpoint's default answer (empty lists, value-type
/// defaults) with Error set, and every item the request carried answered (<see cref="IAnswersEveryItem{TResponse}"/>).
/// </summary>
public static class LinnworksAnswers
{
    public static TResponse Failure<TResponse>(object? request, string error, bool transient = false)
        where TResponse : LinnworksResponse, new() =>
        request is IAnswersEveryItem<TResponse> itemized
            ? itemized.AnswerEveryItem(error, transient)
            : new TResponse { Error = error };

    /// <summary>
    /// The same, for a response type known only at run time: a behaviour shared with the Channel API, or the host, which
    /// knows the endpoint's response type but not its request (null when the endpoint declares none).
    /// </summary>
    public static LinnworksResponse Failure(Type? responseType, object? request, string error, bool transient = false)
    {
        if (request is IAnswersEveryItem<LinnworksResponse> itemized)
        {
            return itemized.AnswerEveryItem(error, transient);
        }

        var response = responseType is null ? new ErrorOnly() : (LinnworksResponse)Activator.CreateInstance(responseType)!;
        response.Error = error;
        return response;
    }

    /// <summary>The answer of an endpoint without a declared response type: Error alone.</summary>
    private sealed class ErrorOnly : LinnworksResponse;
}
