using NodaTime;
using Permanence.Core.Calls;

namespace Permanence.Core.Tests.Calls;

public sealed class CallSimulatorTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 23, 8, 0);
    private static readonly SimulationProfile Profile = new(["+33142860001", "+33142860002"], CallsPerHour: 120);

    [Fact]
    public void The_same_seed_gives_the_same_traffic()
    {
        var first = CallSimulator.Generate(Profile, Start, Duration.FromHours(1), new Random(7));
        var second = CallSimulator.Generate(Profile, Start, Duration.FromHours(1), new Random(7));
        second.ShouldBe(first);
    }

    [Fact]
    public void Arrivals_follow_the_requested_rate()
    {
        var events = CallSimulator.Generate(Profile, Start, Duration.FromHours(50), new Random(11));
        var calls = events.Count(e => e.Type == CallEventType.Ringing);
        // 6000 expected; a Poisson count has a standard deviation of about 77.
        calls.ShouldBeInRange(5600, 6400);
    }

    [Fact]
    public void Every_call_rings_first_ends_last_and_gives_a_consistent_timeline()
    {
        var events = CallSimulator.Generate(Profile, Start, Duration.FromHours(5), new Random(3));
        foreach (var call in events.GroupBy(e => e.CallId))
        {
            call.First().Type.ShouldBe(CallEventType.Ringing);
            call.Last().Type.ShouldBe(CallEventType.Ended);
            var timeline = CallTimeline.From(call.Select(e => new CallEvent { EventId = e.EventId, Type = e.Type, At = e.At }));
            timeline.Outcome.ShouldBeOneOf(CallOutcome.Answered, CallOutcome.Abandoned);
            (timeline.Talk ?? Duration.Zero).ShouldBeGreaterThanOrEqualTo(Duration.Zero);
        }
        events.Select(e => e.EventId).ShouldBeUnique();
    }
}
