using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// The one booking check, used by the API, the console, and hold → book alike: a candidate is accepted only when
/// the slot search could have offered it. Rules are checked in this order and the first broken one is returned:
/// <see cref="PractitionerNotAllowedForType"/>, <see cref="NewPatientsNotAccepted"/>,
/// <see cref="BookingMustRespectMinimumNotice"/>, <see cref="BookingMustBeWithinHorizon"/>,
/// <see cref="SlotMustLieInsideAvailability"/>, <see cref="SlotMustStartOnTheSlotGrid"/>,
/// <see cref="SlotMustAvoidAbsencesAndClosures"/>, <see cref="DailyCapReached"/>,
/// <see cref="SlotMustNotOverlapAnotherAppointment"/>.
/// </summary>
public static class BookingRules
{
    /// <summary>
    /// Checks every rule at <paramref name="now"/> (the caller's <c>IClock</c>); on success returns the slot to
    /// store, with its blocked range.
    /// </summary>
    public static Result<Slot> Check(PracticeAgenda agenda, BookingCandidate candidate, Instant now)
    {
        var (slot, violation) = Evaluate(agenda, candidate, now, OverlapRule.Enforced);
        return violation is null ? slot! : violation;
    }

    /// <summary>
    /// Checks every rule except the no-overlap rule, which <paramref name="authorisation"/> explicitly waives;
    /// the result lists the appointments the squeeze-in overlaps.
    /// </summary>
    public static Result<SqueezeIn> CheckSqueezeIn(
        PracticeAgenda agenda, BookingCandidate candidate, SqueezeInAuthorisation authorisation, Instant now)
    {
        ArgumentNullException.ThrowIfNull(authorisation);
        var (slot, violation) = Evaluate(agenda, candidate, now, OverlapRule.WaivedBySqueezeIn);
        if (violation is not null)
        {
            return violation;
        }
        var overlapped = agenda.Appointments
            .Where(a => a.PractitionerId == slot!.PractitionerId && a.BlockedRange.Overlaps(slot.BlockedRange))
            .OrderBy(a => a.Time.Start)
            .ToList();
        return new SqueezeIn(slot!, authorisation, overlapped);
    }

    private enum OverlapRule
    {
        Enforced,
        WaivedBySqueezeIn,
    }

    private static (Slot? Slot, BookingRuleViolation? Violation) Evaluate(
        PracticeAgenda agenda, BookingCandidate candidate, Instant now, OverlapRule overlapRule)
    {
        ArgumentNullException.ThrowIfNull(agenda);
        ArgumentNullException.ThrowIfNull(candidate);
        var type = candidate.Type;
        if (!type.AllowsPractitioner(candidate.PractitionerId))
        {
            return (null, new PractitionerNotAllowedForType(candidate.PractitionerId, type.Id));
        }
        if (candidate.PatientIsNew && !type.AcceptsNewPatients)
        {
            return (null, new NewPatientsNotAccepted(type.Id));
        }
        var earliest = now + type.MinimumNotice;
        if (candidate.Start < earliest)
        {
            return (null, new BookingMustRespectMinimumNotice(earliest));
        }
        var horizon = now + type.MaximumHorizon;
        if (candidate.Start >= horizon)
        {
            return (null, new BookingMustBeWithinHorizon(horizon));
        }
        var time = type.TimeAt(candidate.Start);
        var practitioner = agenda.Find(candidate.PractitionerId);
        var step = agenda.Practice.StepFor(type);
        if (practitioner?.SessionContaining(time, step) is not (var session, var date, var startsOnGrid))
        {
            return (null, new SlotMustLieInsideAvailability());
        }
        if (!startsOnGrid)
        {
            return (null, new SlotMustStartOnTheSlotGrid(step));
        }
        if (practitioner.IsClosedOn(date))
        {
            return (null, new SlotMustAvoidAbsencesAndClosures(TimeRange.OfLocalDays(date, date, agenda.Practice.Zone)));
        }
        if (practitioner.UnavailabilityOverlapping(time) is { } absence)
        {
            return (null, new SlotMustAvoidAbsencesAndClosures(absence));
        }
        if (type.MaximumPerDayPerPractitioner is { } cap)
        {
            var day = candidate.Start.InZone(agenda.Practice.Zone).Date;
            if (practitioner.CountOn(type.Id, day) >= cap)
            {
                return (null, new DailyCapReached(day, cap));
            }
        }
        var blocked = time.Widen(type.BufferBefore, type.BufferAfter);
        if (overlapRule == OverlapRule.Enforced && practitioner.BookedTimeOverlapping(blocked) is { } taken)
        {
            return (null, new SlotMustNotOverlapAnotherAppointment(taken));
        }
        return (new Slot(candidate.PractitionerId, type.Id, time, blocked, session.Site), null);
    }
}
