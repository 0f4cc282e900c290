using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Triage;

/// <summary>A practice manager's triage override as stored; validated again whenever it is compiled.</summary>
public sealed class StoredTriageOverride
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public PracticeId PracticeId { get; init; }

    /// <summary>The override's short id, unique within the practice, shown in the signals.</summary>
    public required string Code { get; init; }

    public List<string> Phrases { get; init; } = [];
    public required string Urgency { get; init; }
    public string? Category { get; init; }
    public string? Language { get; init; }
    public Instant CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    public PracticeTriageOverride ToOverride() => new(Code, Phrases, Urgency, Category, Language);
}
