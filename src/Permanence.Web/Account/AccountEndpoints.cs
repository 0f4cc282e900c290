using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Common;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Data.Staff;
using Permanence.Web.Http;
using Permanence.Web.Security;
using QRCoder;

namespace Permanence.Web.Account;

public sealed record LoginInput(string? Email, string? Password, string? TwoFactorCode, string? RecoveryCode);

public sealed record MeDto(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<Guid> PracticeIds,
    string PreferredLanguage, bool TwoFactorEnabled, bool SecondFactorProven);

public sealed record TwoFactorSetupDto(bool Enabled, string SharedKey, string AuthenticatorUri, string QrCodeSvg, int RecoveryCodesLeft);

public sealed record TwoFactorCodeInput(string? Code);

public sealed record RecoveryCodesDto(IReadOnlyList<string> RecoveryCodes);

public sealed record AccountServices(UserManager<StaffUser> Users, SignInManager<StaffUser> SignIn, PermanenceDbContext Db, AuditTrail Audit);

/// <summary>
/// Console sign-in with the Identity cookie (password, lockout, TOTP second factor or recovery code) and the
/// second-factor enrolment a staff member does before reaching patient data.
/// </summary>
public static class AccountEndpoints
{
    private const string Issuer = "Permanence";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/account").WithTags("Account");
        group.MapPost("/login", Login).WithName("Login").WithSummary("Sign in with e-mail, password and, when enrolled, a TOTP or recovery code").AllowAnonymous();
        group.MapPost("/logout", Logout).WithName("Logout").WithSummary("Sign out").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/me", Me).WithName("Me").WithSummary("The signed-in staff member").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/two-factor", TwoFactorSetup).WithName("TwoFactorSetup").WithSummary("Authenticator key, otpauth URI and QR code for enrolment").RequireAuthorization(Policies.SignedIn);
        group.MapPost("/two-factor/enable", EnableTwoFactor).WithName("EnableTwoFactor").WithSummary("Confirm a TOTP code to enable the second factor; returns recovery codes").RequireAuthorization(Policies.SignedIn);
        group.MapPost("/two-factor/recovery-codes", NewRecoveryCodes).WithName("NewRecoveryCodes").WithSummary("Replace the recovery codes").RequireAuthorization(Policies.Staff);
        return routes;
    }

    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> Login(LoginInput input, [AsParameters] AccountServices s, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(input.Email), "email", "Required.");
        errors.RequireNoControlCharacters("email", input.Email);
        errors.Require(!string.IsNullOrEmpty(input.Password), "password", "Required.");
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }
        var user = await s.Users.FindByEmailAsync(input.Email!.Trim());
        if (user is null || !user.IsActive)
        {
            await s.Audit.RecordNowAsync("security.login_failed", null, "staff", null, "unknown or inactive account", ct);
            return Unauthorized();
        }
        var password = await s.SignIn.CheckPasswordSignInAsync(user, input.Password!, lockoutOnFailure: true);
        if (password.IsLockedOut)
        {
            await s.Audit.RecordNowAsync("security.login_locked_out", null, "staff", user.Id.ToString(), cancellationToken: ct);
            return TypedResults.Problem(title: "Account locked", detail: "Too many failed attempts; try again later.", statusCode: StatusCodes.Status423Locked);
        }
        if (!password.Succeeded)
        {
            await s.Audit.RecordNowAsync("security.login_failed", null, "staff", user.Id.ToString(), "bad password", ct);
            return Unauthorized();
        }

        List<Claim> extra = [];
        if (user.TwoFactorEnabled)
        {
            if (!await SecondFactorIsValidAsync(s, user, input))
            {
                await s.Users.AccessFailedAsync(user);
                await s.Audit.RecordNowAsync("security.login_failed", null, "staff", user.Id.ToString(), "bad second factor", ct);
                return TypedResults.Problem(title: "Second factor required",
                    detail: "Send twoFactorCode (6 digits from the authenticator) or recoveryCode.", statusCode: StatusCodes.Status401Unauthorized,
                    extensions: new Dictionary<string, object?> { ["twoFactorRequired"] = true });
            }
            extra.Add(new Claim("amr", "mfa"));
        }
        await s.Users.ResetAccessFailedCountAsync(user);
        await s.SignIn.SignInWithClaimsAsync(user, isPersistent: false, extra);
        await s.Audit.RecordNowAsync("security.login", null, "staff", user.Id.ToString(), user.TwoFactorEnabled ? "with second factor" : "password only", ct);
        return TypedResults.Ok(await ToMeAsync(s, user, secondFactorProven: user.TwoFactorEnabled, ct));
    }

    private static async Task<NoContent> Logout([AsParameters] AccountServices s, CancellationToken ct)
    {
        await s.SignIn.SignOutAsync();
        await s.Audit.RecordNowAsync("security.logout", null, cancellationToken: ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> Me(ClaimsPrincipal principal, [AsParameters] AccountServices s, CancellationToken ct)
    {
        var user = await s.Users.GetUserAsync(principal);
        return user is null
            ? TypedResults.Problem(title: "Not a staff session", detail: "This route describes a signed-in staff member, not an API key.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(await ToMeAsync(s, user, principal.HasClaim("amr", "mfa"), ct));
    }

    private static async Task<Results<Ok<TwoFactorSetupDto>, ProblemHttpResult>> TwoFactorSetup(ClaimsPrincipal principal, [AsParameters] AccountServices s)
    {
        var user = await s.Users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Problem(title: "Not a staff session", statusCode: StatusCodes.Status404NotFound);
        }
        var key = await s.Users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await s.Users.ResetAuthenticatorKeyAsync(user);
            key = (await s.Users.GetAuthenticatorKeyAsync(user))!;
            // A new key changes the account's security stamp, which would end this session at its next check.
            await s.SignIn.RefreshSignInAsync(user);
        }
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{UrlEncoder.Default.Encode(Issuer)}:{UrlEncoder.Default.Encode(user.Email!)}?secret={key}&issuer={UrlEncoder.Default.Encode(Issuer)}&digits=6");
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(qr).GetGraphic(4);
        return TypedResults.Ok(new TwoFactorSetupDto(user.TwoFactorEnabled, key, uri, svg, await s.Users.CountRecoveryCodesAsync(user)));
    }

    private static async Task<Results<Ok<RecoveryCodesDto>, ProblemHttpResult>> EnableTwoFactor(ClaimsPrincipal principal, TwoFactorCodeInput input, [AsParameters] AccountServices s, CancellationToken ct)
    {
        var user = await s.Users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Problem(title: "Not a staff session", statusCode: StatusCodes.Status404NotFound);
        }
        var code = Compact(input.Code);
        if (code.Length == 0 || !await s.Users.VerifyTwoFactorTokenAsync(user, s.Users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return ValidationError.For("code", "The code does not match the authenticator; check the device clock and try the current code.").ToProblem();
        }
        await s.Users.SetTwoFactorEnabledAsync(user, true);
        var codes = await s.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? [];
        // The code just proven is a second factor: re-issue the session so it carries it.
        await s.SignIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        await s.Audit.RecordNowAsync("security.two_factor_enabled", null, "staff", user.Id.ToString(), cancellationToken: ct);
        return TypedResults.Ok(new RecoveryCodesDto([.. codes]));
    }

    private static async Task<Results<Ok<RecoveryCodesDto>, ProblemHttpResult>> NewRecoveryCodes(ClaimsPrincipal principal, [AsParameters] AccountServices s, CancellationToken ct)
    {
        var user = await s.Users.GetUserAsync(principal);
        if (user is null || !user.TwoFactorEnabled)
        {
            return TypedResults.Problem(title: "Second factor not enabled", statusCode: StatusCodes.Status409Conflict);
        }
        var codes = await s.Users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? [];
        await s.Audit.RecordNowAsync("security.recovery_codes_replaced", null, "staff", user.Id.ToString(), cancellationToken: ct);
        return TypedResults.Ok(new RecoveryCodesDto([.. codes]));
    }

    private static async Task<bool> SecondFactorIsValidAsync(AccountServices s, StaffUser user, LoginInput input)
    {
        if (!string.IsNullOrWhiteSpace(input.TwoFactorCode))
        {
            return await s.Users.VerifyTwoFactorTokenAsync(user, s.Users.Options.Tokens.AuthenticatorTokenProvider, Compact(input.TwoFactorCode));
        }
        return !string.IsNullOrWhiteSpace(input.RecoveryCode)
            && (await s.Users.RedeemTwoFactorRecoveryCodeAsync(user, input.RecoveryCode.Replace(" ", "", StringComparison.Ordinal))).Succeeded;
    }

    private static string Compact(string? code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(title: "Sign-in failed", detail: "Unknown e-mail or wrong password.", statusCode: StatusCodes.Status401Unauthorized);

    private static async Task<MeDto> ToMeAsync(AccountServices s, StaffUser user, bool secondFactorProven, CancellationToken ct)
    {
        var roles = await s.Users.GetRolesAsync(user);
        var practices = await s.Db.StaffAssignments.Where(a => a.StaffUserId == user.Id).Select(a => a.PracticeId).ToListAsync(ct);
        return new MeDto(user.Id, user.Email ?? "", user.DisplayName, [.. roles], [.. practices.Select(p => p.Value)],
            user.PreferredLanguage, user.TwoFactorEnabled, secondFactorProven);
    }
}
