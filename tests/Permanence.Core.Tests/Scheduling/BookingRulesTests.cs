using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using static Permanence.Core.Tests.Scheduling.Agendas;

namespace Permanence.Core.Tests.Scheduling;

public sealed class BookingRulesTests
{
    private static readonly Instant Now = InParis(2026, 3, 2, 8);
    private static readonly Instant TuesdayTen = InParis(2026, 3, 3, 10);

    private readonly PractitionerId _doctor = PractitionerId.New();
    private readonly AppointmentType _type = Consultation() with { BufferAfter = Duration.FromMinutes(10) };

    private PracticeAgenda AgendaWith(params ExistingAppointment[] appointments) =>
        new(Calendar() with { SlotStep = Duration.FromMinutes(10) }, [WeekdayMornings(_doctor)], appointments);

    private ExistingAppointment Booked(Instant start) => new(_doctor, _type.Id, _type.TimeAt(start), _type.BlockedRangeAt(start));

    private BookingCandidate Candidate(Instant start, AppointmentType? type = null, bool patientIsNew = false) =>
        new(_doctor, type ?? _type, start, patientIsNew);

    [Fact]
    public void A_free_slot_is_accepted_with_its_blocked_range_to_store()
    {
        var result = BookingRules.Check(AgendaWith(), Candidate(TuesdayTen), Now);

        result.IsSuccess.ShouldBeTrue();
        result.Value!.Time.ShouldBe(new TimeRange(TuesdayTen, TuesdayTen + Duration.FromMinutes(30)));
        result.Value.BlockedRange.ShouldBe(new TimeRange(TuesdayTen, TuesdayTen + Duration.FromMinutes(40)));
    }

