using NodaTime;
using Permanence.Core.Quality;

namespace Permanence.Core.Tests.Quality;

public sealed class ArrivalHistoryTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    /// <summary>Monday 9 November 2026, 00:00 in Paris (UTC+1).</summary>
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 8, 23, 0);

    [Fact]
    public void Each_slot_is_averaged_over_the_times_it_occurred_in_the_window()
    {
        var nine = Monday + Duration.FromHours(9);
        Instant[] calls = [nine, nine + Duration.FromMinutes(20), nine + Duration.FromDays(7), Monday + Duration.FromDays(14) + Duration.FromHours(9)];

        // 15 days: Monday 09:00 occurs three times, Tuesday 09:00 twice.
        var rates = ArrivalHistory.CallsPerHourOfWeek(calls, Monday, Monday + Duration.FromDays(15), Paris);

        rates.Length.ShouldBe(168);
        rates[9].ShouldBe(4.0 / 3, 1e-12);
        rates[24 + 9].ShouldBe(0);
    }

    [Fact]
    public void The_repeated_autumn_hour_counts_twice_in_its_slot_like_its_calls()
    {
        // Sunday 25 October 2026: 02:00–03:00 Paris happens at 00:00 and 01:00 UTC.
        var sundayMidnight = Instant.FromUtc(2026, 10, 24, 22, 0);
        Instant[] calls = [Instant.FromUtc(2026, 10, 25, 0, 30), Instant.FromUtc(2026, 10, 25, 1, 30)];

        var rates = ArrivalHistory.CallsPerHourOfWeek(calls, sundayMidnight, sundayMidnight + Duration.FromDays(1), Paris);

        rates[(6 * 24) + 2].ShouldBe(1.0);
    }

    [Fact]
    public void Calls_outside_the_window_are_ignored()
    {
        var rates = ArrivalHistory.CallsPerHourOfWeek([Monday - Duration.FromHours(1), Monday + Duration.FromDays(14)], Monday, Monday + Duration.FromDays(14), Paris);

        rates.Sum().ShouldBe(0);
    }
}
