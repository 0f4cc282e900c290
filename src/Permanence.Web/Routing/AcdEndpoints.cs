using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Permanence.Core.Common;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Routing;

/// <summary>
/// The secretary's own distributor state, and the supervisors' view of the queues. A supervisor sees the queues of
/// the practices they are assigned to; administrators see every practice.
/// </summary>
public static class AcdEndpoints
{
    public static IEndpointRouteBuilder MapAcdEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/agents/me/state", GetState).WithTags("Routing").RequireAuthorization(Policies.Staff)
            .WithName("GetMyAgentState").WithSummary("The signed-in secretary's distributor state");
        routes.MapPut("/api/agents/me/state", SetState).WithTags("Routing").RequireAuthorization(Policies.Staff)
            .WithName("SetMyAgentState").WithSummary("Set the signed-in secretary's state: available, break or offline");
        routes.MapGet("/api/supervision/queues", Queues).WithTags("Routing").RequireAuthorization(Policies.Supervision)
            .WithName("GetSupervisionQueues").WithSummary("Queues (practice × line) with waiting calls and expected wait, and the secretaries' states");
        return routes;
    }

    private static async Task<Results<Ok<AgentStateDto>, ProblemHttpResult>> GetState(ClaimsPrincipal user, AcdService acd, CancellationToken ct) =>
        Self(user) is { } agent
            ? TypedResults.Ok(await acd.GetMyStateAsync(agent, ct))
            : NotAnAgent();

    private static async Task<Results<Ok<AgentStateDto>, ProblemHttpResult>> SetState(AgentStateInput input, ClaimsPrincipal user, AcdService acd, CancellationToken ct)
    {
        if (Self(user) is not { } agent)
        {
            return NotAnAgent();
        }
        if (AgentStateCodes.Parse(input.State) is not { } state)
        {
            return ValidationError.For("state", "Expected available, break or offline.").ToProblem();
        }
        var result = await acd.SetStateAsync(agent, state, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value!);
    }

    private static async Task<Ok<QueueSnapshotDto>> Queues(ClaimsPrincipal user, AcdService acd, CancellationToken ct) =>
        TypedResults.Ok(await acd.QueueSnapshotAsync(user.IsAdministrator() ? null : user.AssignedPractices(), ct));

    /// <summary>A signed-in staff member; an API key is not a secretary.</summary>
    private static StaffUserId? Self(ClaimsPrincipal user) =>
        user.HasClaim(PermanenceClaims.ActorKind, "user") && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? new StaffUserId(id)
            : null;

    /// <summary>An API key is allowed in but is no secretary: there is no state to read or set.</summary>
    private static ProblemHttpResult NotAnAgent() => ErrorResults.NotFound("An agent state for an API key (only signed-in staff members have one)");
}
