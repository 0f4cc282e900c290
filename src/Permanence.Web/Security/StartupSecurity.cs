using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Staff;
using Permanence.Data;
using Permanence.Data.Staff;

namespace Permanence.Web.Security;

/// <summary>Start-up work for security: the bootstrap administrator key.</summary>
internal static class StartupSecurity
{
    public const string BootstrapKeyName = "bootstrap";

    /// <summary>
    /// Creates the administrator key named "bootstrap" with the configured secret, or points the existing one at it
    /// (un-revoking it), so automation can call the API from the first start without a console login.
    /// </summary>
    public static async Task EnsureBootstrapKeyAsync(PermanenceDbContext db, string secret, IClock clock)
    {
        if (secret.Length < 16)
        {
            throw new InvalidOperationException("Bootstrap:ApiKey must be at least 16 characters long.");
        }
        var hash = ApiKeySecrets.Hash(secret);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Name == BootstrapKeyName);
        if (key is null)
        {
            db.ApiKeys.Add(new ApiKey
            {
                Name = BootstrapKeyName,
                Prefix = ApiKeySecrets.DisplayPrefix(secret),
                Hash = hash,
                Role = StaffRoles.Administrator,
                CreatedAt = clock.GetCurrentInstant(),
                CreatedBy = "configuration",
            });
        }
        else
        {
            key.Hash = hash;
            key.Prefix = ApiKeySecrets.DisplayPrefix(secret);
            key.Role = StaffRoles.Administrator;
            key.RevokedAt = null;
        }
        await db.SaveChangesAsync();
    }
}
