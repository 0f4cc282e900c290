using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Staff;
using Permanence.Data;

namespace Permanence.Web.Security;

/// <summary>Authenticates <c>Authorization: Bearer &lt;api key&gt;</c> against the hashed, non-revoked keys.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PermanenceDbContext db,
    IClock clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryReadBearer(Request, out var secret))
        {
            return AuthenticateResult.NoResult();
        }
        var hash = ApiKeySecrets.Hash(secret);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Hash == hash, Context.RequestAborted);
        if (key is null || key.RevokedAt is not null || StaffRoles.TryParse(key.Role) is not { } role)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var now = clock.GetCurrentInstant();
        // Touch at most once a minute so a busy connector does not turn every request into a write.
        if (key.LastUsedAt is null || now - key.LastUsedAt.Value > Duration.FromMinutes(1))
        {
            await db.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, key.Id.ToString()),
            new(ClaimTypes.Name, $"api-key:{key.Name}"),
            new(ClaimTypes.Role, role.ToCode()),
            new(PermanenceClaims.ActorKind, "api_key"),
            .. key.PracticeIds.Select(p => new Claim(PermanenceClaims.Practice, p.Value.ToString())),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    internal static bool TryReadBearer(HttpRequest request, out string secret)
    {
        secret = "";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        secret = header["Bearer ".Length..].Trim();
        return secret.Length > 0;
    }
}