    [Fact]
    public void A_slot_whose_buffer_touches_the_next_appointment_is_accepted_half_open()
    {
        var agenda = AgendaWith(Booked(TuesdayTen + Duration.FromMinutes(40)));

        BookingRules.Check(agenda, Candidate(TuesdayTen), Now).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void A_slot_whose_buffer_reaches_into_the_next_appointment_is_refused_as_taken()
    {
        var agenda = AgendaWith(Booked(TuesdayTen + Duration.FromMinutes(30)));

        var error = BookingRules.Check(agenda, Candidate(TuesdayTen), Now).Error.ShouldBeOfType<SlotMustNotOverlapAnotherAppointment>();

        error.SlotIsTaken.ShouldBeTrue();
    }

    [Fact]
    public void A_slot_outside_every_session_is_refused()
    {
        BookingRules.Check(AgendaWith(), Candidate(InParis(2026, 3, 3, 14)), Now).Error.ShouldBeOfType<SlotMustLieInsideAvailability>();
        BookingRules.Check(AgendaWith(), Candidate(InParis(2026, 3, 3, 11, 40)), Now).Error.ShouldBeOfType<SlotMustLieInsideAvailability>();
    }

    [Fact]
    public void An_unknown_practitioner_has_no_availability()
    {
        var candidate = Candidate(TuesdayTen) with { PractitionerId = PractitionerId.New() };

        BookingRules.Check(AgendaWith(), candidate, Now).Error.ShouldBeOfType<SlotMustLieInsideAvailability>();
    }

    [Fact]
    public void A_start_off_the_slot_grid_is_refused()
    {
        var error = BookingRules.Check(AgendaWith(), Candidate(TuesdayTen + Duration.FromMinutes(5)), Now).Error;

        error.ShouldBeOfType<SlotMustStartOnTheSlotGrid>().Step.ShouldBe(Duration.FromMinutes(10));
    }

    [Fact]
    public void A_slot_during_an_absence_or_on_a_public_holiday_is_refused()
    {
        var agenda = new PracticeAgenda(Calendar(),
            [WeekdayMornings(_doctor) with { Absences = [new TimeRange(TuesdayTen, TuesdayTen + Duration.FromMinutes(15))] }], []);

        BookingRules.Check(agenda, Candidate(TuesdayTen), Now).Error.ShouldBeOfType<SlotMustAvoidAbsencesAndClosures>();
        BookingRules.Check(agenda, Candidate(InParis(2026, 4, 6, 10)), Now).Error.ShouldBeOfType<SlotMustAvoidAbsencesAndClosures>();
    }

    [Fact]
    public void A_slot_sooner_than_the_minimum_notice_is_refused()
    {
        var type = _type with { MinimumNotice = Duration.FromDays(2) };

        var error = BookingRules.Check(AgendaWith(), Candidate(TuesdayTen, type), Now).Error;

        error.ShouldBeOfType<BookingMustRespectMinimumNotice>().EarliestStart.ShouldBe(Now + Duration.FromDays(2));
    }

    [Fact]
    public void A_slot_beyond_the_horizon_is_refused()
    {
        var type = _type with { MaximumHorizon = Duration.FromDays(7) };

        BookingRules.Check(AgendaWith(), Candidate(InParis(2026, 3, 9, 10), type), Now).Error.ShouldBeOfType<BookingMustBeWithinHorizon>();
        BookingRules.Check(AgendaWith(), Candidate(InParis(2026, 3, 9, 9), type), Now).Error.ShouldBeOfType<BookingMustBeWithinHorizon>();
        BookingRules.Check(AgendaWith(), Candidate(InParis(2026, 3, 6, 10), type), Now).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void A_full_day_is_refused_as_taken()
    {
        var type = _type with { MaximumPerDayPerPractitioner = 1 };

        var error = BookingRules.Check(AgendaWith(Booked(InParis(2026, 3, 3, 9))), Candidate(InParis(2026, 3, 3, 11), type), Now).Error;

        error.ShouldBeOfType<DailyCapReached>().Date.ShouldBe(new LocalDate(2026, 3, 3));
        error.ShouldBeAssignableTo<BookingRuleViolation>()!.SlotIsTaken.ShouldBeTrue();
    }

    [Fact]
    public void A_practitioner_not_allowed_for_the_type_is_refused()
    {
        var type = _type with { AllowedPractitioners = new HashSet<PractitionerId> { PractitionerId.New() } };

        var error = BookingRules.Check(AgendaWith(), Candidate(TuesdayTen, type), Now).Error;

        error.ShouldBeOfType<PractitionerNotAllowedForType>().SlotIsTaken.ShouldBeFalse();
    }

    [Fact]
    public void A_new_patient_is_refused_a_type_for_known_patients_only()
    {
        var type = _type with { AcceptsNewPatients = false };

        BookingRules.Check(AgendaWith(), Candidate(TuesdayTen, type, patientIsNew: true), Now).Error.ShouldBeOfType<NewPatientsNotAccepted>();
        BookingRules.Check(AgendaWith(), Candidate(TuesdayTen, type, patientIsNew: false), Now).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void A_squeeze_in_waives_only_the_overlap_rule_and_names_what_it_overlaps()
    {
        var existing = Booked(TuesdayTen);
        var agenda = AgendaWith(existing);
        var authorisation = new SqueezeInAuthorisation(StaffUserId.New(), "Chest pain, seen now at the practitioner's request");

        var regular = BookingRules.Check(agenda, Candidate(TuesdayTen), Now);
        var squeezed = BookingRules.CheckSqueezeIn(agenda, Candidate(TuesdayTen), authorisation, Now);
        var outside = BookingRules.CheckSqueezeIn(agenda, Candidate(InParis(2026, 3, 3, 15)), authorisation, Now);

        regular.Error.ShouldBeOfType<SlotMustNotOverlapAnotherAppointment>();
        squeezed.Value!.Overlapped.ShouldBe([existing]);
        squeezed.Value.Authorisation.ShouldBe(authorisation);
        outside.Error.ShouldBeOfType<SlotMustLieInsideAvailability>();
    }

    [Fact]
    public void A_squeeze_in_needs_a_stated_reason() =>
        Should.Throw<ArgumentException>(() => new SqueezeInAuthorisation(StaffUserId.New(), " "));

    [Fact]
    public void Confirming_a_hold_checks_the_agenda_without_that_hold()
    {
        var hold = Booked(TuesdayTen);

        BookingRules.Check(AgendaWith(hold), Candidate(TuesdayTen), Now).IsSuccess.ShouldBeFalse();
        BookingRules.Check(AgendaWith(), Candidate(TuesdayTen), Now).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Alternatives_to_a_taken_slot_are_the_next_free_ones_of_the_same_practitioner()
    {
        var agenda = AgendaWith(Booked(TuesdayTen));

        var alternatives = SlotSearch.NextAlternatives(agenda, Candidate(TuesdayTen), 3, Now);

        alternatives.Select(s => s.Time.Start).ShouldBe(
            [InParis(2026, 3, 3, 10, 40), InParis(2026, 3, 3, 10, 50), InParis(2026, 3, 3, 11, 0)]);
        alternatives.ShouldAllBe(s => BookingRules.Check(agenda, Candidate(s.Time.Start), Now).IsSuccess);
    }

    [Fact]
    public void Alternatives_for_a_practitioner_who_cannot_take_the_type_come_from_those_who_can()
    {
        var colleague = PractitionerId.New();
        var type = _type with { AllowedPractitioners = new HashSet<PractitionerId> { colleague } };
        var agenda = new PracticeAgenda(Calendar(), [WeekdayMornings(_doctor), WeekdayMornings(colleague)], []);

        var alternatives = SlotSearch.NextAlternatives(agenda, Candidate(TuesdayTen, type), 2, Now);

        alternatives.Count.ShouldBe(2);
        alternatives.ShouldAllBe(s => s.PractitionerId == colleague);
    }
}
