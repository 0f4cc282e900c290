using Microsoft.AspNetCore.Identity;
using Permanence.Core.Staff;

namespace Permanence.Data.Staff;

/// <summary>The Identity role rows, one per <see cref="StaffRole"/> code.</summary>
public static class StaffRoleRows
{
    public static async Task EnsureAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var code in StaffRoles.All.Select(r => r.ToCode()))
        {
            if (!await roles.RoleExistsAsync(code))
            {
                var created = await roles.CreateAsync(new IdentityRole<Guid>(code) { Id = Guid.CreateVersion7() });
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {code}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}
