using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Tests.Scheduling;

[Properties(Arbitrary = [typeof(SchedulingArbitraries)], MaxTest = 150)]
public sealed class SlotSearchProperties
{
    [Property]
    public void Every_slot_respects_every_rule(SchedulingScenario scenario)
    {
        var slots = scenario.AllSlots(scenario.Agenda());
        var type = scenario.Type;
        var zone = scenario.Calendar.Zone;

        slots.Select(s => s.Cursor).ShouldBeInOrder(SortDirection.Ascending);
        slots.Select(s => s.Cursor).Distinct().Count().ShouldBe(slots.Count);
        foreach (var slot in slots)
        {
            slot.AppointmentTypeId.ShouldBe(type.Id);
            slot.Time.Duration.ShouldBe(type.Duration);
            slot.BlockedRange.ShouldBe(slot.Time.Widen(type.BufferBefore, type.BufferAfter));
            scenario.Window.Contains(slot.Time.Start).ShouldBeTrue();
            slot.Time.Start.ShouldBeGreaterThanOrEqualTo(scenario.Now + type.MinimumNotice);
            slot.Time.Start.ShouldBeLessThan(scenario.Now + type.MaximumHorizon);
            type.AllowsPractitioner(slot.PractitionerId).ShouldBeTrue();
            (type.AcceptsNewPatients || !scenario.PatientIsNew).ShouldBeTrue();

            var schedule = scenario.Schedules.Single(s => s.PractitionerId == slot.PractitionerId);
            Oracle.WorkingTime(schedule, scenario.Calendar, slot.Time).ShouldBeTrue($"{slot.Time} is not inside a session");
            schedule.Absences.Concat(scenario.Calendar.Closures).ShouldNotContain(a => a.Overlaps(slot.Time));

            var own = scenario.Appointments.Where(a => a.PractitionerId == slot.PractitionerId).ToList();
            own.ShouldNotContain(a => a.BlockedRange.Overlaps(slot.BlockedRange));
            if (type.MaximumPerDayPerPractitioner is { } cap)
            {
                var day = slot.Time.Start.InZone(zone).Date;
                own.Count(a => a.AppointmentTypeId == type.Id && a.Time.Start.InZone(zone).Date == day).ShouldBeLessThan(cap);
            }
        }
    }

    [Property]
    public void Every_slot_passes_the_booking_check_and_booking_it_takes_it_and_its_overlaps_away(SchedulingScenario scenario)
    {
        var agenda = scenario.Agenda();
        var slots = scenario.AllSlots(agenda);

        foreach (var slot in slots)
        {
            var candidate = new BookingCandidate(slot.PractitionerId, scenario.Type, slot.Time.Start, scenario.PatientIsNew);
            BookingRules.Check(agenda, candidate, scenario.Now).Value.ShouldBe(slot);
        }
        if (slots.Count == 0)
        {
            return;
        }

        var booked = slots[slots.Count / 2];
        var after = agenda.With(ExistingAppointment.From(booked));
        var remaining = scenario.AllSlots(after);

        remaining.ShouldNotContain(s => s.PractitionerId == booked.PractitionerId && s.BlockedRange.Overlaps(booked.BlockedRange));
        remaining.ShouldBeSubsetOf(slots);
        slots.Except(remaining).ShouldAllBe(s => s.PractitionerId == booked.PractitionerId);
        var again = BookingRules.Check(after, new BookingCandidate(booked.PractitionerId, scenario.Type, booked.Time.Start, scenario.PatientIsNew), scenario.Now);
        again.Error.ShouldBeAssignableTo<BookingRuleViolation>()!.SlotIsTaken.ShouldBeTrue();
    }

    [Property]
    public Property The_search_finds_every_start_the_booking_check_accepts() =>
        Prop.ForAll(SchedulingArbitraries.ShortScenarios().ToArbitrary(), scenario =>
        {
            var agenda = scenario.Agenda();
            var found = scenario.AllSlots(agenda).Select(s => s.Cursor).ToHashSet();
            var fiveMinutes = Duration.FromMinutes(5);
            var accepted = new List<SlotCursor>();
            foreach (var practitioner in SchedulingArbitraries.Practitioners)
            {
                for (var start = scenario.Window.Start; start < scenario.Window.End; start += fiveMinutes)
                {
                    var candidate = new BookingCandidate(practitioner, scenario.Type, start, scenario.PatientIsNew);
                    if (BookingRules.Check(agenda, candidate, scenario.Now).IsSuccess)
                    {
                        accepted.Add(new SlotCursor(start, practitioner));
                    }
                }
            }
            accepted.ToHashSet().SetEquals(found).ShouldBeTrue();
        });

    [Property]
    public void Pages_of_any_size_walk_the_same_slots_as_one_big_page(SchedulingScenario scenario, PositiveInt pageSize)
    {
        var agenda = scenario.Agenda();

        scenario.AllSlots(agenda, Math.Min(pageSize.Get, 50)).ShouldBe(scenario.AllSlots(agenda));
    }

    [Property(MaxTest = 60)]
    public void Booking_the_first_free_slot_again_and_again_never_double_books(SchedulingScenario scenario)
    {
        var agenda = new PracticeAgenda(scenario.Calendar, scenario.Schedules, []);

        for (var i = 0; i < 25; i++)
        {
            if (SlotSearch.Find(agenda, scenario.Query(1), scenario.Now).Slots is not [var next])
            {
                break;
            }
            agenda = agenda.With(ExistingAppointment.From(next));
        }

        ActiveAppointmentsMustNotOverlap.IsSatisfiedBy(agenda.Appointments).ShouldBeTrue();
    }

    /// <summary>An independent reading of the rules: the union of a day's sessions, holidays checked by date.</summary>
    private static class Oracle
    {
        public static bool WorkingTime(PractitionerSchedule schedule, PracticeCalendar calendar, TimeRange time)
        {
            var date = time.Start.InZone(calendar.Zone).Date;
            return new[] { date.PlusDays(-1), date }.Any(d => Union(SessionsOn(schedule, calendar.Zone, d)).Any(r => r.Contains(time))
                && !(calendar.ClosedOnPublicHolidays && FrenchPublicHolidays.IsPublicHoliday(d, calendar.HolidayRegion)));
        }

        private static IEnumerable<TimeRange> SessionsOn(PractitionerSchedule schedule, DateTimeZone zone, LocalDate date) =>
            schedule.WeeklySessions.Where(w => w.Day == date.DayOfWeek).Select(w => SessionTimeResolver.ToRange(date, w.Start, w.End, zone))
                .Concat(schedule.ExtraSessions.Where(e => e.Date == date).Select(e => SessionTimeResolver.ToRange(date, e.Start, e.End, zone)));

        private static List<TimeRange> Union(IEnumerable<TimeRange> ranges)
        {
            var union = new List<TimeRange>();
            foreach (var range in ranges.Where(r => !r.IsEmpty).OrderBy(r => r.Start))
            {
                if (union.Count > 0 && range.Start <= union[^1].End)
                {
                    union[^1] = new TimeRange(union[^1].Start, Instant.Max(union[^1].End, range.End));
                }
                else
                {
                    union.Add(range);
                }
            }
            return union;
        }
    }
}
