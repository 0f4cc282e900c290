using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Practices;

/// <summary>Practitioners of a practice. Removing one deactivates it, so past agendas and messages keep their owner.</summary>
public static class PractitionerEndpoints
{
    public static RouteGroupBuilder MapPractitionerEndpoints(this RouteGroupBuilder practice)
    {
        practice.MapGet("/practitioners", List).WithName("ListPractitioners").WithSummary("Practitioners of the practice").RequireAuthorization(Policies.Staff);
        practice.MapGet("/practitioners/{practitionerId:guid}", Get).WithName("GetPractitioner").WithSummary("One practitioner").RequireAuthorization(Policies.Staff);
        practice.MapPost("/practitioners", Create).WithName("CreatePractitioner").WithSummary("Add a practitioner").RequireAuthorization(Policies.PracticeConfiguration);
        practice.MapPut("/practitioners/{practitionerId:guid}", Update).WithName("UpdatePractitioner").WithSummary("Update a practitioner").RequireAuthorization(Policies.PracticeConfiguration);
        practice.MapDelete("/practitioners/{practitionerId:guid}", Deactivate).WithName("DeactivatePractitioner").WithSummary("Deactivate a practitioner").RequireAuthorization(Policies.PracticeConfiguration);
        return practice;
    }

    private static async Task<Ok<List<PractitionerDto>>> List(Guid practiceId, bool? includeInactive, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var practitioners = await s.Db.Practitioners.AsNoTracking()
            .Where(p => p.PracticeId == id && (includeInactive == true || p.IsActive))
            .OrderBy(p => p.DisplayName).ToListAsync(ct);
        return TypedResults.Ok(practitioners.Select(p => p.ToDto()).ToList());
    }

    private static async Task<Results<Ok<PractitionerDto>, ProblemHttpResult>> Get(Guid practiceId, Guid practitionerId, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var practitioner = await FindAsync(s, practiceId, practitionerId, ct);
        return practitioner is null ? ErrorResults.NotFound("The practitioner") : TypedResults.Ok(practitioner.ToDto());
    }

    private static async Task<Results<Created<PractitionerDto>, ProblemHttpResult>> Create(Guid practiceId, PractitionerInput input, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var result = PracticeValidation.Apply(input, new PracticeId(practiceId));
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var practitioner = result.Value!;
        practitioner.CreatedAt = s.Clock.GetCurrentInstant();
        s.Db.Practitioners.Add(practitioner);
        s.Audit.Record("practitioner.create", practitioner.PracticeId, "practitioner", practitioner.Id.ToString(), practitioner.DisplayName);
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/practices/{practiceId}/practitioners/{practitioner.Id}", practitioner.ToDto());
    }

    private static async Task<Results<Ok<PractitionerDto>, ProblemHttpResult>> Update(Guid practiceId, Guid practitionerId, PractitionerInput input, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var practitioner = await FindAsync(s, practiceId, practitionerId, ct);
        if (practitioner is null)
        {
            return ErrorResults.NotFound("The practitioner");
        }
        var result = PracticeValidation.Apply(input, practitioner.PracticeId, practitioner);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        s.Audit.Record("practitioner.update", practitioner.PracticeId, "practitioner", practitioner.Id.ToString());
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(practitioner.ToDto());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Deactivate(Guid practiceId, Guid practitionerId, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var practitioner = await FindAsync(s, practiceId, practitionerId, ct);
        if (practitioner is null)
        {
            return ErrorResults.NotFound("The practitioner");
        }
        practitioner.IsActive = false;
        s.Audit.Record("practitioner.deactivate", practitioner.PracticeId, "practitioner", practitioner.Id.ToString());
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static Task<Practitioner?> FindAsync(PracticeServices s, Guid practiceId, Guid practitionerId, CancellationToken ct)
    {
        var practice = new PracticeId(practiceId);
        var id = new PractitionerId(practitionerId);
        return s.Db.Practitioners.SingleOrDefaultAsync(p => p.PracticeId == practice && p.Id == id, ct);
    }
}
