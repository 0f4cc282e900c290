using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// A patient waiting for an earlier appointment (liste d'attente): which type, with whom (or anyone), when it
/// suits them, and until when the request stands.
/// </summary>
public sealed record WaitingListEntry
{
    public required PatientId PatientId { get; init; }

    public required AppointmentTypeId AppointmentTypeId { get; init; }

    /// <summary>The practitioner wanted; null means any practitioner allowed for the type.</summary>
    public PractitionerId? PractitionerId { get; init; }

    public bool PatientIsNew { get; init; }

    /// <summary>Days of the week that suit the patient, in the practice's zone; empty means any day.</summary>
    public IReadOnlySet<IsoDayOfWeek> PreferredDays { get; init; } = new HashSet<IsoDayOfWeek>();

    /// <summary>Parts of the day that suit the patient, in the practice's zone; empty means any time.</summary>
    public IReadOnlyList<TimeOfDayRange> PreferredTimes { get; init; } = [];

    /// <summary>An offered appointment must start before this instant; the entry lapses at it. Null: no deadline.</summary>
    public Instant? Deadline { get; init; }

    /// <summary>When the patient joined the list; earlier entries are served first.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>True when <paramref name="slot"/> suits this entry's type, practitioner, days, times and deadline.</summary>
    public bool IsSuitedBy(Slot slot, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(zone);
        if (slot.AppointmentTypeId != AppointmentTypeId
            || (PractitionerId is { } wanted && wanted != slot.PractitionerId)
            || (Deadline is { } deadline && slot.Time.Start >= deadline))
        {
            return false;
        }
        var start = slot.Time.Start.InZone(zone);
        var end = slot.Time.End.InZone(zone);
        if (PreferredDays.Count > 0 && !PreferredDays.Contains(start.DayOfWeek))
        {
            return false;
        }
        return PreferredTimes.Count == 0 || PreferredTimes.Any(r => r.Holds(start.TimeOfDay, end.TimeOfDay));
    }
}
