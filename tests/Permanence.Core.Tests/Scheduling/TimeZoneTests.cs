using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using static Permanence.Core.Tests.Scheduling.Agendas;

namespace Permanence.Core.Tests.Scheduling;

public sealed class TimeZoneTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 5, 12, 0);
    private readonly PractitionerId _doctor = PractitionerId.New();

    private PracticeAgenda NightOn(LocalDate date, DateTimeZone zone, LocalTime start, LocalTime end) => Agenda(
        Calendar(zone) with { ClosedOnPublicHolidays = false },
        new PractitionerSchedule { PractitionerId = _doctor, WeeklySessions = [new WeeklySession(date.DayOfWeek, start, end)] });

    [Fact]
    public void Spring_forward_in_paris_leaves_ten_half_hour_slots_between_midnight_and_six()
    {
        var day = new LocalDate(2026, 3, 29);
        var agenda = NightOn(day, Paris, LocalTime.Midnight, new LocalTime(6, 0));

        var slots = Search(agenda, Consultation(), Days(Paris, day, day), Now).Slots;

        slots.Count.ShouldBe(10);
        slots[0].Time.Start.ShouldBe(Instant.FromUtc(2026, 3, 28, 23, 0));
        slots.Select(s => s.Time.Start).ShouldBe(
            Enumerable.Range(0, 10).Select(i => Instant.FromUtc(2026, 3, 28, 23, 0) + Duration.FromMinutes(30 * i)));
        slots[^1].Time.End.ShouldBe(Instant.FromUtc(2026, 3, 29, 4, 0));
        slots.LocalStartsOf().ShouldBe(
            ["00:00", "00:30", "01:00", "01:30", "03:00", "03:30", "04:00", "04:30", "05:00", "05:30"]);
    }

    [Fact]
    public void Fall_back_in_paris_gives_fourteen_distinct_slots_and_counts_the_repeated_hour_once_per_instant()
    {
        var day = new LocalDate(2026, 10, 25);
        var agenda = NightOn(day, Paris, LocalTime.Midnight, new LocalTime(6, 0));

        var slots = Search(agenda, Consultation(), Days(Paris, day, day), Now).Slots;

        slots.Count.ShouldBe(14);
        slots.Select(s => s.Time.Start).Distinct().Count().ShouldBe(14);
        slots.Select(s => s.Time.Start).ShouldBe(
            Enumerable.Range(0, 14).Select(i => Instant.FromUtc(2026, 10, 24, 22, 0) + Duration.FromMinutes(30 * i)));
        slots.LocalStartsOf().ShouldBe(
            ["00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "02:00", "02:30", "03:00", "03:30", "04:00", "04:30", "05:00", "05:30"]);
        slots.Select(s => s.Time.Start.InZone(Paris).Offset).Distinct().ShouldBe([Offset.FromHours(2), Offset.FromHours(1)]);
    }

    [Fact]
    public void A_session_starting_in_the_spring_gap_starts_at_the_transition()
    {
        var day = new LocalDate(2026, 3, 29);
        var range = SessionTimeResolver.ToRange(day, new LocalTime(2, 0), new LocalTime(3, 30), Paris);

        range.ShouldBe(new TimeRange(Instant.FromUtc(2026, 3, 29, 1, 0), Instant.FromUtc(2026, 3, 29, 1, 30)));
        SessionTimeResolver.ToRange(day, new LocalTime(2, 15), new LocalTime(2, 45), Paris).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void A_weekly_range_from_two_to_half_past_three_on_the_spring_forward_day_offers_only_three_o_clock()
    {
        var day = new LocalDate(2026, 3, 29);
        var agenda = NightOn(day, Paris, new LocalTime(2, 0), new LocalTime(3, 30));

        var slots = Search(agenda, Consultation(), Days(Paris, day, day), Now).Slots;

        slots.ShouldHaveSingleItem().Time.Start.ShouldBe(Instant.FromUtc(2026, 3, 29, 1, 0));
        slots.LocalStartsOf().ShouldBe(["03:00"]);
    }

    [Fact]
    public void An_ambiguous_session_time_in_october_takes_its_first_occurrence()
    {
        var range = SessionTimeResolver.ToRange(new LocalDate(2026, 10, 25), new LocalTime(1, 0), new LocalTime(2, 30), Paris);

        range.ShouldBe(new TimeRange(Instant.FromUtc(2026, 10, 24, 23, 0), Instant.FromUtc(2026, 10, 25, 0, 30)));
    }

    [Fact]
    public void A_weekly_session_keeps_its_wall_clock_hours_across_the_transition()
    {
        var agenda = Agenda(Calendar(), WeekdayMornings(_doctor));
        var window = Days(Paris, new LocalDate(2026, 3, 27), new LocalDate(2026, 3, 30));

        var slots = Search(agenda, Consultation(), window, Now).Slots;

        slots.Count.ShouldBe(12);
        slots[0].Time.Start.ShouldBe(Instant.FromUtc(2026, 3, 27, 8, 0)); // Friday 09:00 CET
        slots[6].Time.Start.ShouldBe(Instant.FromUtc(2026, 3, 30, 7, 0)); // Monday 09:00 CEST
    }

    [Fact]
    public void A_martinique_practice_reads_sessions_and_days_in_its_own_zone()
    {
        var martinique = TimeZones.TryGet("America/Martinique")!;
        var day = new LocalDate(2026, 3, 29);
        var agenda = Agenda(
            Calendar(martinique) with { HolidayRegion = FrenchHolidayRegion.Martinique },
            new PractitionerSchedule { PractitionerId = _doctor, WeeklySessions = [new WeeklySession(IsoDayOfWeek.Sunday, LocalTime.Midnight, new LocalTime(6, 0))] });

        var slots = Search(agenda, Consultation(), Days(martinique, day, day), Now).Slots;

        slots.Count.ShouldBe(12);
        slots[0].Time.Start.ShouldBe(Instant.FromUtc(2026, 3, 29, 4, 0));
        slots[^1].Time.End.ShouldBe(Instant.FromUtc(2026, 3, 29, 10, 0));
    }

    [Fact]
    public void A_martinique_practice_closes_on_its_abolition_day_but_not_a_paris_one()
    {
        var martinique = TimeZones.TryGet("America/Martinique")!;
        var abolition = new LocalDate(2026, 5, 22);
        var schedule = WeekdayMornings(_doctor);

        var inMartinique = Agenda(Calendar(martinique) with { HolidayRegion = FrenchHolidayRegion.Martinique }, schedule);
        var inParis = Agenda(Calendar(), schedule);

        Search(inMartinique, Consultation(), Days(martinique, abolition, abolition), Now).Slots.ShouldBeEmpty();
        Search(inParis, Consultation(), Days(Paris, abolition, abolition), Now).Slots.Count.ShouldBe(6);
    }

    [Fact]
    public void A_reunion_daily_cap_counts_by_the_reunion_day_not_the_utc_day()
    {
        var reunion = TimeZones.TryGet("Indian/Reunion")!;
        var type = Consultation() with { MaximumPerDayPerPractitioner = 1 };
        var schedule = new PractitionerSchedule
        {
            PractitionerId = _doctor,
            WeeklySessions = [new WeeklySession(IsoDayOfWeek.Tuesday, new LocalTime(2, 0), new LocalTime(5, 0))],
        };
        // Monday 23:30 UTC is already Tuesday 03:30 in Réunion (UTC+4).
        var start = Instant.FromUtc(2026, 3, 2, 23, 30);
        var booked = new ExistingAppointment(_doctor, type.Id, type.TimeAt(start), type.BlockedRangeAt(start));
        var agenda = new PracticeAgenda(Calendar(reunion), [schedule], [booked]);
        var tuesday = new LocalDate(2026, 3, 3);

        Search(agenda, type, Days(reunion, tuesday, tuesday), Now).Slots.ShouldBeEmpty();
    }
}

internal static class SlotListExtensions
{
    public static IEnumerable<string> LocalStartsOf(this IEnumerable<Slot> slots) =>
        slots.Select(s => s.Time.Start.InZone(Agendas.Paris).TimeOfDay.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
}
