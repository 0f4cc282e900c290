using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Patients;

/// <summary>A patient known to one practice. The same person at two practices is two records.</summary>
public sealed class Patient
{
    public PatientId Id { get; init; } = PatientId.New();
    public PracticeId PracticeId { get; set; }
    public required string LastName { get; set; }
    public required string FirstName { get; set; }
    public LocalDate BirthDate { get; set; }

    /// <summary>Main phone, E.164.</summary>
    public string? Phone { get; set; }

    /// <summary>Second phone (work, relative), E.164.</summary>
    public string? SecondaryPhone { get; set; }

    public string? Email { get; set; }
    public string Notes { get; set; } = "";
    public Instant CreatedAt { get; set; }
}
