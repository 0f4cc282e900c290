using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Scheduling;
using Permanence.Data.Staff;

namespace Permanence.Data.Caching;

/// <summary>
/// A counter per practice that moves whenever the practice's scheduling rules change (the practice row, closures,
/// opening hours, practitioners, appointment types, sessions, absences), so a cache of those rules can tell a stale
/// copy from a current one. Changes saved through a <see cref="PermanenceDbContext"/> move it on their own
/// (<see cref="CacheInvalidationInterceptor"/>); writes that bypass the change tracker call <see cref="Changed"/>.
/// Staff accounts and their practice assignments (the distributor's agents and skills) move <see cref="Staff"/>.
/// </summary>
public sealed class PracticeRuleVersions
{
    private readonly ConcurrentDictionary<PracticeId, long> _versions = new();
    private long _anyPractice;
    private long _staff;

    public long Current(PracticeId practice) => _versions.GetValueOrDefault(practice);

    /// <summary>Moves with every change of any practice: for caches that look across practices (dialed numbers).</summary>
    public long AnyPractice => Interlocked.Read(ref _anyPractice);

    /// <summary>Moves with every change of a staff account or of a staff member's practice assignments.</summary>
    public long Staff => Interlocked.Read(ref _staff);

    /// <summary>Marks staff accounts or assignments as changed; call it after the change is committed.</summary>
    public void StaffChanged() => Interlocked.Increment(ref _staff);

    /// <summary>Marks the rules of <paramref name="practice"/> as changed; call it after the change is committed.</summary>
    public void Changed(PracticeId practice)
    {
        _versions.AddOrUpdate(practice, 1, (_, version) => version + 1);
        Interlocked.Increment(ref _anyPractice);
    }
}

/// <summary>
/// A counter per practice that moves whenever an appointment of the practice is added, changed or deleted, so a cache
/// of the practice's occupied times can tell a stale copy from a current one. Saves through a
/// <see cref="PermanenceDbContext"/> move it on their own; writes that bypass the change tracker call <see cref="Changed"/>.
/// </summary>
public sealed class AppointmentVersions
{
    private readonly ConcurrentDictionary<PracticeId, long> _versions = new();

    public long Current(PracticeId practice) => _versions.GetValueOrDefault(practice);

    /// <summary>Marks the appointments of <paramref name="practice"/> as changed; call it after the change is committed.</summary>
    public void Changed(PracticeId practice) => _versions.AddOrUpdate(practice, 1, (_, version) => version + 1);
}

/// <summary>
/// A counter that moves whenever an API key is created, changed (revoked, new role or practices) or deleted through a
/// <see cref="PermanenceDbContext"/> of this process, so the cache of authenticated keys drops its copies at once.
/// </summary>
public sealed class ApiKeyVersions
{
    private long _version;

    public long Current => Interlocked.Read(ref _version);

    public void Changed() => Interlocked.Increment(ref _version);
}

/// <summary>
/// Moves the version counters of this process's caches (<see cref="PracticeRuleVersions"/>,
/// <see cref="AppointmentVersions"/>, <see cref="ApiKeyVersions"/>, and the staff counter of
/// <see cref="PracticeRuleVersions"/>) for every row a save touched: once the save is
/// done and, inside an explicit transaction, again once it commits or rolls back (a cache filled between the save and
/// the commit read the old rows).
/// </summary>
public sealed class CacheInvalidationInterceptor(PracticeRuleVersions rules, AppointmentVersions appointments, ApiKeyVersions apiKeys)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Touched
    {
        public HashSet<PracticeId> Rules { get; } = [];
        public HashSet<PracticeId> Appointments { get; } = [];
        public bool ApiKeys { get; set; }
        public bool Staff { get; set; }
    }

    private readonly ConditionalWeakTable<DbContext, Touched> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Publish(eventData.Context, keepUntilCommit: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context, keepUntilCommit: true);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Publish(eventData.Context, keepUntilCommit: true);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context, keepUntilCommit: true);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        Publish(eventData.Context, keepUntilCommit: false);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context, keepUntilCommit: false);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        Publish(eventData.Context, keepUntilCommit: false);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context, keepUntilCommit: false);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            switch (entry.Entity)
            {
                case StoredAppointment a:
                    _pending.GetOrCreateValue(context).Appointments.Add(a.PracticeId);
                    break;
                case Permanence.Data.Staff.ApiKey:
                    _pending.GetOrCreateValue(context).ApiKeys = true;
                    break;
                default:
                    if (RulesPracticeOf(entry) is { } practice)
                    {
                        _pending.GetOrCreateValue(context).Rules.Add(practice);
                    }
                    break;
            }
            if (entry.Entity is StaffUser or StaffPracticeAssignment)
            {
                _pending.GetOrCreateValue(context).Staff = true;
            }
        }
    }

    private void Publish(DbContext? context, bool keepUntilCommit)
    {
        if (context is null || !_pending.TryGetValue(context, out var touched))
        {
            return;
        }
        foreach (var practice in touched.Rules)
        {
            rules.Changed(practice);
        }
        foreach (var practice in touched.Appointments)
        {
            appointments.Changed(practice);
        }
        if (touched.ApiKeys)
        {
            apiKeys.Changed();
        }
        if (touched.Staff)
        {
            rules.StaffChanged();
        }
        if (!keepUntilCommit || context.Database.CurrentTransaction is null)
        {
            _pending.Remove(context);
        }
    }

    private static PracticeId? RulesPracticeOf(EntityEntry entry) => entry.Entity switch
    {
        Practice p => p.Id,
        PracticeClosure c => c.PracticeId,
        OpeningHoursRange r => r.PracticeId,
        Practitioner p => p.PracticeId,
        Core.Practices.AppointmentType t => t.PracticeId,
        StoredWeeklySession s => s.PracticeId,
        StoredExtraSession s => s.PracticeId,
        PractitionerAbsence a => a.PracticeId,
        _ => null,
    };
}
