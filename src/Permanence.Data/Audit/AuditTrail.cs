using NodaTime;
using Permanence.Core.Audit;
using Permanence.Core.Common;

namespace Permanence.Data.Audit;

/// <summary>
/// The one writer of the audit trail. <see cref="Record"/> adds the entry to the same unit of work as the change it
/// describes, so both are saved in one transaction or neither is.
/// </summary>
public sealed class AuditTrail(PermanenceDbContext db, IAuditActor actor, IClock clock)
{
    public void Record(string action, PracticeId? practiceId, string? entityType = null, string? entityId = null, string detail = "") =>
        db.AuditEntries.Add(Entry(action, practiceId, entityType, entityId, detail));

    /// <summary>The entry <see cref="Record"/> would add, for a writer that inserts it itself in the same transaction as its change.</summary>
    public AuditEntry Entry(string action, PracticeId? practiceId, string? entityType = null, string? entityId = null, string detail = "") =>
        new()
        {
            At = clock.GetCurrentInstant(),
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.Name,
            PracticeId = practiceId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Detail = detail,
            IpAddress = actor.IpAddress,
        };

    /// <summary>Records and saves at once: for reads and security events that change nothing else.</summary>
    public async Task RecordNowAsync(string action, PracticeId? practiceId, string? entityType = null, string? entityId = null,
        string detail = "", CancellationToken cancellationToken = default)
    {
        Record(action, practiceId, entityType, entityId, detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}
