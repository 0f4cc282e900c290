using System.Collections.Concurrent;
using System.Diagnostics;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using Permanence.Data;
using Permanence.Data.Caching;

namespace Permanence.Web.Scheduling;

/// <summary>
/// Keeps the agenda a slot search reads, built for every practitioner of a practice over a run of whole local days,
/// so that consecutive searches of the same days do not rebuild it. An agenda depends on rules, absences, closures,
/// holidays and occupying appointments, never on the time of the search, except through holds: it is used only while
/// <see cref="PracticeRulesCache"/> still returns the rules it was built from, the practice's
/// <see cref="AppointmentVersions"/> has not moved, the appointments it holds are younger than
/// <see cref="OccupancyCache.MaximumAge"/>, and for searches at or after the instant it was built and before the
/// first hold in it lapses. Within those bounds it is the agenda the search would build itself; minimum notice,
/// horizon and paging are applied by the search at the time of each request.
/// </summary>
public sealed class SearchAgendaCache(AppointmentVersions versions, OccupancyCache occupancy)
{
    /// <summary>Agendas kept at most; all are dropped when full (a practice's searches rebuild theirs on the next request).</summary>
    private const int MaximumEntries = 1_000;

    private sealed record Entry(PracticeRules Rules, OccupancyCache.Occupancy Occupancy, Instant BuiltAt, PracticeAgenda Agenda);

    private readonly ConcurrentDictionary<(PracticeId Practice, LocalDate First, LocalDate Last), Entry> _entries = new();

    /// <summary>
    /// The agenda of every practitioner of <paramref name="rules"/> (active or not) for slots starting from the
    /// practice's local day <paramref name="first"/> to <paramref name="last"/> inclusive, as at <paramref name="now"/>.
    /// </summary>
    public async Task<PracticeAgenda> GetAsync(Lazy<PermanenceDbContext> db, PracticeRules rules, LocalDate first, LocalDate last, Instant now,
        CancellationToken ct)
    {
        var key = (rules.Practice.Id, first, last);
        if (_entries.TryGetValue(key, out var entry) && IsCurrent(entry, rules, now))
        {
            return entry.Agenda;
        }
        OccupancyCache.Occupancy? read = null;
        var snapshot = await AgendaLoader.BuildAsync(rules, rules.Practitioners, TimeRange.OfLocalDays(first, last, rules.Calendar.Zone),
            async (ids, from, to) =>
            {
                read = await occupancy.OccupancyAsync(db, rules.Practice.Id, rules.Calendar.Zone, ids, from, to, now, ct);
                return read.Appointments;
            });
        if (_entries.Count >= MaximumEntries)
        {
            _entries.Clear();
        }
        _entries[key] = new Entry(rules, read!, now, snapshot.Agenda);
        return snapshot.Agenda;
    }

    private bool IsCurrent(Entry entry, PracticeRules rules, Instant now) =>
        ReferenceEquals(entry.Rules, rules)
        && entry.Occupancy.Version == versions.Current(rules.Practice.Id)
        && Stopwatch.GetElapsedTime(entry.Occupancy.LoadedAt) < OccupancyCache.MaximumAge
        && entry.BuiltAt <= now && now < entry.Occupancy.LiveHoldsUntil;
}
