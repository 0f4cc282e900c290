using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// A bookable appointment: who, which type, when the patient is seen (<see cref="Time"/>) and the range it keeps
/// for itself, buffers included (<see cref="BlockedRange"/>, the value to store for the database overlap constraint).
/// </summary>
public sealed record Slot(
    PractitionerId PractitionerId,
    AppointmentTypeId AppointmentTypeId,
    TimeRange Time,
    TimeRange BlockedRange,
    ConsultationSiteId? Site)
{
    /// <summary>The paging position of this slot.</summary>
    public SlotCursor Cursor => new(Time.Start, PractitionerId);
}
