namespace Permanence.Core.Scheduling;

/// <summary>
/// The agenda invariant: no two active appointments (holds included) of one practitioner overlap, buffers
/// included, i.e. their blocked ranges, compared as half-open ranges, share no instant. The database enforces the
/// same rule (PostgreSQL exclusion constraint over practitioner and blocked range); squeeze-ins are the only,
/// flagged, exception.
/// </summary>
public static class ActiveAppointmentsMustNotOverlap
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> belong to one practitioner and their blocked ranges overlap.</summary>
    public static bool Conflict(ExistingAppointment a, ExistingAppointment b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.PractitionerId == b.PractitionerId && a.BlockedRange.Overlaps(b.BlockedRange);
    }

    public static bool IsSatisfiedBy(IEnumerable<ExistingAppointment> appointments) => !Violations(appointments).Any();

    /// <summary>Every overlapping pair, each listed once, ordered by practitioner then start.</summary>
    public static IEnumerable<(ExistingAppointment First, ExistingAppointment Second)> Violations(IEnumerable<ExistingAppointment> appointments)
    {
        foreach (var group in appointments.GroupBy(a => a.PractitionerId).OrderBy(g => g.Key.Value))
        {
            var sorted = group.OrderBy(a => a.BlockedRange.Start).ToList();
            for (var i = 0; i < sorted.Count; i++)
            {
                for (var j = i + 1; j < sorted.Count && sorted[j].BlockedRange.Start < sorted[i].BlockedRange.End; j++)
                {
                    if (Conflict(sorted[i], sorted[j]))
                    {
                        yield return (sorted[i], sorted[j]);
                    }
                }
            }
        }
    }
}
