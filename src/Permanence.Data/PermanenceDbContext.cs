using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Audit;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Messaging;
using Permanence.Core.Patients;
using Permanence.Core.Practices;
using Permanence.Core.Routing;
using Permanence.Core.Scheduling;
using Permanence.Core.Triage;
using AppointmentType = Permanence.Core.Practices.AppointmentType;
using Permanence.Data.Configuration;
using Permanence.Data.Quality;
using Permanence.Data.Scope;
using Permanence.Data.Staff;

namespace Permanence.Data;

/// <summary>
/// The unit of work over Permanence's tables. Provider-specific subclasses (<see cref="SqlitePermanenceDbContext"/>,
/// <see cref="PostgresPermanenceDbContext"/>) carry their own migrations and type mappings; the model is the same.
/// Every practice-owned table is filtered by the caller's <see cref="IPracticeScope"/>.
/// </summary>
public abstract class PermanenceDbContext : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>, IDataProtectionKeyContext
{
    private readonly IPracticeScope _scope;

    protected PermanenceDbContext(DbContextOptions options, IPracticeScope scope) : base(options) => _scope = scope;

    public DbSet<Practice> Practices => Set<Practice>();

    /// <summary>Keys protecting sign-in cookies and tokens, shared by every web node and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OpeningHoursRange> OpeningHours => Set<OpeningHoursRange>();
    public DbSet<PracticeClosure> PracticeClosures => Set<PracticeClosure>();
    public DbSet<PlaybookEntry> PlaybookEntries => Set<PlaybookEntry>();
    public DbSet<Practitioner> Practitioners => Set<Practitioner>();
    public DbSet<AppointmentType> AppointmentTypes => Set<AppointmentType>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<Call> Calls => Set<Call>();
    public DbSet<CallEvent> CallEvents => Set<CallEvent>();
    public DbSet<CallAction> CallActions => Set<CallAction>();
    public DbSet<CallCorrection> CallCorrections => Set<CallCorrection>();
    public DbSet<PractitionerMessage> PractitionerMessages => Set<PractitionerMessage>();
    public DbSet<MessageHistoryEntry> MessageHistory => Set<MessageHistoryEntry>();
    public DbSet<StaffPracticeAssignment> StaffAssignments => Set<StaffPracticeAssignment>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<StoredAppointment> Appointments => Set<StoredAppointment>();
    public DbSet<AppointmentHistoryEntry> AppointmentHistory => Set<AppointmentHistoryEntry>();
    public DbSet<StoredWeeklySession> WeeklySessions => Set<StoredWeeklySession>();
    public DbSet<StoredExtraSession> ExtraSessions => Set<StoredExtraSession>();
    public DbSet<PractitionerAbsence> Absences => Set<PractitionerAbsence>();
    public DbSet<WaitingListRequest> WaitingListRequests => Set<WaitingListRequest>();
    public DbSet<WaitingListProposal> WaitingListProposals => Set<WaitingListProposal>();
    public DbSet<StoredTriageOverride> TriageOverrides => Set<StoredTriageOverride>();
    public DbSet<StoredOnCallShift> OnCallShifts => Set<StoredOnCallShift>();

    /// <summary>
    /// The distributor's state (secretaries' states, calls in line). Not filtered by practice: the distributor decides
    /// across every practice; readers scope by practice themselves.
    /// </summary>
    public DbSet<StoredAcdAgent> AcdAgents => Set<StoredAcdAgent>();

    public DbSet<StoredAcdCall> AcdCalls => Set<StoredAcdCall>();

