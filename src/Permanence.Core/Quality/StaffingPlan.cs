using NodaTime;

namespace Permanence.Core.Quality;

/// <summary>Recommended secretaries for one hour of the week.</summary>
public sealed record StaffingHour(IsoDayOfWeek Day, int Hour, double CallsPerHour, double Erlangs, int Agents,
    double ServiceLevel, double AverageSpeedOfAnswerSeconds, double AbandonmentRate);

/// <summary>
/// Turns an hour-of-week arrival profile and a handling time into secretaries needed per hour: the fewest that
/// reach the service level target by Erlang C, with the abandonment Erlang A expects at that staffing.
/// </summary>
public static class StaffingPlan
{
    /// <param name="callsPerHourOfWeek">168 average arrival rates, Monday 00:00 first.</param>
    public static IReadOnlyList<StaffingHour> Build(IReadOnlyList<double> callsPerHourOfWeek, double handlingSeconds,
        double targetSeconds = 15, double targetServiceLevel = KpiOptions.DefaultServiceLevelTarget, double patienceSeconds = 90)
    {
        ArgumentNullException.ThrowIfNull(callsPerHourOfWeek);
        if (callsPerHourOfWeek.Count != 168)
        {
            throw new ArgumentException("168 hourly rates are needed, Monday 00:00 first.", nameof(callsPerHourOfWeek));
        }
        var plan = new List<StaffingHour>(168);
        for (var h = 0; h < 168; h++)
        {
            var rate = callsPerHourOfWeek[h];
            var erlangs = rate * handlingSeconds / 3600;
            var agents = ErlangC.AgentsFor(erlangs, handlingSeconds, targetSeconds, targetServiceLevel);
            var abandonment = agents == 0 ? 0 : ErlangA.Evaluate(agents, rate, handlingSeconds, patienceSeconds).ProbabilityOfAbandoning;
            plan.Add(new StaffingHour((IsoDayOfWeek)((h / 24) + 1), h % 24, rate, erlangs, agents,
                agents == 0 ? 1 : ErlangC.ServiceLevel(agents, erlangs, handlingSeconds, targetSeconds),
                agents == 0 ? 0 : ErlangC.AverageSpeedOfAnswer(agents, erlangs, handlingSeconds),
                abandonment));
        }
        return plan;
    }

    /// <summary>
    /// The usual advice on outsourcing by volume: under about 30 calls a day a practice copes alone, over about 50
    /// it needs dedicated cover.
    /// </summary>
    public static string VolumeAdvice(double callsPerWorkingDay) => OutsourcingGuide.BandOf(callsPerWorkingDay) switch
    {
        VolumeBand.InHouse => "under ~30 calls/day: manageable in-house or with overflow cover",
        VolumeBand.SharedCover => "30–50 calls/day: part-time or shared secretariat cover recommended",
        VolumeBand.DedicatedCover => "over ~50 calls/day: dedicated secretariat cover needed",
        var band => throw new ArgumentOutOfRangeException(nameof(callsPerWorkingDay), band, null),
    };
}
