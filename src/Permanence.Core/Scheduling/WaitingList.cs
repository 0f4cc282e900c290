using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>Matches freed time against the waiting list (liste d'attente) when an appointment is cancelled or moved.</summary>
public static class WaitingList
{
    /// <summary>
    /// The entries that can be offered a slot in <paramref name="freed"/> of <paramref name="practitioner"/>, earliest
    /// created first (ties by patient id). Each match carries the earliest slot of the entry's type that starts in the
    /// freed range, suits the entry's preferences and deadline, and passes <see cref="BookingRules.Check"/> on
    /// <paramref name="agenda"/>, which must no longer hold the freed appointment. Lapsed entries (deadline at or
    /// before <paramref name="now"/>) and entries of unknown types are skipped. Several entries may be matched to the
    /// same slot: offer it in the returned order.
    /// </summary>
    public static IReadOnlyList<WaitingListMatch> MatchFreedTime(
        PracticeAgenda agenda,
        PractitionerId practitioner,
        TimeRange freed,
        IEnumerable<WaitingListEntry> entries,
        IReadOnlyDictionary<AppointmentTypeId, AppointmentType> types,
        Instant now)
    {
        ArgumentNullException.ThrowIfNull(agenda);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(types);
        var matches = new List<WaitingListMatch>();
        var ordered = entries
            .Where(e => e.Deadline is not { } deadline || deadline > now)
            .Where(e => e.PractitionerId is null || e.PractitionerId == practitioner)
            .OrderBy(e => e.CreatedAt)
            .ThenBy(e => e.PatientId.Value);
        foreach (var entry in ordered)
        {
            if (!types.TryGetValue(entry.AppointmentTypeId, out var type))
            {
                continue;
            }
            var query = new SlotQuery
            {
                Type = type,
                Window = freed,
                Practitioners = [practitioner],
                PatientIsNew = entry.PatientIsNew,
                Limit = SlotQuery.MaximumLimit,
            };
            var slot = SlotSearch.Find(agenda, query, now).Slots.FirstOrDefault(s => entry.IsSuitedBy(s, agenda.Practice.Zone));
            if (slot is not null)
            {
                matches.Add(new WaitingListMatch(entry, slot));
            }
        }
        return matches;
    }
}
