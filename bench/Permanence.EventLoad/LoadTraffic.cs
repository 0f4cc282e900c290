using NodaTime;
using Permanence.Core.Calls.Simulation;

namespace Permanence.EventLoad;

/// <summary>The events the load driver sends or stores: a week of a general practice's simulated calls.</summary>
internal static class LoadTraffic
{
    /// <summary>
    /// Up to <paramref name="count"/> events of whole calls to <paramref name="routineNumber"/> from <paramref name="start"/>
    /// on, so events of one call race each other as they would from a provider; cut to the wanted count.
    /// </summary>
    public static List<CallEventMessage> Generate(string routineNumber, int count, int seed, Instant start)
    {
        var practice = new SimulatedPractice(routineNumber, "+33142869902", DateTimeZoneProviders.Tzdb["Europe/Paris"],
            ArrivalProfile.GeneralPractice(count), _ => true, ["+33612345678", "+33698765432"]);
        return [.. new TrafficGenerator(new Random(seed)).Generate([practice], start, start + Duration.FromDays(7))
            .SelectMany(SimulatedEvents.For).Take(count)];
    }
}
