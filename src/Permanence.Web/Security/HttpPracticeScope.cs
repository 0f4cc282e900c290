using System.Security.Claims;
using Permanence.Core.Common;
using Permanence.Data.Scope;

namespace Permanence.Web.Security;

/// <summary>
/// The practice scope of the current caller: the console circuit's user, else the HTTP request's user; with neither
/// (start-up, jobs) it is the system scope.
/// </summary>
internal sealed class HttpPracticeScope(IHttpContextAccessor accessor, ConsolePrincipal console) : IPracticeScope
{
    private ClaimsPrincipal? User => console.User ?? accessor.HttpContext?.User;

    public bool SeesAllPractices => User is not { Identity.IsAuthenticated: true } user || user.IsAdministrator();

    public IReadOnlyCollection<PracticeId> PracticeIds => User?.AssignedPractices() ?? [];
}
