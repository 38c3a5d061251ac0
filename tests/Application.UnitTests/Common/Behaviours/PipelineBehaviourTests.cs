using System.Diagnostics;
using ChannelBridge.Application.Common.Calls;
using ChannelBridge.Application.Common.Linnworks;
using ChannelBridge.Application.Config.DeleteConfig;
using ChannelBridge.Application.Config.GetPaymentTags;
using ChannelBridge.Application.Config.GetShippingTags;
using ChannelBridge.Application.Config.GetUserConfig;
using ChannelBridge.Application.Config.SaveConfig;
using ChannelBridge.Application.Config.TestConfig;
using ChannelBridge.Application.Stores.CreateStore;
using ChannelBridge.Domain.UserConfigs;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Application.UnitTests.Common.Behaviours;

public class PipelineBehaviourTests
{
    public static TheoryData<Func<string?, object>> TokenRequests => new()
    {
        t => new UserConfigQuery { AuthorizationToken = t },
        t => new SaveConfigCommand { AuthorizationToken = t },
        t => new ConfigTestCommand { AuthorizationToken = t },
        t => new ConfigDeletedCommand { AuthorizationToken = t },
        t => new ShippingTagsQuery { AuthorizationToken = t },
        t => new PaymentTagsQuery { AuthorizationToken = t },
    };

    [Theory]
    [MemberData(nameof(TokenRequests))]
    public async Task AuthToken_UnknownMissingOrDeletedToken_AnswersErrorWithDefaultShape(Func<string?, object> create)
    {
        using var services = new TestServices();
        var (deleted, deletedToken) = UserConfig.Create("lw", "a@b.com", "acct", WizardDefinition.Default, DateTime.UtcNow).Value;
        deleted.MarkDeleted(DateTime.UtcNow);
        await services.UserConfigs.SaveAsync(deleted, default);

        foreach (var token in new[] { null, "", "   ", "f989a881a6a241d5ab81b4b03f3730f1", deletedToken, new string('x', 5000) })
        {
            var request = create(token);
            if (token == deletedToken && request is ConfigDeletedCommand)
            {
                continue; // a repeated ConfigDeleted succeeds (ConfigDeleted_Repeated_Succeeds)
            }

            var response = await SendDynamic(services, request);

            response.Error.Should().Be(LinnworksErrors.InvalidToken);
        }
    }

    [Fact]
    public async Task AuthToken_RunsBeforeValidation_SoUnauthenticatedCallersLearnNothing()
    {
        using var services = new TestServices();

        var response = await services.SendAsync(new SaveConfigCommand { AuthorizationToken = "unknown", StepName = null, ConfigItems = null });

        response.Error.Should().Be(LinnworksErrors.InvalidToken);
        response.ConfigItems.Should().BeEmpty();
    }

    [Fact]
    public async Task Validation_LinnworksRequest_AnswersErrorInsteadOfThrowing()
    {
        using var services = new TestServices();
        var (config, token) = UserConfig.Create("lw", "a@b.com", "acct", WizardDefinition.Default, DateTime.UtcNow).Value;
        await services.UserConfigs.SaveAsync(config, default);

        var response = await services.SendAsync(new SaveConfigCommand { AuthorizationToken = token, StepName = "", ConfigItems = null });

        response.Error.Should().Contain("StepName is required.").And.Contain("ConfigItems is required.");
    }

    [Fact]
    public async Task Validation_ChannelRequest_Throws()
    {
        using var services = new TestServices();

        var act = () => services.SendAsync(new CreateStoreCommand { Name = "" });

        await act.Should().ThrowAsync<ValidationException>();
    }

    [Fact]
    public async Task Timing_HandlerPastTheDeadline_IsCancelledAndAnsweredWithAnError()
    {
        using var services = new TestServices(
            new() { ["Linnworks:RequestDeadline"] = "00:00:00.200" },
            s => s.AddTransient<IRequestHandler<SlowRequest, SlowResponse>, SlowHandler>());
        var clock = Stopwatch.StartNew();

        var response = await services.SendAsync(new SlowRequest());

        response.Error.Should().Be(LinnworksErrors.Timeout);
        response.Items.Should().BeEmpty();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the handler's token was cancelled at the deadline");
    }

