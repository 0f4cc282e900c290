using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Tests.Scheduling;

public sealed class WaitingListProperties
{
    private static Gen<WaitingListEntry> Entry(SchedulingScenario scenario) =>
        from patient in Gen.Choose(1, int.MaxValue)
        from ownType in Gen.Elements(true, true, false)
        from practitioner in Gen.Elements<PractitionerId?>([null, .. SchedulingArbitraries.Practitioners.Cast<PractitionerId?>()])
        from days in Gen.SubListOf(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        from fromHour in Gen.Choose(0, 23)
        from hours in Gen.Choose(1, 24)
        from withTimes in Gen.Elements(true, false)
        from deadlineHours in Gen.Elements<int?>(null, -1, 6, 24, 72)
        from createdMinutesAgo in Gen.Choose(0, 100_000)
        select new WaitingListEntry
        {
            PatientId = new PatientId(new Guid(patient, 0, 0, new byte[8])),
            AppointmentTypeId = ownType ? scenario.Type.Id : AppointmentTypeId.New(),
            PractitionerId = practitioner,
            PatientIsNew = scenario.PatientIsNew,
            PreferredDays = days.ToHashSet(),
            PreferredTimes = withTimes
                ? [new TimeOfDayRange(new LocalTime(fromHour, 0), fromHour + hours >= 24 ? LocalTime.Midnight : new LocalTime(fromHour + hours, 0))]
                : [],
            Deadline = deadlineHours is { } h ? scenario.Window.Start + Duration.FromHours(h) : null,
            CreatedAt = scenario.Now - Duration.FromMinutes(createdMinutesAgo),
        };

    private static Arbitrary<(SchedulingScenario Scenario, List<WaitingListEntry> Entries, PractitionerId Practitioner)> Cases() =>
        (from scenario in SchedulingArbitraries.ShortScenarios()
         from count in Gen.Choose(0, 12)
         from entries in Gen.ListOf(Entry(scenario), count)
         from practitioner in Gen.Elements(SchedulingArbitraries.Practitioners)
         select (scenario, entries.ToList(), practitioner)).ToArbitrary();

    [Property(MaxTest = 150)]
    public Property Matches_are_oldest_first_and_every_offer_suits_its_entry_and_passes_the_booking_check() =>
        Prop.ForAll(Cases(), input =>
        {
            var (scenario, entries, practitioner) = input;
            var agenda = scenario.Agenda();
            var types = new Dictionary<AppointmentTypeId, AppointmentType> { [scenario.Type.Id] = scenario.Type };

            var matches = WaitingList.MatchFreedTime(agenda, practitioner, scenario.Window, entries, types, scenario.Now);

            matches.Select(m => m.Entry.CreatedAt).ShouldBeInOrder(SortDirection.Ascending);
            matches.Select(m => m.Entry).Distinct().Count().ShouldBe(matches.Count);
            foreach (var (entry, slot) in matches)
            {
                entries.ShouldContain(entry);
                entry.IsSuitedBy(slot, scenario.Calendar.Zone).ShouldBeTrue();
                slot.PractitionerId.ShouldBe(practitioner);
                scenario.Window.Contains(slot.Time.Start).ShouldBeTrue();
                (entry.Deadline is not { } deadline || (deadline > scenario.Now && slot.Time.Start < deadline)).ShouldBeTrue();
                var candidate = new BookingCandidate(practitioner, scenario.Type, slot.Time.Start, entry.PatientIsNew);
                BookingRules.Check(agenda, candidate, scenario.Now).Value.ShouldBe(slot);
            }
            var unmatched = entries.Except(matches.Select(m => m.Entry));
            var offered = scenario.AllSlots(agenda).Where(s => s.PractitionerId == practitioner).ToList();
            unmatched.ShouldAllBe(e => (e.Deadline.HasValue && e.Deadline <= scenario.Now) || !offered.Any(s => e.IsSuitedBy(s, scenario.Calendar.Zone)));
        });
}
