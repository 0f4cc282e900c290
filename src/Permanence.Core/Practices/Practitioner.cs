using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Practices;

/// <summary>A health professional working in a practice, whose agenda the secretaries manage.</summary>
public sealed class Practitioner
{
    public PractitionerId Id { get; init; } = PractitionerId.New();
    public PracticeId PracticeId { get; set; }
    public required string DisplayName { get; set; }
    public Specialty Specialty { get; set; }

    /// <summary>11-digit RPPS number, when known.</summary>
    public string? Rpps { get; set; }

    /// <summary>E.164 number for urgent notifications (never given to patients).</summary>
    public string? UrgentContactNumber { get; set; }

    public string? Email { get; set; }

    /// <summary>How this practitioner wants things done ("no new patients on Fridays", "call me for any result").</summary>
    public string Preferences { get; set; } = "";

    public bool IsActive { get; set; } = true;
    public Instant CreatedAt { get; set; }
}
