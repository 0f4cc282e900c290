using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Permanence.Data;

namespace Permanence.Web.Security;

/// <summary>Authenticates <c>Authorization: Bearer &lt;api key&gt;</c> against the hashed, non-revoked keys (through <see cref="ApiKeyCache"/>).</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    Lazy<PermanenceDbContext> db,
    ApiKeyCache keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryReadBearer(Request, out var secret))
        {
            return AuthenticateResult.NoResult();
        }
        var key = await keys.FindAsync(db, ApiKeySecrets.Hash(secret), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        // A new identity per request: the cached claims are copied into it, never shared between principals.
        var principal = new ClaimsPrincipal(new ClaimsIdentity(key.Claims, SchemeName));
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