    [Fact]
    public async Task Timing_ARequestThatWaitedPastItsDeadlineBeforeItsTurn_IsAnsweredWithoutRunning()
    {
        using var services = new TestServices(
            new() { ["Linnworks:RequestDeadline"] = "00:00:02" },
            s => s.AddTransient<IRequestHandler<SlowRequest, SlowResponse>, SlowHandler>());
        var clock = Stopwatch.StartNew();

        var response = await services.SendAsync(new SlowRequest(), arrival: new ArrivedEarlierClock(TimeSpan.FromSeconds(3)));

        response.Error.Should().Be(LinnworksErrors.Timeout, "Linnworks' time counts from the arrival, 3 s before a 2 s deadline");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "the handler is not started");
    }

    [Fact]
    public async Task Timing_TimeWaitedForATurn_ComesOffTheDeadline()
    {
        using var services = new TestServices(
            new() { ["Linnworks:RequestDeadline"] = "00:00:05" },
            s => s.AddTransient<IRequestHandler<SlowRequest, SlowResponse>, SlowHandler>());
        var clock = Stopwatch.StartNew();

        var response = await services.SendAsync(new SlowRequest(), arrival: new ArrivedEarlierClock(TimeSpan.FromSeconds(4.7)));

        response.Error.Should().Be(LinnworksErrors.Timeout);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "0.3 s were left of the 5 s, not 5 s");
    }

    /// <summary>The first timestamp it gives (the arrival) lies <paramref name="earlier"/> in the past; later ones are now.</summary>
    private sealed class ArrivedEarlierClock(TimeSpan earlier) : TimeProvider
    {
        private int _calls;

        public override long GetTimestamp() =>
            base.GetTimestamp() - (Interlocked.Increment(ref _calls) == 1 ? (long)(earlier.TotalSeconds * TimestampFrequency) : 0);
    }

    [Fact]
    public async Task AnUnexpectedFailure_AnswersEveryItem_AskingLinnworksToRetry()
    {
        using var services = new TestServices(configure: s => s.AddTransient<IRequestHandler<FailingRequest, FailingResponse>, FailingHandler>());

        var response = await services.SendAsync(new FailingRequest(["R-1", "R-2"]));

        response.Error.Should().StartWith("An unexpected error occurred (trace id ");
        response.Items.Should().Equal(("R-1", true), ("R-2", true));
    }

    public sealed record FailingRequest(IReadOnlyList<string> Sent) : ILinnworksRequest<FailingResponse>, IAnswersEveryItem<FailingResponse>
    {
        public FailingResponse AnswerEveryItem(string error, bool transient) => new() { Error = error, Items = [.. Sent.Select(s => (s, transient))] };
    }

    public sealed class FailingResponse : LinnworksResponse
    {
        public IReadOnlyList<(string Sent, bool Retry)> Items { get; set; } = [];
    }

    public sealed class FailingHandler(CallContext call) : LinnworksRequestHandler<FailingRequest, FailingResponse>(call)
    {
        protected override Task<FailingResponse> HandleAsync(FailingRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a fault of the service's own");
    }

    [Fact]
    public async Task Timing_CallerCancels_PropagatesCancellation()
    {
        using var services = new TestServices(configure: s => s.AddTransient<IRequestHandler<SlowRequest, SlowResponse>, SlowHandler>());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var act = () => services.SendAsync(new SlowRequest(), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    private static async Task<LinnworksResponse> SendDynamic(TestServices services, object request)
    {
        await using var scope = services.Provider.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var send = typeof(IMediator).GetMethod(nameof(IMediator.Send))!
            .MakeGenericMethod(request.GetType().GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0]);
        var task = (Task)send.Invoke(mediator, [request, CancellationToken.None])!;
        await task;
        return (LinnworksResponse)task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

    public sealed record SlowRequest : ILinnworksRequest<SlowResponse>;

    public sealed class SlowResponse : LinnworksResponse
    {
        public IReadOnlyList<string> Items { get; set; } = [];
    }

    public sealed class SlowHandler(CallContext call) : LinnworksRequestHandler<SlowRequest, SlowResponse>(call)
    {
        protected override async Task<SlowResponse> HandleAsync(SlowRequest request, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return new SlowResponse { Items = ["never"] };
        }
    }
}
