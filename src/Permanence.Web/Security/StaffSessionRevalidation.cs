using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Permanence.Data.Staff;

namespace Permanence.Web.Security;

/// <summary>
/// Keeps an open console in step with the staff account behind it: every <see cref="SecurityOptions.SessionRevalidationSeconds"/>
/// the circuit's user is checked, and a deactivated account or a changed security stamp (roles, practice assignments or
/// password changed) signs the circuit out, so its pages, scope and pop-ups stop at once rather than when the tab closes.
/// </summary>
internal sealed class StaffSessionRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<SecurityOptions> security,
    IOptions<IdentityOptions> identity) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => security.Value.OpenSessionCheckPeriod;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await IsCurrentAsync(scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>(), authenticationState.User, identity.Value);
    }

    /// <summary>
    /// A cookie whose account still holds gets a principal rebuilt from the account, which knows nothing of how the user
    /// signed in: the second factor proved then (<c>amr</c>) is carried over, or every check would lock the user out.
    /// </summary>
    public static Task KeepSignInMethod(SecurityStampRefreshingPrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var method in current.FindAll(SignInMethodClaim).Where(m => !identity.HasClaim(SignInMethodClaim, m.Value)))
            {
                identity.AddClaim(new Claim(SignInMethodClaim, method.Value));
            }
        }
        return Task.CompletedTask;
    }

    private const string SignInMethodClaim = "amr";

    /// <summary>Whether <paramref name="principal"/> is still the active account it was signed in as, with the same security stamp.</summary>
    public static async Task<bool> IsCurrentAsync(UserManager<StaffUser> users, ClaimsPrincipal principal, IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(options);
        if (principal.Identity?.IsAuthenticated != true)
        {
            return true;
        }
        var user = await users.GetUserAsync(principal);
        return user is { IsActive: true }
            && principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
