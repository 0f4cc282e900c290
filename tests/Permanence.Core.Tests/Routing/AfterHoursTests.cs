using NodaTime;
using Permanence.Core.Practices;
using Permanence.Core.Routing;

namespace Permanence.Core.Tests.Routing;

public sealed class AfterHoursTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    private static Practice Practice(params (IsoDayOfWeek Day, int From, int To)[] hours)
    {
        var practice = PracticeValidation.Apply(new PracticeInput("Cabinet des Gardes", "{practice}, bonjour", "general", "Europe/Paris", null, null,
            "01 42 86 82 00", null, null, null, false, null, null)).Value!;
        practice.OpeningHours = [.. hours.Select(h => new OpeningHoursRange { Day = h.Day, Start = new LocalTime(h.From, 0), End = new LocalTime(h.To, 0) })];
        return practice;
    }

    private static Instant At(int year, int month, int day, int hour) => new LocalDateTime(year, month, day, hour, 0).InZoneLeniently(Paris).ToInstant();

    [Fact]
    public void The_night_between_two_working_days_is_after_hours_on_the_wall_clock_across_the_autumn_change()
    {
        // Sunday 25 October 2026: clocks go back at 03:00; the practice opens Saturday and Monday 08:00–19:00.
        var practice = Practice((IsoDayOfWeek.Saturday, 8, 19), (IsoDayOfWeek.Monday, 8, 19));

        var periods = AfterHours.Periods(practice, At(2026, 10, 24, 12), At(2026, 10, 26, 12));

        periods.ShouldBe([(At(2026, 10, 24, 19), At(2026, 10, 26, 8))]);
        (periods[0].End - periods[0].Start).ShouldBe(Duration.FromHours(38));
    }

    [Fact]
    public void A_public_holiday_and_a_closure_are_after_hours_all_day()
    {
        // Wednesday 11 November 2026 is Armistice Day; the practice is closed on Thursday 12 for training.
        var practice = Practice((IsoDayOfWeek.Wednesday, 8, 19), (IsoDayOfWeek.Thursday, 8, 19), (IsoDayOfWeek.Friday, 8, 19));
        practice.Closures = [new PracticeClosure { FirstDay = new LocalDate(2026, 11, 12), LastDay = new LocalDate(2026, 11, 12), Reason = "formation" }];

        var periods = AfterHours.Periods(practice, At(2026, 11, 10, 20), At(2026, 11, 13, 20));

        periods.ShouldBe([(At(2026, 11, 10, 20), At(2026, 11, 13, 8)), (At(2026, 11, 13, 19), At(2026, 11, 13, 20))]);
    }

    [Fact]
    public void Gaps_are_the_after_hours_periods_left_uncovered_by_the_roster()
    {
        var practice = Practice((IsoDayOfWeek.Friday, 8, 19), (IsoDayOfWeek.Monday, 8, 19));
        OnCallShift[] roster = [new(At(2026, 11, 27, 19), At(2026, 11, 28, 8), "+33600000001", "Dr Moreau"),
            new(At(2026, 11, 28, 20), At(2026, 11, 30, 8), "+33600000002", "SOS Médecins")];

        var gaps = OnCallRoster.Gaps(roster, AfterHours.Periods(practice, At(2026, 11, 27, 12), At(2026, 11, 30, 12)));

        gaps.ShouldBe([new CoverageGap(At(2026, 11, 28, 8), At(2026, 11, 28, 20))]);
    }
}
