using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// An active appointment or a live hold already in a practitioner's agenda, as the scheduling rules see it.
/// Cancelled appointments and expired holds must not be passed in. <see cref="BlockedRange"/> is the stored
/// range (buffers included) that the no-overlap invariant compares.
/// </summary>
public sealed record ExistingAppointment
{
    public ExistingAppointment(PractitionerId practitionerId, AppointmentTypeId appointmentTypeId, TimeRange time, TimeRange blockedRange)
    {
        if (!blockedRange.Contains(time))
        {
            throw new ArgumentException("The blocked range must contain the appointment time.", nameof(blockedRange));
        }
        PractitionerId = practitionerId;
        AppointmentTypeId = appointmentTypeId;
        Time = time;
        BlockedRange = blockedRange;
    }

    public PractitionerId PractitionerId { get; }
    public AppointmentTypeId AppointmentTypeId { get; }

    /// <summary>When the patient is seen.</summary>
    public TimeRange Time { get; }

    /// <summary><see cref="Time"/> widened by the type's buffers at booking time.</summary>
    public TimeRange BlockedRange { get; }

    /// <summary>The agenda entry a booked <paramref name="slot"/> becomes.</summary>
    public static ExistingAppointment From(Slot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return new(slot.PractitionerId, slot.AppointmentTypeId, slot.Time, slot.BlockedRange);
    }
}
