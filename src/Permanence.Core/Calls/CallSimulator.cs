using NodaTime;

namespace Permanence.Core.Calls;

/// <summary>Shape of the simulated traffic on one or more practice lines.</summary>
/// <param name="CallsPerHour">Mean arrival rate λ; arrivals form a Poisson process (exponential gaps).</param>
/// <param name="MeanWaitSeconds">Mean time a caller rings before a secretary answers (exponential).</param>
/// <param name="MeanPatienceSeconds">Mean time a caller waits before hanging up (exponential); shorter than the wait means an abandon.</param>
/// <param name="MeanTalkSeconds">Mean conversation length (exponential).</param>
/// <param name="HoldProbability">Chance an answered call is put on hold once, for about a fifth of its talk time.</param>
public sealed record SimulationProfile(
    IReadOnlyList<string> DialedNumbers,
    double CallsPerHour,
    double MeanWaitSeconds = 12,
    double MeanPatienceSeconds = 90,
    double MeanTalkSeconds = 180,
    double HoldProbability = 0.2);

/// <summary>One event the simulator will post, in the shape of the call-event API.</summary>
public sealed record SimulatedEvent(string EventId, string CallId, CallEventType Type, string From, string To, Instant At);

/// <summary>
/// Generates the call events of simulated traffic: Poisson arrivals, exponential waits, patience and talk times.
/// Deterministic for a given <see cref="Random"/> seed, so a scenario can be replayed; events come back sorted by time.
/// </summary>
public static class CallSimulator
{
    public static IReadOnlyList<SimulatedEvent> Generate(SimulationProfile profile, Instant start, Duration length, Random random)
    {
        if (profile.DialedNumbers.Count == 0)
        {
            throw new ArgumentException("At least one dialed number is needed.", nameof(profile));
        }
        if (profile.CallsPerHour <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(profile), "The arrival rate must be positive.");
        }
        var events = new List<SimulatedEvent>();
        var meanGapSeconds = 3600 / profile.CallsPerHour;
        var at = start + Seconds(Exponential(random, meanGapSeconds));
        var end = start + length;
        var sequence = 0;
        while (at < end)
        {
            sequence++;
            AddCall(events, profile, random, at, $"sim-{start.ToUnixTimeSeconds()}-{sequence}");
            at += Seconds(Exponential(random, meanGapSeconds));
        }
        return [.. events.OrderBy(e => e.At).ThenBy(e => (int)e.Type)];
    }

    private static void AddCall(List<SimulatedEvent> events, SimulationProfile profile, Random random, Instant ringingAt, string callId)
    {
        var to = profile.DialedNumbers[random.Next(profile.DialedNumbers.Count)];
        // A synthetic French mobile number in the 06 range; never a real subscriber's on purpose.
        var from = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"+336{random.Next(10_000_000, 99_999_999)}");
        var index = 0;
        void Add(CallEventType type, Instant at) => events.Add(new SimulatedEvent($"{callId}-{++index}", callId, type, from, to, at));

        Add(CallEventType.Ringing, ringingAt);
        var wait = Exponential(random, profile.MeanWaitSeconds);
        var patience = Exponential(random, profile.MeanPatienceSeconds);
        if (patience < wait)
        {
            Add(CallEventType.Ended, ringingAt + Seconds(patience));
            return;
        }
        var answeredAt = ringingAt + Seconds(wait);
        Add(CallEventType.Answered, answeredAt);
        var talk = Math.Max(10, Exponential(random, profile.MeanTalkSeconds));
        if (random.NextDouble() < profile.HoldProbability)
        {
            var heldAt = answeredAt + Seconds(talk * random.NextDouble() * 0.5);
            Add(CallEventType.Held, heldAt);
            Add(CallEventType.Resumed, heldAt + Seconds(talk * 0.2));
            talk *= 1.2;
        }
        Add(CallEventType.Ended, answeredAt + Seconds(talk));
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    private static Duration Seconds(double seconds) => Duration.FromMilliseconds(Math.Round(seconds * 1000));
}
