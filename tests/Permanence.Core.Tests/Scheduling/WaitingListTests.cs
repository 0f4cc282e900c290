using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using static Permanence.Core.Tests.Scheduling.Agendas;

namespace Permanence.Core.Tests.Scheduling;

public sealed class WaitingListTests
{
    private static readonly Instant Now = InParis(2026, 3, 2, 8);
    private static readonly TimeRange FreedTuesdayTen = new(InParis(2026, 3, 3, 10), InParis(2026, 3, 3, 10, 30));

    private readonly PractitionerId _doctor = PractitionerId.New();
    private readonly AppointmentType _type = Consultation();
    private readonly PracticeAgenda _agenda;

    public WaitingListTests() => _agenda = Agenda(Calendar(), WeekdayMornings(_doctor));

    private WaitingListEntry Entry(int createdMinutesAgo) => new()
    {
        PatientId = PatientId.New(),
        AppointmentTypeId = _type.Id,
        CreatedAt = Now - Duration.FromMinutes(createdMinutesAgo),
    };

    private IReadOnlyList<WaitingListMatch> Match(params WaitingListEntry[] entries) =>
        WaitingList.MatchFreedTime(_agenda, _doctor, FreedTuesdayTen, entries, new Dictionary<AppointmentTypeId, AppointmentType> { [_type.Id] = _type }, Now);

    [Fact]
    public void Matching_entries_come_earliest_created_first_with_the_freed_slot()
    {
        var recent = Entry(5);
        var oldest = Entry(500);
        var middle = Entry(50);

        var matches = Match(recent, oldest, middle);

        matches.Select(m => m.Entry).ShouldBe([oldest, middle, recent]);
        matches.ShouldAllBe(m => m.Slot.Time == FreedTuesdayTen && m.Slot.PractitionerId == _doctor);
    }

    [Fact]
    public void Lapsed_entries_and_deadlines_before_the_slot_are_skipped()
    {
        var lapsed = Entry(60) with { Deadline = Now };
        var tooLate = Entry(50) with { Deadline = FreedTuesdayTen.Start };
        var inTime = Entry(40) with { Deadline = FreedTuesdayTen.End };

        Match(lapsed, tooLate, inTime).Select(m => m.Entry).ShouldBe([inTime]);
    }

    [Fact]
    public void Preferred_days_times_practitioner_and_type_must_all_suit()
    {
        var tuesdayMornings = Entry(90) with
        {
            PreferredDays = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Tuesday },
            PreferredTimes = [new TimeOfDayRange(new LocalTime(8, 0), new LocalTime(12, 0))],
        };
        var fridaysOnly = Entry(80) with { PreferredDays = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Friday } };
        var afternoons = Entry(70) with { PreferredTimes = [new TimeOfDayRange(new LocalTime(14, 0), LocalTime.Midnight)] };
        var endsTooLate = Entry(65) with { PreferredTimes = [new TimeOfDayRange(new LocalTime(9, 0), new LocalTime(10, 15))] };
        var otherDoctor = Entry(60) with { PractitionerId = PractitionerId.New() };
        var otherType = Entry(50) with { AppointmentTypeId = AppointmentTypeId.New() };

        Match(tuesdayMornings, fridaysOnly, afternoons, endsTooLate, otherDoctor, otherType).Select(m => m.Entry).ShouldBe([tuesdayMornings]);
    }

    [Fact]
    public void A_shorter_type_is_offered_the_start_of_the_freed_time_and_a_longer_one_nothing()
    {
        var shortType = Consultation(15);
        var longType = Consultation(45);
        var shortEntry = Entry(30) with { AppointmentTypeId = shortType.Id };
        var longEntry = Entry(20) with { AppointmentTypeId = longType.Id };
        var agenda = new PracticeAgenda(Calendar(), [WeekdayMornings(_doctor)], [Booked(InParis(2026, 3, 3, 10, 30))]);

        var matches = WaitingList.MatchFreedTime(agenda, _doctor, FreedTuesdayTen, [shortEntry, longEntry],
            new Dictionary<AppointmentTypeId, AppointmentType> { [shortType.Id] = shortType, [longType.Id] = longType }, Now);

        matches.ShouldHaveSingleItem().Entry.ShouldBe(shortEntry);
        matches[0].Slot.Time.ShouldBe(new TimeRange(FreedTuesdayTen.Start, FreedTuesdayTen.Start + Duration.FromMinutes(15)));
    }

    [Fact]
    public void An_entry_for_a_new_patient_is_not_offered_a_type_closed_to_new_patients()
    {
        var knownOnly = _type with { AcceptsNewPatients = false };
        var newPatient = Entry(10) with { PatientIsNew = true };
        var known = Entry(5);

        var matches = WaitingList.MatchFreedTime(_agenda, _doctor, FreedTuesdayTen, [newPatient, known],
            new Dictionary<AppointmentTypeId, AppointmentType> { [_type.Id] = knownOnly }, Now);

        matches.Select(m => m.Entry).ShouldBe([known]);
    }

    private ExistingAppointment Booked(Instant start) => new(_doctor, _type.Id, _type.TimeAt(start), _type.BlockedRangeAt(start));
}
