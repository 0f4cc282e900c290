using NodaTime;
using Permanence.Core.Calls.Simulation;
using Permanence.Core.Common;

namespace Permanence.Core.Routing;

/// <summary>Figures of a replayed day.</summary>
public sealed record AcdReplayResult(int Offered, int Answered, int Abandoned, int Overflowed, double ServiceLevel, double AbandonmentRate, double AverageWaitSeconds);

/// <summary>
/// Replays simulated traffic through <see cref="AcdQueue"/> in virtual time: secretaries answer as soon as their
/// console rings, talk for the simulated talk time, wrap up, and callers hang up when their patience runs out.
/// Used to size a centre and to check the distributor under a realistic day.
/// </summary>
public static class AcdReplay
{
    public static AcdReplayResult Run(IReadOnlyList<SimulatedCall> calls, IReadOnlyList<AcdAgent> agents, IReadOnlyDictionary<string, PracticeId> practiceByNumber,
        AcdOptions options, Duration serviceThreshold, Random random, double meanPatienceSeconds = 90)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(agents);
        var acd = new AcdQueue(options);
        var start = calls.Count == 0 ? Instant.FromUnixTimeSeconds(0) : calls[0].RingingAt;
        foreach (var agent in agents)
        {
            acd.Register(agent);
            acd.SetState(agent.Id, AgentState.Available, start);
        }
        // Virtual-time agenda: (when, what) with a sequence number to keep equal instants in order.
        var agenda = new PriorityQueue<Action<Instant>, (Instant, long)>();
        long sequence = 0;
        void At(Instant when, Action<Instant> action) => agenda.Enqueue(action, (when, sequence++));

        var ringingAt = new Dictionary<Guid, Instant>();
        var talk = calls.ToDictionary(c => c.CallId, c => c.Talk + c.Hold);
        var answered = new HashSet<Guid>();
        var finished = new HashSet<Guid>();
        int overflowed = 0, abandoned = 0, withinThreshold = 0;
        double totalWait = 0;

        void Decide(Instant now)
        {
            foreach (var decision in acd.Tick(now))
            {
                switch (decision)
                {
                    case OfferCall offer when !finished.Contains(offer.CallId):
                        acd.Answer(offer.CallId, offer.Agent, now);
                        answered.Add(offer.CallId);
                        var wait = now - ringingAt[offer.CallId];
                        totalWait += wait.TotalSeconds;
                        withinThreshold += wait <= serviceThreshold ? 1 : 0;
                        At(now + talk[offer.CallId], t => { acd.End(offer.CallId, t); finished.Add(offer.CallId); Decide(t); });
                        At(now + talk[offer.CallId] + options.WrapUp, Decide);
                        break;
                    case OverflowCall overflow:
                        overflowed++;
                        finished.Add(overflow.CallId);
                        break;
                    default:
                        break;
                }
            }
        }

        foreach (var call in calls.Where(c => c.Outcome != SimulatedOutcome.Voicemail && practiceByNumber.ContainsKey(c.To)))
        {
            At(call.RingingAt, now =>
            {
                ringingAt[call.CallId] = now;
                acd.Enqueue(new QueuedCall(call.CallId, practiceByNumber[call.To], call.Urgent, now));
                Decide(now);
            });
            var patience = Duration.FromSeconds(-meanPatienceSeconds * Math.Log(1 - random.NextDouble()));
            At(call.RingingAt + patience, now =>
            {
                if (!answered.Contains(call.CallId) && finished.Add(call.CallId))
                {
                    acd.End(call.CallId, now);
                    abandoned++;
                }
            });
            At(call.RingingAt + options.MaximumWait(practiceByNumber[call.To]), Decide);
        }
        while (agenda.TryDequeue(out var action, out var key))
        {
            action(key.Item1);
        }
        var offered = ringingAt.Count;
        return new AcdReplayResult(offered, answered.Count, abandoned, overflowed,
            offered == 0 ? 1 : (double)withinThreshold / offered,
            offered == 0 ? 0 : (double)abandoned / offered,
            answered.Count == 0 ? 0 : totalWait / answered.Count);
    }
}
