using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// The availability rules of one practitioner: weekly sessions and extra dated sessions (wall-clock time of the
/// practice), minus absences (congés, formation, dated closures of the agenda) stored as instants.
/// </summary>
public sealed record PractitionerSchedule
{
    public required PractitionerId PractitionerId { get; init; }

    public IReadOnlyList<WeeklySession> WeeklySessions { get; init; } = [];

    public IReadOnlyList<ExtraSession> ExtraSessions { get; init; } = [];

    /// <summary>Time ranges when the practitioner takes no appointment, whatever the sessions say.</summary>
    public IReadOnlyList<TimeRange> Absences { get; init; } = [];
}
