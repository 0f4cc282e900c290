using System.Security.Claims;
using Permanence.Data.Audit;

namespace Permanence.Web.Security;

/// <summary>
/// The audit actor of the current request or console circuit: the signed-in user or API key, and the client address.
/// </summary>
internal sealed class HttpAuditActor(IHttpContextAccessor accessor, ConsolePrincipal console) : IAuditActor
{
    private ClaimsPrincipal? User => (console.User ?? accessor.HttpContext?.User) is { Identity.IsAuthenticated: true } user ? user : null;

    public string Kind => User?.FindFirstValue(PermanenceClaims.ActorKind) ?? "anonymous";
    public string? Id => User?.FindFirstValue(ClaimTypes.NameIdentifier);
    public string Name => User?.Identity?.Name ?? "anonymous";
    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
