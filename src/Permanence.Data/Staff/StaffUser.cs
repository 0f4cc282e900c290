using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Permanence.Data.Staff;

/// <summary>A person who signs in to the console; roles are Identity roles named by <c>StaffRoles</c> codes.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>Console language: fr (default) or en.</summary>
    public string PreferredLanguage { get; set; } = "fr";

    public bool IsActive { get; set; } = true;
    public Instant CreatedAt { get; set; }
    public List<StaffPracticeAssignment> Assignments { get; set; } = [];
}

/// <summary>A staff member's assignment to a practice; for secretaries it is also a skill with a level (1–3).</summary>
public sealed class StaffPracticeAssignment
{
    public Guid StaffUserId { get; set; }
    public Core.Common.PracticeId PracticeId { get; set; }
    public int SkillLevel { get; set; } = 1;
}
