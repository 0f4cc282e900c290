using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Scheduling;
using Permanence.Data;
using Permanence.Data.Caching;
using RuleType = Permanence.Core.Scheduling.AppointmentType;

namespace Permanence.Web.Scheduling;

/// <summary>The slowly changing part of a practice's agenda: everything the booking rules read except appointments.</summary>
/// <param name="Practitioners">Every practitioner of the practice, active or not.</param>
/// <param name="ActivePractitioners">Those a search across the practice looks at.</param>
/// <param name="ActiveTypes">Types that can still be booked; inactive ones remain in <paramref name="Types"/> for existing appointments.</param>
/// <param name="TypeRows">The stored types, for what a response shows (preparation, documents to bring).</param>
public sealed record PracticeRules(
    Practice Practice,
    PracticeCalendar Calendar,
    IReadOnlySet<PractitionerId> Practitioners,
    IReadOnlyList<PractitionerId> ActivePractitioners,
    ILookup<PractitionerId, WeeklySession> WeeklySessions,
    IReadOnlyList<StoredExtraSession> ExtraSessions,
    IReadOnlyList<PractitionerAbsence> Absences,
    IReadOnlyDictionary<AppointmentTypeId, RuleType> Types,
    IReadOnlySet<AppointmentTypeId> ActiveTypes,
    IReadOnlyDictionary<AppointmentTypeId, Core.Practices.AppointmentType> TypeRows)
{
    /// <summary>How far before its start a slot of any of the practice's types blocks the agenda (its buffer before).</summary>
    public Duration ReachBefore { get; } = Types.Values.Select(t => t.BufferBefore).DefaultIfEmpty(Duration.Zero).Max();

    /// <summary>How far after its start a slot of any of the practice's types blocks the agenda (duration and buffer after).</summary>
    public Duration ReachAfter { get; } = Types.Values.Select(t => t.Duration + t.BufferAfter).DefaultIfEmpty(Duration.Zero).Max();
}

/// <summary>
/// Keeps <see cref="PracticeRules"/> per practice so a slot search or a booking reads only appointments from the
/// database. A copy is dropped as soon as <see cref="PracticeRuleVersions"/> says the rules changed in this process,
/// and after <see cref="MaximumAge"/> in any case (another process, such as the CLI, may have changed them). A stale
/// copy can offer a slot that no longer exists, never book one: the booking check runs again under the practitioner's
/// lock and the database refuses overlaps on its own.
/// </summary>
/// <remarks>
/// Rules read again after <see cref="MaximumAge"/> that are equal to the copy, every row read with every field, keep
/// the copy's <see cref="PracticeRules"/> object: what was built from it (the search agendas, which are used only
/// with the very rules object they were built from) stays valid instead of being rebuilt all at once.
/// </remarks>
public sealed class PracticeRulesCache(PracticeRuleVersions versions, TimeProvider? time = null)
{
    public static readonly TimeSpan MaximumAge = TimeSpan.FromSeconds(30);

    /// <param name="Rows">The rows the rules were built from, as JSON: equal rows, equal rules.</param>
    private sealed record Entry(long Version, long LoadedAt, PracticeRules Rules, byte[] Rows);

    private static readonly JsonSerializerOptions RowsJson =
        new JsonSerializerOptions { ReferenceHandler = ReferenceHandler.IgnoreCycles }.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private readonly ConcurrentDictionary<PracticeId, Entry> _entries = new();

    /// <summary>
    /// Reads under way, so that when a copy lapses under load one request reads the rules and the others at the same
    /// version wait for it: they then share one <see cref="PracticeRules"/>, and so the agendas built from it.
    /// </summary>
    private readonly SharedReads<PracticeId, Entry> _reads = new();

    /// <summary>The rules of <paramref name="practiceId"/>, or null when there is no such practice.</summary>
    public async Task<PracticeRules?> GetAsync(Lazy<PermanenceDbContext> db, PracticeId practiceId, CancellationToken ct)
    {
        var version = versions.Current(practiceId);
        if (_entries.TryGetValue(practiceId, out var entry) && IsCurrent(entry, version))
        {
            return entry.Rules;
        }
        if (await _reads.WaitAsync(practiceId, version, ct) is { } loaded && IsCurrent(loaded, version))
        {
            return loaded.Rules;
        }
        return (await _reads.RunAsync(practiceId, version, async () =>
        {
            // The version is read before the rows: a change committed meanwhile moves it, and the copy is not used again.
            var loadedAt = _time.GetTimestamp();
            if (await LoadAsync(db.Value, practiceId, ct) is not { } read)
            {
                return null;
            }
            var (rules, rows) = read;
            var fresh = _entries.TryGetValue(practiceId, out var kept) && kept.Rows.AsSpan().SequenceEqual(rows)
                ? new Entry(version, loadedAt, kept.Rules, kept.Rows)
                : new Entry(version, loadedAt, rules, rows);
            _entries[practiceId] = fresh;
            return fresh;
        }))?.Rules;
    }

    private bool IsCurrent(Entry entry, long version) =>
        entry.Version == version && _time.GetElapsedTime(entry.LoadedAt) < MaximumAge;

    // The copy is shared by every caller, so it is read without the caller's practice-scope filter; callers have
    // already passed the practice-scope check for practiceId.
    private static async Task<(PracticeRules Rules, byte[] Rows)?> LoadAsync(PermanenceDbContext db, PracticeId practiceId, CancellationToken ct)
    {
        var practice = await db.Practices.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.Id == practiceId, ct);
        if (practice is null)
        {
            return null;
        }
        var closures = await db.PracticeClosures.IgnoreQueryFilters().AsNoTracking().Where(c => c.PracticeId == practiceId).ToListAsync(ct);
        var practitioners = await db.Practitioners.IgnoreQueryFilters().AsNoTracking().Where(p => p.PracticeId == practiceId)
            .Select(p => new { p.Id, p.IsActive }).ToListAsync(ct);
        var weekly = await db.WeeklySessions.IgnoreQueryFilters().AsNoTracking().Where(s => s.PracticeId == practiceId).ToListAsync(ct);
        var extra = await db.ExtraSessions.IgnoreQueryFilters().AsNoTracking().Where(s => s.PracticeId == practiceId).ToListAsync(ct);
        var absences = await db.Absences.IgnoreQueryFilters().AsNoTracking().Where(a => a.PracticeId == practiceId).ToListAsync(ct);
        var types = await db.AppointmentTypes.IgnoreQueryFilters().AsNoTracking().Where(t => t.PracticeId == practiceId).ToListAsync(ct);
        var rows = JsonSerializer.SerializeToUtf8Bytes(new { practice, closures, practitioners, weekly, extra, absences, types }, RowsJson);
        var rules = new PracticeRules(
            practice,
            AgendaMapping.ToCalendar(practice, closures),
            practitioners.Select(p => p.Id).ToHashSet(),
            [.. practitioners.Where(p => p.IsActive).Select(p => p.Id)],
            weekly.ToLookup(s => s.PractitionerId, s => s.ToRule()),
            extra,
            absences,
            types.ToDictionary(t => t.Id, AgendaMapping.ToRule),
            types.Where(t => t.IsActive).Select(t => t.Id).ToHashSet(),
            types.ToDictionary(t => t.Id));
        return (rules, rows);
    }
}
