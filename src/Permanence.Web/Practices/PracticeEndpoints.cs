using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Practices;

/// <summary>Dependencies of the practice configuration endpoints.</summary>
public sealed record PracticeServices(PermanenceDbContext Db, AuditTrail Audit, IClock Clock);

/// <summary>Practices: list, read, create, update, delete, and the weekly opening hours.</summary>
public static class PracticeEndpoints
{
    public static IEndpointRouteBuilder MapPracticeEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/practices").WithTags("Practices");
        api.MapGet("/", ListPractices).WithName("ListPractices").WithSummary("Practices visible to the caller").RequireAuthorization(Policies.Staff);
        api.MapPost("/", CreatePractice).WithName("CreatePractice").WithSummary("Create a practice").RequireAuthorization(Policies.Administration);

        var practice = routes.MapGroup("/api/practices/{practiceId:guid}").WithTags("Practices").RequirePracticeScope();
        practice.MapGet("/", GetPractice).WithName("GetPractice").WithSummary("A practice with its hours, closures and playbook").RequireAuthorization(Policies.Staff);
        practice.MapPut("/", UpdatePractice).WithName("UpdatePractice").WithSummary("Update a practice's settings").RequireAuthorization(Policies.PracticeConfiguration);
        practice.MapDelete("/", DeletePractice).WithName("DeletePractice").WithSummary("Delete a practice that has no patients").RequireAuthorization(Policies.Administration);
        practice.MapPut("/opening-hours", ReplaceOpeningHours).WithName("ReplaceOpeningHours").WithSummary("Replace the weekly opening hours").RequireAuthorization(Policies.PracticeConfiguration);

        practice.MapPlaybookEndpoints();
        practice.MapPractitionerEndpoints();
        practice.MapAppointmentTypeEndpoints();
        return routes;
    }

    private static async Task<Ok<List<PracticeSummaryDto>>> ListPractices([AsParameters] PracticeServices s, CancellationToken ct)
    {
        var practices = await s.Db.Practices.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        return TypedResults.Ok(practices.Select(p => p.ToSummary()).ToList());
    }

    private static async Task<Results<Ok<PracticeDto>, ProblemHttpResult>> GetPractice(Guid practiceId, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var practice = await LoadAsync(s.Db, new PracticeId(practiceId), tracked: false, ct);
        return practice is null ? ErrorResults.NotFound("The practice") : TypedResults.Ok(practice.ToDto());
    }

    private static async Task<Results<Created<PracticeDto>, ProblemHttpResult>> CreatePractice(PracticeInput input, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var result = PracticeValidation.Apply(input);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var practice = result.Value!;
        if (await NumberTakenAsync(s.Db, practice, ct) is { } taken)
        {
            return taken.ToProblem();
        }
        practice.CreatedAt = s.Clock.GetCurrentInstant();
        s.Db.Practices.Add(practice);
        s.Audit.Record("practice.create", practice.Id, "practice", practice.Id.ToString(), practice.Name);
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/practices/{practice.Id}", practice.ToDto());
    }

    private static async Task<Results<Ok<PracticeDto>, ProblemHttpResult>> UpdatePractice(Guid practiceId, PracticeInput input, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var practice = await LoadAsync(s.Db, new PracticeId(practiceId), tracked: true, ct);
        if (practice is null)
        {
            return ErrorResults.NotFound("The practice");
        }
        var result = PracticeValidation.Apply(input, practice);
        if (result.Error is { } error)
        {
            s.Db.ChangeTracker.Clear();
            return error.ToProblem();
        }
        if (await NumberTakenAsync(s.Db, practice, ct) is { } taken)
        {
            s.Db.ChangeTracker.Clear();
            return taken.ToProblem();
        }
        s.Audit.Record("practice.update", practice.Id, "practice", practice.Id.ToString());
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(practice.ToDto());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeletePractice(Guid practiceId, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        if (await s.Db.Patients.AnyAsync(p => p.PracticeId == id, ct))
        {
            return new ConflictError("A practice with patients cannot be deleted; erase or export its patients first.").ToProblem();
        }
        var practice = await s.Db.Practices.SingleAsync(p => p.Id == id, ct);
        s.Db.Practices.Remove(practice);
        s.Audit.Record("practice.delete", id, "practice", id.ToString(), practice.Name);
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<OpeningHoursDto>>, ProblemHttpResult>> ReplaceOpeningHours(
        Guid practiceId, List<OpeningHoursInput>? ranges, PracticeSettings settings, CancellationToken ct)
    {
        var result = await settings.ReplaceOpeningHoursAsync(new PracticeId(practiceId), ranges, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value!.Select(r => r.ToDto()).ToList());
    }

    internal static Task<Practice?> LoadAsync(PermanenceDbContext db, PracticeId id, bool tracked, CancellationToken ct)
    {
        var query = db.Practices.Include(p => p.OpeningHours).Include(p => p.Closures).Include(p => p.Playbook).AsSplitQuery();
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == id, ct);
    }

    /// <summary>A dialed number must lead to exactly one practice, or calls could not be routed.</summary>
    private static async Task<ConflictError?> NumberTakenAsync(PermanenceDbContext db, Practice practice, CancellationToken ct)
    {
        string[] numbers = practice.UrgentNumber is null ? [practice.RoutineNumber] : [practice.RoutineNumber, practice.UrgentNumber];
        var taken = await db.Practices.IgnoreQueryFilters().AnyAsync(p => p.Id != practice.Id
            && (numbers.Contains(p.RoutineNumber) || (p.UrgentNumber != null && numbers.Contains(p.UrgentNumber))), ct);
        return taken ? new ConflictError("This phone number already belongs to another practice.") : null;
    }
}
