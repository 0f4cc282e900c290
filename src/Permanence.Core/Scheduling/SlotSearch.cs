using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// Finds free slots in a <see cref="PracticeAgenda"/>. Every slot returned passes <see cref="BookingRules.Check"/>
/// at the same <c>now</c>; both read availability through the same code.
/// </summary>
public static class SlotSearch
{
    /// <summary>
    /// Free slots for <paramref name="query"/>, earliest first (ties by practitioner id), at most
    /// <see cref="SlotQuery.Limit"/>. Starts are at or after <c>now + MinimumNotice</c>, before
    /// <c>now + MaximumHorizon</c>, inside the window, on the slot grid of a session, outside absences, closures and
    /// observed public holidays; the blocked range overlaps no existing appointment; daily caps count the existing
    /// appointments of the type on the slot's local day. Slots of one page are alternatives: booking one may remove
    /// others from the next search. Requested practitioners without a schedule in the agenda contribute nothing.
    /// </summary>
    /// <param name="agenda">The snapshot to search.</param>
    /// <param name="query">The type, window, practitioners and page.</param>
    /// <param name="now">The current instant, read by the caller from its injected <c>IClock</c>.</param>
    public static SlotPage Find(PracticeAgenda agenda, SlotQuery query, Instant now)
    {
        ArgumentNullException.ThrowIfNull(agenda);
        ArgumentNullException.ThrowIfNull(query);
        var type = query.Type;
        if (query.PatientIsNew && !type.AcceptsNewPatients)
        {
            return new SlotPage([], null);
        }
        var from = Instant.Max(query.Window.Start, now + type.MinimumNotice);
        if (query.After is { } after)
        {
            from = Instant.Max(from, after.Start);
        }
        var until = Instant.Min(query.Window.End, now + type.MaximumHorizon);
        var step = agenda.Practice.StepFor(type);
        var page = EarliestFirst(agenda, query, from, until, step);
        if (page.Count <= query.Limit)
        {
            return new SlotPage(page, null);
        }
        page.RemoveAt(page.Count - 1);
        return new SlotPage(page, page[^1].Cursor);
    }

    /// <summary>
    /// The next <paramref name="count"/> free slots offered instead of a refused <paramref name="candidate"/>: with the
    /// same practitioner from the candidate's start (or from now), up to the type's horizon; when that practitioner
    /// cannot take the type at all, with any practitioner allowed for it.
    /// </summary>
    public static IReadOnlyList<Slot> NextAlternatives(PracticeAgenda agenda, BookingCandidate candidate, int count, Instant now)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var horizon = now + candidate.Type.MaximumHorizon;
        var from = Instant.Min(Instant.Max(candidate.Start, now), horizon);
        var query = new SlotQuery
        {
            Type = candidate.Type,
            Window = new TimeRange(from, horizon),
            Practitioners = candidate.Type.AllowsPractitioner(candidate.PractitionerId) ? [candidate.PractitionerId] : [],
            PatientIsNew = candidate.PatientIsNew,
            Limit = count,
        };
        return Find(agenda, query, now).Slots;
    }

    /// <summary>
    /// Merges the free slots of each requested practitioner, earliest first (ties by practitioner id), and keeps the
    /// first <c>Limit + 1</c> after the query's cursor: one more than a page tells whether another page follows.
    /// </summary>
    private static List<Slot> EarliestFirst(PracticeAgenda agenda, SlotQuery query, Instant from, Instant until, Duration step)
    {
        var type = query.Type;
        var requested = query.Practitioners.Count == 0 ? agenda.Practitioners : query.Practitioners;
        var distinct = query.Practitioners.Count > 1 ? new HashSet<PractitionerId>() : null;
        var enumerators = new List<IEnumerator<Slot>>(requested.Count);
        var page = new List<Slot>(Math.Min(query.Limit + 1, 64));
        try
        {
            var queue = new PriorityQueue<IEnumerator<Slot>, SlotCursor>(requested.Count);
            foreach (var id in requested)
            {
                if (!type.AllowsPractitioner(id) || agenda.Find(id) is not { } practitioner || distinct?.Add(id) == false)
                {
                    continue;
                }
                var enumerator = practitioner.FreeSlots(type, from, until, step).GetEnumerator();
                enumerators.Add(enumerator);
                if (enumerator.MoveNext())
                {
                    queue.Enqueue(enumerator, enumerator.Current.Cursor);
                }
            }
            while (page.Count <= query.Limit && queue.TryDequeue(out var next, out _))
            {
                var slot = next.Current;
                if (query.After is not { } position || slot.Cursor > position)
                {
                    page.Add(slot);
                }
                if (next.MoveNext())
                {
                    queue.Enqueue(next, next.Current.Cursor);
                }
            }
        }
        finally
        {
            foreach (var enumerator in enumerators)
            {
                enumerator.Dispose();
            }
        }
        return page;
    }
}
