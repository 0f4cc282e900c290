using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Data;
using Permanence.Data.Caching;

namespace Permanence.Web.Calls;

/// <summary>The practice and line a dialed number reaches.</summary>
public sealed record PracticeLine(PracticeId PracticeId, CallLine Line);

/// <summary>
/// Resolves dialed numbers to practice lines, remembering the answers (unknown numbers included) so the first event of
/// every call does not search the practices. Any saved change to a practice in this process forgets them all (a new
/// practice may take a number that was unknown); after <see cref="MaximumAge"/> they are read again in any case.
/// </summary>
public sealed class PracticeLines(PracticeRuleVersions versions)
{
    public static readonly TimeSpan MaximumAge = TimeSpan.FromSeconds(30);

    private sealed record Entry(long Version, long LoadedAt, PracticeLine? Line);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <param name="dialed">The dialed number in E.164.</param>
    /// <returns>The line, or null when the number belongs to no practice.</returns>
    public async Task<PracticeLine?> ResolveAsync(PermanenceDbContext db, string dialed, CancellationToken ct)
    {
        var version = versions.AnyPractice;
        if (_entries.TryGetValue(dialed, out var entry) && entry.Version == version && Stopwatch.GetElapsedTime(entry.LoadedAt) < MaximumAge)
        {
            return entry.Line;
        }
        var loadedAt = Stopwatch.GetTimestamp();
        var found = await db.Practices.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.RoutineNumber == dialed || p.UrgentNumber == dialed)
            .Select(p => new { p.Id, Urgent = p.UrgentNumber == dialed })
            .FirstOrDefaultAsync(ct);
        var line = found is null ? null : new PracticeLine(found.Id, found.Urgent ? CallLine.Urgent : CallLine.Routine);
        _entries[dialed] = new Entry(version, loadedAt, line);
        return line;
    }
}
