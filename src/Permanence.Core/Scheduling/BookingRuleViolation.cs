using System.Globalization;
using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// A booking rule the candidate breaks. <see cref="SlotIsTaken"/> tells the HTTP edge to answer 409 with the next
/// free alternatives; every other violation is a request that cannot succeed as stated (400).
/// </summary>
public abstract record BookingRuleViolation(string Message) : Error(Message)
{
    /// <summary>True when the time was free in principle but is now taken (an overlap, a full day).</summary>
    public virtual bool SlotIsTaken => false;
}

/// <summary>The appointment type is restricted to other practitioners.</summary>
public sealed record PractitionerNotAllowedForType(PractitionerId PractitionerId, AppointmentTypeId AppointmentTypeId)
    : BookingRuleViolation("This practitioner does not take this appointment type.");

/// <summary>The appointment type is reserved to patients already known to the practice.</summary>
public sealed record NewPatientsNotAccepted(AppointmentTypeId AppointmentTypeId)
    : BookingRuleViolation("This appointment type is not open to new patients.");

/// <summary>The start is sooner than the type's minimum notice allows.</summary>
public sealed record BookingMustRespectMinimumNotice(Instant EarliestStart)
    : BookingRuleViolation(string.Create(CultureInfo.InvariantCulture, $"This appointment type must be booked to start at {EarliestStart} or later."));

/// <summary>The start is beyond the type's booking horizon.</summary>
public sealed record BookingMustBeWithinHorizon(Instant StartsBefore)
    : BookingRuleViolation(string.Create(CultureInfo.InvariantCulture, $"This appointment type can only be booked to start before {StartsBefore}."));

/// <summary>No consultation session of the practitioner contains the appointment.</summary>
public sealed record SlotMustLieInsideAvailability()
    : BookingRuleViolation("The practitioner does not consult at that time.");

/// <summary>The appointment is inside a session but does not start on its slot grid.</summary>
public sealed record SlotMustStartOnTheSlotGrid(Duration Step)
    : BookingRuleViolation(string.Create(CultureInfo.InvariantCulture, $"Appointments start every {Step.TotalMinutes} minutes from the start of the session."));

/// <summary>The appointment falls in an absence, a practice closure or a public holiday the practice observes.</summary>
public sealed record SlotMustAvoidAbsencesAndClosures(TimeRange Unavailable)
    : BookingRuleViolation("The practitioner is absent or the practice is closed at that time.");

/// <summary>The practitioner already has the maximum number of appointments of this type that local day.</summary>
public sealed record DailyCapReached(LocalDate Date, int Cap)
    : BookingRuleViolation(string.Create(CultureInfo.InvariantCulture, $"The practitioner already has {Cap} appointments of this type on {Date:uuuu-MM-dd}."))
{
    public override bool SlotIsTaken => true;
}

/// <summary>The appointment, buffers included, overlaps another active appointment or hold of the practitioner.</summary>
public sealed record SlotMustNotOverlapAnotherAppointment(TimeRange Taken)
    : BookingRuleViolation("The time is already taken by another appointment.")
{
    public override bool SlotIsTaken => true;
}
