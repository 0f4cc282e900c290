using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Data;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Audit;

public sealed record AuditEntryDto(long Id, Instant At, string ActorKind, string? ActorId, string ActorName, Guid? PracticeId,
    string Action, string? EntityType, string? EntityId, string Detail, string? IpAddress);

/// <summary>Read access to the audit trail, for administrators only.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/audit", Query).WithTags("Audit").WithName("QueryAuditTrail")
            .WithSummary("Audit entries, newest first, filtered by practice, period, action prefix or actor")
            .RequireAuthorization(Policies.Administration);
        return routes;
    }

    private static async Task<Results<Ok<List<AuditEntryDto>>, ProblemHttpResult>> Query(
        PermanenceDbContext db, Guid? practiceId, string? from, string? to, string? action, string? actor, long? before, int? limit, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var fromInstant = InstantParsing.Optional(errors, "from", from);
        var toInstant = InstantParsing.Optional(errors, "to", to);
        errors.Require(limit is null or >= 1 and <= 1000, "limit", "Limit must be between 1 and 1000.");
        errors.RequireNoControlCharacters("action", action);
        errors.RequireNoControlCharacters("actor", actor);
        if (fromInstant is not null && toInstant is not null)
        {
            errors.Require(fromInstant < toInstant, "to", "'to' must be after 'from'.");
        }
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }

        var query = db.AuditEntries.AsNoTracking();
        if (practiceId is { } p)
        {
            var id = new PracticeId(p);
            query = query.Where(e => e.PracticeId == id);
        }
        if (fromInstant is { } f)
        {
            query = query.Where(e => e.At >= f);
        }
        if (toInstant is { } t)
        {
            query = query.Where(e => e.At < t);
        }
        if (!string.IsNullOrWhiteSpace(action))
        {
            query = query.Where(e => e.Action.StartsWith(action));
        }
        if (!string.IsNullOrWhiteSpace(actor))
        {
            query = query.Where(e => e.ActorName == actor || e.ActorId == actor);
        }
        if (before is { } b)
        {
            query = query.Where(e => e.Id < b);
        }
        var entries = await query.OrderByDescending(e => e.Id).Take(limit ?? 100).ToListAsync(ct);
        return TypedResults.Ok(entries.Select(e => new AuditEntryDto(e.Id, e.At, e.ActorKind, e.ActorId, e.ActorName, e.PracticeId?.Value,
            e.Action, e.EntityType, e.EntityId, e.Detail, e.IpAddress)).ToList());
    }
}
