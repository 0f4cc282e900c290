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
/// <remarks>
/// One build per agenda at a time: when an agenda lapses under load, the searches that miss it while it is being
/// rebuilt wait for that build instead of each reading and building the same agenda, then use it under the same
/// bounds as a kept one. A build that fails or is cancelled is not kept; its waiters build their own. And a busy
/// agenda is rebuilt before it lapses: the first search to find its appointments older than
/// <see cref="OccupancyCache.RefreshAfter"/> starts the next build in the background, in a scope of its own, and
/// answers from the current agenda like the searches that follow it, since it is still within its bounds; no search
/// waits for a refresh.
/// </remarks>
public sealed partial class SearchAgendaCache(AppointmentVersions versions, OccupancyCache occupancy, IServiceScopeFactory scopes,
    ILogger<SearchAgendaCache> logger)
{
    /// <summary>Agendas kept at most; all are dropped when full (a practice's searches rebuild theirs on the next request).</summary>
    private const int MaximumEntries = 1_000;

    private sealed record Entry(PracticeRules Rules, OccupancyCache.Occupancy Occupancy, Instant BuiltAt, PracticeAgenda Agenda);

    /// <summary>A build under way; its task gives null when the build failed or was cancelled.</summary>
    private sealed record Build(PracticeRules Rules, Task<Entry?> Agenda);

    private readonly ConcurrentDictionary<(PracticeId Practice, LocalDate First, LocalDate Last), Entry> _entries = new();
    private readonly ConcurrentDictionary<(PracticeId Practice, LocalDate First, LocalDate Last), Build> _builds = new();

    /// <summary>
    /// The agenda of every practitioner of <paramref name="rules"/> (active or not) for slots starting from the
    /// practice's local day <paramref name="first"/> to <paramref name="last"/> inclusive, as at <paramref name="now"/>.
    /// </summary>
    public async Task<PracticeAgenda> GetAsync(Lazy<PermanenceDbContext> db, PracticeRules rules, LocalDate first, LocalDate last, Instant now,
        CancellationToken ct)
    {
        var key = (rules.Practice.Id, first, last);
        TaskCompletionSource<Entry?>? done = null;
        Build? build = null;
        while (true)
        {
            if (_entries.TryGetValue(key, out var entry) && IsCurrent(entry, rules, now))
            {
                if (Stopwatch.GetElapsedTime(entry.Occupancy.LoadedAt) < OccupancyCache.RefreshAfter || _builds.ContainsKey(key))
                {
                    return entry.Agenda;
                }
                var refresh = new TaskCompletionSource<Entry?>(TaskCreationOptions.RunContinuationsAsynchronously);
                var next = new Build(rules, refresh.Task);
                if (_builds.TryAdd(key, next))
                {
                    // Rebuilt before its appointments grow too old, off this search's path; every search keeps using it meanwhile.
                    _ = Task.Run(() => RefreshAsync(key, next, refresh, rules, first, last, now), CancellationToken.None);
                }
                return entry.Agenda;
            }
            if (_builds.TryGetValue(key, out var running))
            {
                if (ReferenceEquals(running.Rules, rules) && await running.Agenda.WaitAsync(ct) is { } built && IsCurrent(built, rules, now))
                {
                    return built.Agenda;
                }
                // Built from other rules, failed, or not valid at this search's instant: this search builds its own.
                var own = await BuildAsync(db, rules, first, last, now, ct);
                Keep(key, own);
                return own.Agenda;
            }
            done ??= new TaskCompletionSource<Entry?>(TaskCreationOptions.RunContinuationsAsynchronously);
            build ??= new Build(rules, done.Task);
            if (_builds.TryAdd(key, build))
            {
                break;
            }
        }
        try
        {
            var fresh = await BuildAsync(db, rules, first, last, now, ct);
            Keep(key, fresh);
            done.SetResult(fresh);
            return fresh.Agenda;
        }
        finally
        {
            done.TrySetResult(null);
            _builds.TryRemove(KeyValuePair.Create(key, build));
        }
    }

    /// <summary>Builds the agenda that replaces a kept one, from a scope of its own (the search that asked for it has answered).</summary>
    private async Task RefreshAsync((PracticeId, LocalDate, LocalDate) key, Build build, TaskCompletionSource<Entry?> done, PracticeRules rules,
        LocalDate first, LocalDate last, Instant now)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var fresh = await BuildAsync(scope.ServiceProvider.GetRequiredService<Lazy<PermanenceDbContext>>(), rules, first, last, now, CancellationToken.None);
            Keep(key, fresh);
            done.SetResult(fresh);
        }
#pragma warning disable CA1031 // A failed refresh must not surface anywhere: the kept agenda serves until it lapses, then a search builds its own.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogRefreshFailed(logger, exception, rules.Practice.Id.Value);
        }
        finally
        {
            done.TrySetResult(null);
            _builds.TryRemove(KeyValuePair.Create(key, build));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh a search agenda of practice {PracticeId}")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, Guid practiceId);

    private void Keep((PracticeId, LocalDate, LocalDate) key, Entry entry)
    {
        if (_entries.Count >= MaximumEntries)
        {
            _entries.Clear();
        }
        _entries[key] = entry;
    }

    private async Task<Entry> BuildAsync(Lazy<PermanenceDbContext> db, PracticeRules rules, LocalDate first, LocalDate last, Instant now,
        CancellationToken ct)
    {
        OccupancyCache.Occupancy? read = null;
        var snapshot = await AgendaLoader.BuildAsync(rules, rules.Practitioners, TimeRange.OfLocalDays(first, last, rules.Calendar.Zone),
            async (ids, from, to) =>
            {
                read = await occupancy.OccupancyAsync(db, rules.Practice.Id, rules.Calendar.Zone, ids, from, to, now, ct);
                return read.Appointments;
            });
        return new Entry(rules, read!, now, snapshot.Agenda);
    }

    private bool IsCurrent(Entry entry, PracticeRules rules, Instant now) =>
        ReferenceEquals(entry.Rules, rules)
        && entry.Occupancy.Version == versions.Current(rules.Practice.Id)
        && Stopwatch.GetElapsedTime(entry.Occupancy.LoadedAt) < OccupancyCache.MaximumAge
        && entry.BuiltAt <= now && now < entry.Occupancy.LiveHoldsUntil;
}
