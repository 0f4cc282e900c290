using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Audit;

/// <summary>
/// One line of the append-only audit trail: who did what to which data, when, from where. Written in the same
/// transaction as the change it records; never updated or deleted.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public Instant At { get; init; }

    /// <summary>user, api_key or system.</summary>
    public required string ActorKind { get; init; }

    public string? ActorId { get; init; }
    public required string ActorName { get; init; }
    public PracticeId? PracticeId { get; init; }

    /// <summary>Dotted verb such as <c>patient.read</c>, <c>practice.update</c>, <c>security.login_failed</c>.</summary>
    public required string Action { get; init; }

    public string? EntityType { get; init; }
    public string? EntityId { get; init; }

    /// <summary>What changed, without patient identity (names, birth dates and numbers never go here).</summary>
    public string Detail { get; init; } = "";

    public string? IpAddress { get; init; }
}
