using NodaTime;

namespace Permanence.Core.Calls.Simulation;

/// <summary>
/// Expected number of calls in each hour of the week (Monday 00:00 first, 168 values), in a practice's local time.
/// Arrivals within an hour are a Poisson process of that rate.
/// </summary>
public sealed class ArrivalProfile
{
    public const int HoursInWeek = 168;
    private readonly double[] _callsPerHour;

    public ArrivalProfile(IReadOnlyList<double> callsPerHour)
    {
        ArgumentNullException.ThrowIfNull(callsPerHour);
        if (callsPerHour.Count != HoursInWeek || callsPerHour.Any(r => r < 0 || double.IsNaN(r) || double.IsInfinity(r)))
        {
            throw new ArgumentException("An arrival profile has 168 non-negative hourly rates, Monday 00:00 first.", nameof(callsPerHour));
        }
        _callsPerHour = [.. callsPerHour];
    }

    /// <summary>Expected calls in the hour of the week that contains <paramref name="local"/>.</summary>
    public double RateAt(LocalDateTime local) => _callsPerHour[HourOfWeek(local)];

    public double CallsPerWeek => _callsPerHour.Sum();

    public static int HourOfWeek(LocalDateTime local) => (((int)local.DayOfWeek - 1) * 24) + local.Hour;

    /// <summary>This profile with every rate multiplied by <paramref name="factor"/> (a busier or quieter practice).</summary>
    public ArrivalProfile Scaled(double factor) => new([.. _callsPerHour.Select(r => r * factor)]);

    /// <summary>
    /// A general practice taking about <paramref name="callsPerWorkingDay"/> calls a weekday (≈ 25 for a GP, 500 a
    /// month): morning peak 08:00–10:00, a smaller one 14:00–15:00, Mondays about 30 % busier, Saturday mornings
    /// light, a trickle of evening and night calls (after hours).
    /// </summary>
    public static ArrivalProfile GeneralPractice(double callsPerWorkingDay = 25)
    {
        // Share of a weekday's calls by hour, from the usual shape of practice telephone traffic.
        double[] weekday =
        [
            0.002, 0.001, 0.001, 0.001, 0.001, 0.002, 0.005, 0.03, 0.15, 0.14, 0.10, 0.08,
            0.05, 0.04, 0.09, 0.08, 0.07, 0.06, 0.045, 0.025, 0.01, 0.006, 0.004, 0.003,
        ];
        var total = weekday.Sum();
        var rates = new double[HoursInWeek];
        for (var day = 0; day < 7; day++)
        {
            var dayFactor = day switch
            {
                0 => 1.3,
                1 or 2 or 3 => 1.0,
                4 => 0.9,
                _ => 0.0,
            };
            for (var hour = 0; hour < 24; hour++)
            {
                var share = weekday[hour] / total;
                rates[(day * 24) + hour] = day switch
                {
                    5 => (hour is >= 8 and < 12 ? 0.06 : 0.004) * callsPerWorkingDay,
                    6 => 0.004 * callsPerWorkingDay,
                    _ => share * dayFactor * callsPerWorkingDay,
                };
            }
        }
        return new ArrivalProfile(rates);
    }
}
