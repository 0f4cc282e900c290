using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Data;
using Permanence.Data.Caching;

namespace Permanence.Web.Routing;

/// <summary>A practice's queue settings as the distributor applies them.</summary>
public sealed record AcdQueueSettings(Duration MaximumWait, QueueOverflowPolicy Overflow);

/// <summary>
/// The slowly changing part of the distributor's input: the active staff members with their skills (practice
/// assignments and levels), and every practice's queue settings.
/// </summary>
public sealed record AcdConfiguration(
    IReadOnlyDictionary<StaffUserId, IReadOnlyDictionary<PracticeId, int>> ActiveStaffSkills,
    IReadOnlyDictionary<PracticeId, AcdQueueSettings> Practices);

/// <summary>
/// Keeps <see cref="AcdConfiguration"/> so a distributor change reads only its state tables under the lock. The copy
/// is dropped as soon as <see cref="PracticeRuleVersions"/> says a practice or a staff account changed in this process
/// (so the next decision on this node sees the change), and after <see cref="MaximumAge"/> in any case (another node
/// or the CLI may have changed them).
/// </summary>
public sealed class AcdConfigurationCache(PracticeRuleVersions versions)
{
    public static readonly TimeSpan MaximumAge = TimeSpan.FromSeconds(5);

    private sealed record Entry(long PracticesVersion, long StaffVersion, long LoadedAt, AcdConfiguration Configuration);

    private volatile Entry? _entry;

    public async Task<AcdConfiguration> GetAsync(PermanenceDbContext db, CancellationToken ct)
    {
        var practicesVersion = versions.AnyPractice;
        var staffVersion = versions.Staff;
        if (_entry is { } entry && entry.PracticesVersion == practicesVersion && entry.StaffVersion == staffVersion
            && Stopwatch.GetElapsedTime(entry.LoadedAt) < MaximumAge)
        {
            return entry.Configuration;
        }
        // The versions are read before the rows: a change committed meanwhile moves them, and the copy is not used again.
        var loadedAt = Stopwatch.GetTimestamp();
        var configuration = await LoadAsync(db, ct);
        _entry = new Entry(practicesVersion, staffVersion, loadedAt, configuration);
        return configuration;
    }

    private static async Task<AcdConfiguration> LoadAsync(PermanenceDbContext db, CancellationToken ct)
    {
        var active = await db.Users.AsNoTracking().Where(u => u.IsActive).Select(u => u.Id).ToListAsync(ct);
        var skills = await db.StaffAssignments.AsNoTracking().Where(a => db.Users.Any(u => u.Id == a.StaffUserId && u.IsActive)).ToListAsync(ct);
        var skillsOf = skills.ToLookup(s => s.StaffUserId);
        var practices = await db.Practices.IgnoreQueryFilters().AsNoTracking()
            .Select(p => new { p.Id, p.QueueMaximumWaitSeconds, p.QueueOverflow }).ToListAsync(ct);
        return new AcdConfiguration(
            active.ToDictionary(id => new StaffUserId(id),
                id => (IReadOnlyDictionary<PracticeId, int>)skillsOf[id].ToDictionary(s => s.PracticeId, s => s.SkillLevel)),
            practices.ToDictionary(p => p.Id, p => new AcdQueueSettings(Duration.FromSeconds(p.QueueMaximumWaitSeconds), p.QueueOverflow)));
    }
}
