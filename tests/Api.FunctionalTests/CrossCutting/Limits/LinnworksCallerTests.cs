using ChannelBridge.Api.Infrastructure;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Config.IdentifyIntegration;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelBridge.Api.FunctionalTests.CrossCutting.Limits;

/// <summary>
/// The lookup before the turn (ADR-025) only chooses a call's queue: cut off at the call's deadline, or failed, it leaves
/// the call to the shared queue and to the pipeline's own lookup; the caller gone ends it.
/// </summary>
public class LinnworksCallerTests
{
    private const string Token = "t-1";

    [Fact]
    public async Task ALookupTheDatabaseDoesNotAnswer_EndsAtTheCallsDeadline_AndLeavesTheCallUnidentified()
    {
        var context = CallWithToken(deadline: TimeSpan.FromMilliseconds(200));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var caller = await LinnworksCaller.IdentifyAsync(context, new Mediator((_, token) => Task.Delay(Timeout.Infinite, token)), Token);

        caller.Should().Be(LinnworksCaller.Unidentified);
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the lookup ends at the deadline, not when the database answers");
    }

    [Fact]
    public async Task ALookupThatFails_LeavesTheCallUnidentified()
    {
        var context = CallWithToken(deadline: TimeSpan.FromSeconds(8));

        var caller = await LinnworksCaller.IdentifyAsync(context, new Mediator((_, _) => throw new InvalidOperationException("The database is unreachable.")), Token);

        caller.Should().Be(LinnworksCaller.Unidentified);
    }

    [Fact]
    public async Task AFoundIntegration_NamesTheCaller_AndTheCallerGone_EndsTheLookup()
    {
        var found = await LinnworksCaller.IdentifyAsync(CallWithToken(TimeSpan.FromSeconds(8)), new Mediator((_, _) => Task.FromResult(new IntegrationIdentity("i-1", false, "s-1"))), Token);
        found.Should().Be(new LinnworksCaller("integration:i-1", "s-1"));

        var gone = CallWithToken(TimeSpan.FromSeconds(8));
        using var aborted = new CancellationTokenSource();
        gone.RequestAborted = aborted.Token;
        var lookup = LinnworksCaller.IdentifyAsync(gone, new Mediator((_, token) => Task.Delay(Timeout.Infinite, token)), Token);
        await aborted.CancelAsync();
        await FluentActions.Awaiting(() => lookup).Should().ThrowAsync<OperationCanceledException>();
    }

    private static DefaultHttpContext CallWithToken(TimeSpan deadline)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection()
                .AddSingleton(new CallContext())
                .AddSingleton(Options.Create(new LinnworksOptions { RequestDeadline = deadline }))
                .AddSingleton(new CallerLookups(Options.Create(new ApiOptions())))
                .BuildServiceProvider(),
        };
        return context;
    }

    /// <summary>A mediator that answers the lookup with <paramref name="lookup"/>.</summary>
    private sealed class Mediator(Func<IdentifyIntegrationQuery, CancellationToken, Task> lookup) : IMediator
    {
        public Mediator(Func<IdentifyIntegrationQuery, CancellationToken, Task<IntegrationIdentity>> answer)
            : this((query, token) => (Task)answer(query, token))
        {
        }

        public async Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
        {
            var task = lookup((IdentifyIntegrationQuery)(object)request, cancellationToken);
            await task;
            return task is Task<IntegrationIdentity> answered ? (TResponse)(object)answered.Result : throw new InvalidOperationException("No answer.");
        }

        public Task Send(IRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task Publish(INotification notification, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification => throw new NotSupportedException();
    }
}
