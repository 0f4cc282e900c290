using Microsoft.AspNetCore.Identity;
using Permanence.Core.Common;
using Permanence.Data.Audit;
using Permanence.Data.Staff;

namespace Permanence.Web.Account;

/// <summary>How a console sign-in step ended.</summary>
public enum SignInOutcome
{
    SignedIn,
    SecondFactorRequired,
    LockedOut,
    Failed,
}

public sealed record ConsoleSignInResult(SignInOutcome Outcome, StaffUser? User = null);

/// <summary>
/// The console's two-step sign-in (password, then the TOTP or a recovery code when enrolled) over Identity's
/// sign-in manager: lockout after repeated failures of either step, the <c>amr=mfa</c> claim once the second factor
/// is proven, and the same audit entries as the API's single-request login.
/// </summary>
public sealed class ConsoleSignIn(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditTrail audit)
{
    public async Task<ConsoleSignInResult> PasswordAsync(string? email, string? password, CancellationToken ct)
    {
        // No account's address holds a control character, and PostgreSQL refuses a NUL even in a lookup.
        if (string.IsNullOrWhiteSpace(email) || ValidationErrors.HasControlCharacter(email) || string.IsNullOrEmpty(password))
        {
            return new ConsoleSignInResult(SignInOutcome.Failed);
        }
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || !user.IsActive)
        {
            await audit.RecordNowAsync("security.login_failed", null, "staff", null, "unknown or inactive account", ct);
            return new ConsoleSignInResult(SignInOutcome.Failed);
        }
        // Sets the two-factor cookie (not the session) when the second factor is enrolled.
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        return await OutcomeAsync(user, result, "bad password", secondFactor: false, ct);
    }

    /// <summary>Second step: a 6-digit authenticator code, or else a recovery code.</summary>
    public async Task<ConsoleSignInResult> SecondFactorAsync(string? code, string? recoveryCode, CancellationToken ct)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null || !user.IsActive)
        {
            return new ConsoleSignInResult(SignInOutcome.Failed);
        }
        SignInResult result;
        if (!string.IsNullOrWhiteSpace(code))
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(Compact(code), isPersistent: false, rememberClient: false);
        }
        else if (!string.IsNullOrWhiteSpace(recoveryCode))
        {
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(recoveryCode.Replace(" ", "", StringComparison.Ordinal));
        }
        else
        {
            return new ConsoleSignInResult(SignInOutcome.SecondFactorRequired, user);
        }
        return await OutcomeAsync(user, result, "bad second factor", secondFactor: true, ct);
    }

    public async Task SignOutAsync(CancellationToken ct)
    {
        await signIn.SignOutAsync();
        await audit.RecordNowAsync("security.logout", null, cancellationToken: ct);
    }

    private async Task<ConsoleSignInResult> OutcomeAsync(StaffUser user, SignInResult result, string failure, bool secondFactor, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            await audit.RecordNowAsync("security.login", null, "staff", user.Id.ToString(), secondFactor ? "with second factor" : "password only", ct);
            return new ConsoleSignInResult(SignInOutcome.SignedIn, user);
        }
        if (result.RequiresTwoFactor)
        {
            return new ConsoleSignInResult(SignInOutcome.SecondFactorRequired, user);
        }
        if (result.IsLockedOut)
        {
            await audit.RecordNowAsync("security.login_locked_out", null, "staff", user.Id.ToString(), cancellationToken: ct);
            return new ConsoleSignInResult(SignInOutcome.LockedOut, user);
        }
        await audit.RecordNowAsync("security.login_failed", null, "staff", user.Id.ToString(), failure, ct);
        return new ConsoleSignInResult(SignInOutcome.Failed, user);
    }

    private static string Compact(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}
