using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Permanence.Core.Staff;

namespace Permanence.Web.Security;

/// <summary>
/// Named authorisation policies. Every policy (and the fallback that covers endpoints naming none) requires an
/// authenticated caller and, where configured, a second factor; role lists say who may do what.
/// </summary>
public static class Policies
{
    /// <summary>Any staff role: read practice information and work with patients of assigned practices.</summary>
    public const string Staff = "staff";

    /// <summary>Configure a practice: administrators and practice managers.</summary>
    public const string PracticeConfiguration = "practice-configuration";

    /// <summary>Manage practitioners' availability and absences: administrators, practice managers, practitioners.</summary>
    public const string AgendaRules = "agenda-rules";

    /// <summary>Create practices, staff and API keys; read the audit trail: administrators.</summary>
    public const string Administration = "administration";

    /// <summary>
    /// Read a practice's quality figures: administrators, supervisors, practice managers and the practice's
    /// practitioners. Secretaries read only their own per-agent line (see the KPI endpoints).
    /// </summary>
    public const string QualityFigures = "quality-figures";

    /// <summary>Secretariat-wide figures and staffing: administrators and supervisors.</summary>
    public const string Supervision = "supervision";

    /// <summary>Read a practice's on-call coverage gaps: administrators, supervisors and practice managers.</summary>
    public const string OnCallCoverage = "on-call-coverage";

    /// <summary>Signed in with a password, second factor possibly still to enrol: only the account endpoints.</summary>
    public const string SignedIn = "signed-in";

    public const string CombinedScheme = "Permanence";

    public static IReadOnlyDictionary<string, string[]> RolesByPolicy { get; } = new Dictionary<string, string[]>
    {
        [Staff] = [.. StaffRoles.All.Select(r => r.ToCode())],
        [PracticeConfiguration] = [StaffRoles.Administrator, StaffRoles.PracticeManager],
        [AgendaRules] = [StaffRoles.Administrator, StaffRoles.PracticeManager, StaffRoles.Practitioner],
        [Administration] = [StaffRoles.Administrator],
        [QualityFigures] = [StaffRoles.Administrator, StaffRoles.Supervisor, StaffRoles.PracticeManager, StaffRoles.Practitioner],
        [Supervision] = [StaffRoles.Administrator, StaffRoles.Supervisor],
        [OnCallCoverage] = [StaffRoles.Administrator, StaffRoles.Supervisor, StaffRoles.PracticeManager],
    };

    public static IServiceCollection AddPermanenceAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, SecondFactorHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(Build(RolesByPolicy[Staff]))
            .AddPolicy(SignedIn, new AuthorizationPolicyBuilder(CombinedScheme).RequireAuthenticatedUser().Build())
            .AddPolicy(Staff, Build(RolesByPolicy[Staff]))
            .AddPolicy(PracticeConfiguration, Build(RolesByPolicy[PracticeConfiguration]))
            .AddPolicy(AgendaRules, Build(RolesByPolicy[AgendaRules]))
            .AddPolicy(Administration, Build(RolesByPolicy[Administration]))
            .AddPolicy(QualityFigures, Build(RolesByPolicy[QualityFigures]))
            .AddPolicy(Supervision, Build(RolesByPolicy[Supervision]))
            .AddPolicy(OnCallCoverage, Build(RolesByPolicy[OnCallCoverage]));
        return services;
    }

    public static AuthenticationBuilder AddPermanenceAuthentication(this IServiceCollection services)
    {
        var builder = services.AddAuthentication(o =>
        {
            o.DefaultScheme = CombinedScheme;
            o.DefaultChallengeScheme = CombinedScheme;
            o.DefaultForbidScheme = CombinedScheme;
        });
        builder.AddPolicyScheme(CombinedScheme, "API key or console cookie", o => o.ForwardDefaultSelector = context =>
            ApiKeyAuthenticationHandler.TryReadBearer(context.Request, out _) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme);
        builder.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        return builder;
    }

    private static AuthorizationPolicy Build(string[] roles) => new AuthorizationPolicyBuilder(CombinedScheme)
        .RequireAuthenticatedUser()
        .RequireRole(roles)
        .AddRequirements(new SecondFactorRequirement())
        .Build();
}

/// <summary>The caller proved a second factor, or does not need one (API keys, or second factor not required here).</summary>
public sealed class SecondFactorRequirement : IAuthorizationRequirement;

internal sealed class SecondFactorHandler(IConfiguration configuration, IHostEnvironment environment)
    : AuthorizationHandler<SecondFactorRequirement>
{
    private readonly bool _required = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>()?.RequireTwoFactor
        ?? environment.IsProduction();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        var user = context.User;
        if (!_required || user.HasClaim(PermanenceClaims.ActorKind, "api_key") || user.HasClaim("amr", "mfa"))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, "A second factor is required: enrol an authenticator at /api/account/two-factor."));
        }
        return Task.CompletedTask;
    }
}