    // Read by the query filters; EF evaluates these per query, on this context instance.
    private bool SeesAllPractices => _scope.SeesAllPractices;
    private List<PracticeId> VisiblePracticeIds => [.. _scope.PracticeIds];

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<PracticeId>().HaveConversion<StronglyTypedIdConverters.PracticeIdConverter>();
        configurationBuilder.Properties<PractitionerId>().HaveConversion<StronglyTypedIdConverters.PractitionerIdConverter>();
        configurationBuilder.Properties<PatientId>().HaveConversion<StronglyTypedIdConverters.PatientIdConverter>();
        configurationBuilder.Properties<AppointmentTypeId>().HaveConversion<StronglyTypedIdConverters.AppointmentTypeIdConverter>();
        configurationBuilder.Properties<CallId>().HaveConversion<StronglyTypedIdConverters.CallIdConverter>();
        configurationBuilder.Properties<MessageId>().HaveConversion<StronglyTypedIdConverters.MessageIdConverter>();
        configurationBuilder.Properties<StaffUserId>().HaveConversion<StronglyTypedIdConverters.StaffUserIdConverter>();
        configurationBuilder.Properties<AppointmentId>().HaveConversion<StronglyTypedIdConverters.AppointmentIdConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PermanenceDbContext).Assembly);

        builder.Entity<Practice>().HasQueryFilter(p => SeesAllPractices || VisiblePracticeIds.Contains(p.Id));
        builder.Entity<OpeningHoursRange>().HasQueryFilter(r => SeesAllPractices || VisiblePracticeIds.Contains(r.PracticeId));
        builder.Entity<PracticeClosure>().HasQueryFilter(c => SeesAllPractices || VisiblePracticeIds.Contains(c.PracticeId));
        builder.Entity<PlaybookEntry>().HasQueryFilter(e => SeesAllPractices || VisiblePracticeIds.Contains(e.PracticeId));
        builder.Entity<Practitioner>().HasQueryFilter(p => SeesAllPractices || VisiblePracticeIds.Contains(p.PracticeId));
        builder.Entity<AppointmentType>().HasQueryFilter(t => SeesAllPractices || VisiblePracticeIds.Contains(t.PracticeId));
        builder.Entity<Patient>().HasQueryFilter(p => SeesAllPractices || VisiblePracticeIds.Contains(p.PracticeId));
        builder.Entity<StoredAppointment>().HasQueryFilter(a => SeesAllPractices || VisiblePracticeIds.Contains(a.PracticeId));
        builder.Entity<AppointmentHistoryEntry>().HasQueryFilter(e => SeesAllPractices || VisiblePracticeIds.Contains(e.PracticeId));
        builder.Entity<StoredWeeklySession>().HasQueryFilter(s => SeesAllPractices || VisiblePracticeIds.Contains(s.PracticeId));
        builder.Entity<StoredExtraSession>().HasQueryFilter(s => SeesAllPractices || VisiblePracticeIds.Contains(s.PracticeId));
        builder.Entity<PractitionerAbsence>().HasQueryFilter(a => SeesAllPractices || VisiblePracticeIds.Contains(a.PracticeId));
        builder.Entity<WaitingListRequest>().HasQueryFilter(r => SeesAllPractices || VisiblePracticeIds.Contains(r.PracticeId));
        builder.Entity<WaitingListProposal>().HasQueryFilter(p => SeesAllPractices || VisiblePracticeIds.Contains(p.PracticeId));
        builder.Entity<StoredTriageOverride>().HasQueryFilter(o => SeesAllPractices || VisiblePracticeIds.Contains(o.PracticeId));
        builder.Entity<StoredOnCallShift>().HasQueryFilter(s => SeesAllPractices || VisiblePracticeIds.Contains(s.PracticeId));
        // Calls to an unknown number have no practice: only callers who see every practice see them.
        builder.Entity<Call>().HasQueryFilter(c => SeesAllPractices || (c.PracticeId != null && VisiblePracticeIds.Contains(c.PracticeId.Value)));
        builder.Entity<PractitionerMessage>().HasQueryFilter(m => SeesAllPractices || VisiblePracticeIds.Contains(m.PracticeId));
        builder.Entity<CallEvent>().HasQueryFilter(e => SeesAllPractices || (e.PracticeId != null && VisiblePracticeIds.Contains(e.PracticeId.Value)));
    }

    /// <summary>
    /// The audit trail is append-only: an attempt to change or remove an entry is a bug, so it throws. Saving calls also
    /// relinks the repeat calls their change affects (<see cref="RepeatCallLinks"/>), in the same transaction.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditTrail();
        var stale = RepeatCallLinks.Pending(this);
        if (stale.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        // Changes are accepted once the links are written and committed, so a failure leaves the entities as they were.
        var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        await using (transaction)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            await RepeatCallLinks.RelinkAsync(this, stale, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }
            return saved;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAuditTrail();
        var stale = RepeatCallLinks.Pending(this);
        if (stale.Count == 0)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess: false);
        RepeatCallLinks.Relink(this, stale);
        transaction?.Commit();
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }
        return saved;
    }

    private void GuardAuditTrail()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit trail is append-only.");
        }
    }
}
