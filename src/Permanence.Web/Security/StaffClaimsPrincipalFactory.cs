using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Permanence.Data;
using Permanence.Data.Staff;

namespace Permanence.Web.Security;

/// <summary>Adds the practice assignments and actor kind to a signed-in staff member's cookie principal.</summary>
internal sealed class StaffClaimsPrincipalFactory(
    UserManager<StaffUser> userManager,
    RoleManager<IdentityRole<Guid>> roleManager,
    IOptions<IdentityOptions> options,
    PermanenceDbContext db)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole<Guid>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PermanenceClaims.ActorKind, "user"));
        var practices = await db.StaffAssignments.Where(a => a.StaffUserId == user.Id).Select(a => a.PracticeId).ToListAsync();
        foreach (var practice in practices)
        {
            identity.AddClaim(new Claim(PermanenceClaims.Practice, practice.Value.ToString()));
        }
        return identity;
    }
}
