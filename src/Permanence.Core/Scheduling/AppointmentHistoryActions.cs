namespace Permanence.Core.Scheduling;

/// <summary>Codes of <see cref="AppointmentHistoryEntry.Action"/> that the quality figures read.</summary>
public static class AppointmentHistoryActions
{
    public const string Booked = "booked";
    public const string SqueezedIn = "squeezed_in";

    /// <summary>
    /// Written next to a cancellation or a move whose request said <c>schedulingError: true</c>: the appointment was
    /// wrong (practitioner, type, time, patient) and this corrects it. Feeds the scheduling error rate.
    /// </summary>
    public const string SchedulingError = "scheduling_error";
}
