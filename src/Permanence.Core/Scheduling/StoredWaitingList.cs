using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>Where a waiting-list request stands.</summary>
public enum WaitingListStatus
{
    Waiting,
    Booked,
    Withdrawn,
}

/// <summary>A patient waiting for an earlier appointment (liste d'attente), as stored.</summary>
public sealed class WaitingListRequest
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public PracticeId PracticeId { get; init; }
    public PatientId PatientId { get; init; }
    public AppointmentTypeId AppointmentTypeId { get; init; }

    /// <summary>Null means any practitioner of the practice.</summary>
    public PractitionerId? PractitionerId { get; init; }

    public bool PatientIsNew { get; init; }
    public List<IsoDayOfWeek> PreferredDays { get; init; } = [];

    /// <summary>Preferred local time ranges as "HH:mm-HH:mm".</summary>
    public List<string> PreferredTimes { get; init; } = [];

    public Instant? Deadline { get; init; }
    public WaitingListStatus Status { get; set; } = WaitingListStatus.Waiting;
    public string Notes { get; init; } = "";
    public Instant CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    public WaitingListEntry ToRule() => new()
    {
        PatientId = PatientId,
        AppointmentTypeId = AppointmentTypeId,
        PractitionerId = PractitionerId,
        PatientIsNew = PatientIsNew,
        PreferredDays = PreferredDays.ToHashSet(),
        PreferredTimes = [.. PreferredTimes.Select(TimeOfDayRanges.Parse)],
        Deadline = Deadline,
        CreatedAt = CreatedAt,
    };
}

/// <summary>
/// A freed slot offered to a waiting patient: a task for the secretaries, who call the patient and book it (or not).
/// </summary>
public sealed class WaitingListProposal
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public PracticeId PracticeId { get; init; }
    public Guid RequestId { get; init; }
    public PatientId PatientId { get; init; }
    public PractitionerId PractitionerId { get; init; }
    public AppointmentTypeId AppointmentTypeId { get; init; }
    public Instant SlotStart { get; init; }
    public Instant SlotEnd { get; init; }

    /// <summary>1 for the entry first in line for this freed time, then 2, 3…</summary>
    public int Rank { get; init; }

    public AppointmentId FreedBy { get; init; }
    public bool Closed { get; set; }
    public Instant CreatedAt { get; init; }
}

/// <summary>Text form of <see cref="TimeOfDayRange"/> used in storage and the API: "08:00-12:00".</summary>
public static class TimeOfDayRanges
{
    private static readonly NodaTime.Text.LocalTimePattern Pattern = NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static TimeOfDayRange? TryParse(string? text)
    {
        var parts = text?.Split('-', StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 })
        {
            return null;
        }
        var start = Pattern.Parse(parts[0]);
        var end = Pattern.Parse(parts[1]);
        return start.Success && end.Success && (end.Value > start.Value || end.Value == LocalTime.Midnight)
            ? new TimeOfDayRange(start.Value, end.Value)
            : null;
    }

    public static TimeOfDayRange Parse(string text) =>
        TryParse(text) ?? throw new FormatException($"'{text}' is not a time range such as 08:00-12:00.");

    public static string Format(TimeOfDayRange range) => $"{Pattern.Format(range.Start)}-{Pattern.Format(range.End)}";
}
