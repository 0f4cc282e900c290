using Microsoft.AspNetCore.Http.HttpResults;
using Permanence.Data;

namespace Permanence.Web.Health;

public sealed record HealthDto(string Status);

/// <summary>Liveness and readiness probes; the only routes, with signed webhooks, that need no credentials.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", () => TypedResults.Ok(new HealthDto("healthy")))
            .WithTags("Health").WithName("Health").WithSummary("Liveness: the process answers").AllowAnonymous();
        routes.MapGet("/ready", Ready)
            .WithTags("Health").WithName("Ready").WithSummary("Readiness: the database is reachable").AllowAnonymous();
        return routes;
    }

    private static async Task<Results<Ok<HealthDto>, ProblemHttpResult>> Ready(PermanenceDbContext db, CancellationToken ct) =>
        await db.Database.CanConnectAsync(ct)
            ? TypedResults.Ok(new HealthDto("ready"))
            : TypedResults.Problem(title: "Not ready", detail: "The database is not reachable.", statusCode: StatusCodes.Status503ServiceUnavailable);
}
