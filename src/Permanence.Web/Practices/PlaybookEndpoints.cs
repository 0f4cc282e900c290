using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Practices;

/// <summary>Dated closures and the FAQ playbook of a practice.</summary>
public static class PlaybookEndpoints
{
    public static RouteGroupBuilder MapPlaybookEndpoints(this RouteGroupBuilder practice)
    {
        practice.MapGet("/closures", ListClosures).WithName("ListClosures").WithSummary("Dated closures of the practice").RequireAuthorization(Policies.Staff);
        practice.MapPost("/closures", AddClosure).WithName("AddClosure").WithSummary("Add a dated closure").RequireAuthorization(Policies.PracticeConfiguration);
        practice.MapDelete("/closures/{closureId:guid}", DeleteClosure).WithName("DeleteClosure").WithSummary("Remove a dated closure").RequireAuthorization(Policies.PracticeConfiguration);

        practice.MapGet("/playbook", ListPlaybook).WithName("ListPlaybookEntries").WithSummary("FAQ entries of the practice").RequireAuthorization(Policies.Staff);
        practice.MapPost("/playbook", AddPlaybookEntry).WithName("AddPlaybookEntry").WithSummary("Add an FAQ entry").RequireAuthorization(Policies.PracticeConfiguration);
        practice.MapPut("/playbook/{entryId:guid}", UpdatePlaybookEntry).WithName("UpdatePlaybookEntry").WithSummary("Update an FAQ entry").RequireAuthorization(Policies.PracticeConfiguration);
        practice.MapDelete("/playbook/{entryId:guid}", DeletePlaybookEntry).WithName("DeletePlaybookEntry").WithSummary("Remove an FAQ entry").RequireAuthorization(Policies.PracticeConfiguration);
        return practice;
    }

    private static async Task<Ok<List<ClosureDto>>> ListClosures(Guid practiceId, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var closures = await s.Db.PracticeClosures.AsNoTracking().Where(c => c.PracticeId == id).ToListAsync(ct);
        return TypedResults.Ok(closures.OrderBy(c => c.FirstDay).Select(c => c.ToDto()).ToList());
    }

    private static async Task<Results<Created<ClosureDto>, ProblemHttpResult>> AddClosure(Guid practiceId, ClosureInput input, PracticeSettings settings, CancellationToken ct)
    {
        var result = await settings.AddClosureAsync(new PracticeId(practiceId), input, ct);
        return result.Error is { } error ? error.ToProblem()
            : TypedResults.Created($"/api/practices/{practiceId}/closures/{result.Value!.Id}", result.Value!.ToDto());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteClosure(Guid practiceId, Guid closureId, PracticeSettings settings, CancellationToken ct) =>
        await settings.DeleteClosureAsync(new PracticeId(practiceId), closureId, ct) ? TypedResults.NoContent() : ErrorResults.NotFound("The closure");

    private static async Task<Ok<List<PlaybookEntryDto>>> ListPlaybook(Guid practiceId, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var entries = await s.Db.PlaybookEntries.AsNoTracking().Where(e => e.PracticeId == id).ToListAsync(ct);
        return TypedResults.Ok(entries.OrderBy(e => e.Order).ThenBy(e => e.Question, StringComparer.Ordinal).Select(e => e.ToDto()).ToList());
    }

    private static async Task<Results<Created<PlaybookEntryDto>, ProblemHttpResult>> AddPlaybookEntry(Guid practiceId, PlaybookEntryInput input, PracticeSettings settings, CancellationToken ct)
    {
        var result = await settings.AddPlaybookEntryAsync(new PracticeId(practiceId), input, ct);
        return result.Error is { } error ? error.ToProblem()
            : TypedResults.Created($"/api/practices/{practiceId}/playbook/{result.Value!.Id}", result.Value!.ToDto());
    }

    private static async Task<Results<Ok<PlaybookEntryDto>, ProblemHttpResult>> UpdatePlaybookEntry(Guid practiceId, Guid entryId, PlaybookEntryInput input, PracticeSettings settings, CancellationToken ct)
    {
        var result = await settings.UpdatePlaybookEntryAsync(new PracticeId(practiceId), entryId, input, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value!.ToDto());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeletePlaybookEntry(Guid practiceId, Guid entryId, PracticeSettings settings, CancellationToken ct) =>
        await settings.DeletePlaybookEntryAsync(new PracticeId(practiceId), entryId, ct) ? TypedResults.NoContent() : ErrorResults.NotFound("The playbook entry");

}
