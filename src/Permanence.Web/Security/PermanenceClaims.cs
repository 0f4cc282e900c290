using System.Security.Claims;
using Permanence.Core.Common;
using Permanence.Core.Staff;

namespace Permanence.Web.Security;

/// <summary>Claim types Permanence adds to a principal, and helpers to read them.</summary>
public static class PermanenceClaims
{
    /// <summary>One claim per practice the principal is assigned to (Guid text).</summary>
    public const string Practice = "permanence:practice";

    /// <summary>"user" or "api_key".</summary>
    public const string ActorKind = "permanence:actor_kind";

    public static bool IsAdministrator(this ClaimsPrincipal user) => user.IsInRole(StaffRoles.Administrator);

    public static IReadOnlyCollection<PracticeId> AssignedPractices(this ClaimsPrincipal user) =>
        [.. user.FindAll(Practice).Select(c => Guid.TryParse(c.Value, out var id) ? new PracticeId(id) : (PracticeId?)null)
            .OfType<PracticeId>()];

    /// <summary>Administrators see every practice; everyone else only the practices they are assigned to.</summary>
    public static bool CanSeePractice(this ClaimsPrincipal user, PracticeId practiceId) =>
        user.IsAdministrator() || user.AssignedPractices().Contains(practiceId);
}
