using Permanence.Core.Common;
using Permanence.Data.Scope;

namespace Permanence.Web.Security;

/// <summary>The practice scope of the current HTTP caller; outside a request (start-up, jobs) it is the system scope.</summary>
internal sealed class HttpPracticeScope(IHttpContextAccessor accessor) : IPracticeScope
{
    public bool SeesAllPractices => accessor.HttpContext?.User is not { Identity.IsAuthenticated: true } user || user.IsAdministrator();

    public IReadOnlyCollection<PracticeId> PracticeIds => accessor.HttpContext?.User.AssignedPractices() ?? [];
}
