using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Routing;

namespace Permanence.Core.Tests.Routing;

/// <summary>Random days of calls, secretaries coming and going, answering and hanging up, checked after every step.</summary>
public sealed class AcdQueueProperties
{
    private static readonly PracticeId[] Practices = [PracticeId.New(), PracticeId.New(), PracticeId.New()];
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 23, 8, 0);
    private static readonly AcdOptions Options = new() { MaximumWait = p => p == Practices[0] ? Duration.FromMinutes(1) : Duration.FromMinutes(3) };

    /// <summary>One step: an operation code and two random numbers it uses.</summary>
    public sealed record Step(int Op, int A, int B);

    private static Arbitrary<Step[]> Steps() =>
        Gen.Choose(0, 6).SelectMany(op => Gen.Choose(0, 99).SelectMany(a => Gen.Choose(0, 99).Select(b => new Step(op, a, b))))
            .ArrayOf().Select(steps => steps.Take(120).ToArray()).ToArbitrary();

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Invariants_hold_after_every_step() => Prop.ForAll(Steps(), steps =>
    {
        var (acd, agents, _) = Run(steps, check: true);
        return acd is not null && agents.Length > 0;
    });

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property Every_call_ends_answered_overflowed_or_abandoned() => Prop.ForAll(Steps(), steps =>
    {
        var (acd, agents, outcome) = Run(steps, check: false);
        // Drain: every secretary comes back and answers whatever rings, until nothing is left.
        var now = Start + Duration.FromHours(1);
        foreach (var agent in agents)
        {
            acd.SetState(agent.Id, AgentState.Available, now);
        }
        for (var i = 0; i < 1000 && (acd.Waiting.Count > 0 || acd.Assignments.Any()); i++)
        {
            now += Duration.FromSeconds(5);
            outcome.Apply(acd.Tick(now));
            foreach (var (callId, agent, state) in acd.Assignments.ToList())
            {
                if (state == AgentState.Ringing)
                {
                    acd.Answer(callId, agent).ShouldBeTrue();
                    outcome.Answered.Add(callId);
                }
                else
                {
                    acd.End(callId, now);
                }
            }
        }
        return outcome.Enqueued.All(c => outcome.Answered.Contains(c) || outcome.Overflowed.Contains(c) || outcome.Abandoned.Contains(c))
            && acd.Waiting.Count == 0;
    });

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public Property A_restored_snapshot_takes_the_same_decisions_as_the_original() => Prop.ForAll(Steps(), steps =>
    {
        var (acd, agents, _) = Run(steps, check: false);
        var restored = AcdQueue.Restore(Options, agents, acd.Snapshot());
        restored.Snapshot().Agents.ShouldBe(acd.Snapshot().Agents, ignoreOrder: true);
        var later = Start + Duration.FromSeconds(steps.Length * 10);
        foreach (var offset in new[] { 5, 20, 60, 200 })
        {
            var now = later + Duration.FromSeconds(offset);
            restored.Tick(now).ShouldBe(acd.Tick(now));
            restored.Waiting.ShouldBe(acd.Waiting);
            restored.Assignments.OrderBy(a => a.CallId).ShouldBe(acd.Assignments.OrderBy(a => a.CallId));
        }
        return true;
    });

    private sealed class Outcome
    {
        public List<Guid> Enqueued { get; } = [];
        public HashSet<Guid> Answered { get; } = [];
        public HashSet<Guid> Overflowed { get; } = [];
        public HashSet<Guid> Abandoned { get; } = [];

        public void Apply(IEnumerable<AcdDecision> decisions)
        {
            foreach (var overflow in decisions.OfType<OverflowCall>())
            {
                Overflowed.Add(overflow.CallId);
            }
        }
    }

    private static (AcdQueue Acd, AcdAgent[] Agents, Outcome Outcome) Run(Step[] steps, bool check)
    {
        var acd = new AcdQueue(Options);
        var agents = Enumerable.Range(0, 4).Select(i => new AcdAgent(StaffUserId.New(),
            Practices.Where((p, j) => (i + j) % 3 != 0).ToDictionary(p => p, p => 1 + (i % 3)))).ToArray();
        foreach (var agent in agents)
        {
            acd.Register(agent);
        }
        var outcome = new Outcome();
        var calls = new Dictionary<Guid, QueuedCall>();
        var now = Start;
        foreach (var step in steps)
        {
            now += Duration.FromSeconds(1 + (step.B % 20));
            var agent = agents[step.A % agents.Length];
            switch (step.Op)
            {
                case 0 or 1:
                    var call = new QueuedCall(Guid.NewGuid(), Practices[step.A % Practices.Length], Urgent: step.B % 4 == 0, now);
                    calls[call.CallId] = call;
                    outcome.Enqueued.Add(call.CallId);
                    acd.Enqueue(call);
                    break;
                case 2:
                    acd.SetState(agent.Id, step.B % 3 == 0 ? AgentState.Break : AgentState.Available, now);
                    break;
                case 3 when acd.Assignments.FirstOrDefault(a => a.State == AgentState.Ringing) is { CallId: var ringing, Agent: var at } && ringing != Guid.Empty:
                    acd.Answer(ringing, at).ShouldBeTrue();
                    outcome.Answered.Add(ringing);
                    break;
                case 4 when acd.Assignments.FirstOrDefault(a => a.State == AgentState.OnCall) is { CallId: var talking } && talking != Guid.Empty:
                    acd.End(talking, now);
                    break;
                case 5 when acd.Waiting.Count > 0:
                    var leaving = acd.Waiting[step.B % acd.Waiting.Count].CallId;
                    acd.End(leaving, now);
                    outcome.Abandoned.Add(leaving);
                    break;
                default:
                    var waitingBefore = acd.Waiting.ToList();
                    var decisions = acd.Tick(now);
                    outcome.Apply(decisions);
                    if (check)
                    {
                        CheckFifo(decisions, waitingBefore, acd);
                        CheckNoIdleSkilledAgent(acd, agents);
                    }
                    break;
            }
            if (check)
            {
                // No secretary ever holds two calls.
                acd.Assignments.GroupBy(a => a.Agent).ShouldAllBe(g => g.Count() == 1);
            }
        }
        return (acd, agents, outcome);
    }

    /// <summary>An offered call never jumps ahead of a call of the same practice and priority that entered earlier and still waits.</summary>
    private static void CheckFifo(IReadOnlyList<AcdDecision> decisions, List<QueuedCall> waitingBefore, AcdQueue acd)
    {
        foreach (var offer in decisions.OfType<OfferCall>())
        {
            var offered = waitingBefore.FirstOrDefault(c => c.CallId == offer.CallId);
            if (offered is null)
            {
                continue;
            }
            acd.Waiting.ShouldNotContain(c => c.Practice == offered.Practice && c.Urgent == offered.Urgent && c.EnqueuedAt < offered.EnqueuedAt);
        }
    }

    /// <summary>After a tick, no call (urgent ones first of all) waits while a secretary skilled for its practice is free.</summary>
    private static void CheckNoIdleSkilledAgent(AcdQueue acd, AcdAgent[] agents)
    {
        foreach (var call in acd.Waiting)
        {
            agents.ShouldNotContain(a => a.Skills.ContainsKey(call.Practice) && acd.StateOf(a.Id) == AgentState.Available,
                call.Urgent ? "an urgent call waits while a skilled secretary is available" : "a call waits while a skilled secretary is available");
        }
    }
}
