using NodaTime;
using NodaTime.Testing;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using static Permanence.Core.Tests.Scheduling.Agendas;

namespace Permanence.Core.Tests.Scheduling;

/// <summary>The hold → book flow as the application service runs it: same check, clock injected, hold left out on confirmation.</summary>
public sealed class HoldThenBookTests
{
    private readonly FakeClock _clock = new(InParis(2026, 3, 2, 8));
    private readonly PractitionerId _doctor = PractitionerId.New();
    private readonly AppointmentType _type = Consultation() with { MinimumNotice = Duration.FromHours(1) };

    private BookingCandidate Candidate(Instant start) => new(_doctor, _type, start, PatientIsNew: false);

    [Fact]
    public void A_hold_is_confirmed_by_the_same_check_without_the_hold_itself()
    {
        var start = InParis(2026, 3, 2, 10);
        var agenda = new PracticeAgenda(Calendar(), [WeekdayMornings(_doctor)], []);
        var hold = BookingRules.Check(agenda, Candidate(start), _clock.GetCurrentInstant()).Value!;
        var withHold = agenda.With(ExistingAppointment.From(hold));

        _clock.AdvanceMinutes(5);

        BookingRules.Check(withHold, Candidate(start), _clock.GetCurrentInstant()).Error.ShouldBeOfType<SlotMustNotOverlapAnotherAppointment>();
        BookingRules.Check(agenda, Candidate(start), _clock.GetCurrentInstant()).Value.ShouldBe(hold);
    }

    [Fact]
    public void A_hold_confirmed_too_late_for_the_minimum_notice_is_refused()
    {
        var start = InParis(2026, 3, 2, 9, 30);
        var agenda = new PracticeAgenda(Calendar(), [WeekdayMornings(_doctor)], []);
        BookingRules.Check(agenda, Candidate(start), _clock.GetCurrentInstant()).IsSuccess.ShouldBeTrue();

        _clock.AdvanceMinutes(45);

        BookingRules.Check(agenda, Candidate(start), _clock.GetCurrentInstant()).Error.ShouldBeOfType<BookingMustRespectMinimumNotice>();
    }

    [Fact]
    public void A_concurrent_hold_on_the_same_slot_loses_with_alternatives()
    {
        var start = InParis(2026, 3, 2, 10);
        var agenda = new PracticeAgenda(Calendar(), [WeekdayMornings(_doctor)], []);
        var first = BookingRules.Check(agenda, Candidate(start), _clock.GetCurrentInstant()).Value!;
        var afterFirst = agenda.With(ExistingAppointment.From(first));

        var second = BookingRules.Check(afterFirst, Candidate(start), _clock.GetCurrentInstant());
        var alternatives = SlotSearch.NextAlternatives(afterFirst, Candidate(start), 2, _clock.GetCurrentInstant());

        second.Error.ShouldBeAssignableTo<BookingRuleViolation>()!.SlotIsTaken.ShouldBeTrue();
        alternatives.Select(s => s.Time.Start).ShouldBe([InParis(2026, 3, 2, 10, 30), InParis(2026, 3, 2, 11)]);
    }
}
