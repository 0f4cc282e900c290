using Permanence.Core.Common;
using Permanence.Data;
using Permanence.Web.Http;
using Permanence.Web.Scheduling;

namespace Permanence.Web.Security;

/// <summary>
/// Guards every route under <c>/api/practices/{practiceId}</c>: a practice outside the caller's assignments answers
/// 404, exactly like one that does not exist, so its existence is not revealed.
/// </summary>
internal static class PracticeScopeFilter
{
    public static RouteGroupBuilder RequirePracticeScope(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!Guid.TryParse(http.Request.RouteValues["practiceId"]?.ToString(), out var id))
            {
                return ErrorResults.NotFound("The practice");
            }
            var practiceId = new PracticeId(id);
            if (!http.User.CanSeePractice(practiceId))
            {
                return ErrorResults.NotFound("The practice");
            }
            // Through the rules cache: a practice that exists stays in it, so most requests skip the query.
            var db = http.RequestServices.GetRequiredService<Lazy<PermanenceDbContext>>();
            var rules = http.RequestServices.GetRequiredService<PracticeRulesCache>();
            if (await rules.GetAsync(db, practiceId, http.RequestAborted) is null)
            {
                return ErrorResults.NotFound("The practice");
            }
            return await next(context);
        });
        return group;
    }
}
