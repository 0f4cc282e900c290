using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>Where an appointment is in its life.</summary>
public enum AppointmentStatus
{
    /// <summary>Reserved for a short time while the caller decides (FHIR $hold); blocks the time until it expires.</summary>
    Held,
    Booked,
    Cancelled,
    Completed,
    NoShow,

    /// <summary>A hold that ran out before it was confirmed; it blocks nothing.</summary>
    Expired,
}

/// <summary>
/// An appointment as stored: the patient, the practitioner, the time, and the blocked range (time widened by the
/// type's buffers when it was booked) that the no-overlap invariant compares, in the database too.
/// </summary>
public sealed class StoredAppointment
{
    public AppointmentId Id { get; init; } = AppointmentId.New();
    public PracticeId PracticeId { get; init; }
    public PractitionerId PractitionerId { get; set; }
    public AppointmentTypeId AppointmentTypeId { get; set; }
    public PatientId? PatientId { get; set; }
    public Instant Start { get; set; }
    public Instant End { get; set; }
    public Instant BlockedStart { get; set; }
    public Instant BlockedEnd { get; set; }
    public AppointmentStatus Status { get; set; }

    /// <summary>When a hold stops blocking the time; null once booked.</summary>
    public Instant? HoldExpiresAt { get; set; }

    /// <summary>A deliberate urgent squeeze-in over existing appointments: exempt from the overlap constraint, always audited.</summary>
    public bool IsSqueezeIn { get; set; }

    public string? SqueezeInReason { get; set; }
    public string? Notes { get; set; }
    public string? CancellationReason { get; set; }

    /// <summary>The appointment this one replaced when it was rescheduled.</summary>
    public AppointmentId? RescheduledFromId { get; set; }

    /// <summary>The call during which it was booked, when there was one.</summary>
    public Guid? CallId { get; set; }

    public Instant CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    /// <summary>Statuses that occupy the practitioner's time (a past appointment stays in the agenda as it happened).</summary>
    public static readonly IReadOnlyList<AppointmentStatus> OccupyingStatuses =
        [AppointmentStatus.Held, AppointmentStatus.Booked, AppointmentStatus.Completed, AppointmentStatus.NoShow];

    public TimeRange Time => new(Start, End);
    public TimeRange BlockedRange => new(BlockedStart, BlockedEnd);

    public ExistingAppointment ToExisting() => new(PractitionerId, AppointmentTypeId, Time, BlockedRange);
}

/// <summary>One line of an appointment's history: who did what, when, and from which call.</summary>
public sealed class AppointmentHistoryEntry
{
    public long Id { get; init; }
    public AppointmentId AppointmentId { get; init; }
    public PracticeId PracticeId { get; init; }
    public Instant At { get; init; }

    /// <summary>held, booked, squeezed_in, cancelled, rescheduled, completed, no_show, expired.</summary>
    public required string Action { get; init; }

    public required string Actor { get; init; }
    public Guid? CallId { get; init; }
    public string Detail { get; init; } = "";
}
