using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Routing;
using Permanence.Data;
using Permanence.Web.Http;
using Permanence.Web.Practices;
using Permanence.Web.Security;

namespace Permanence.Web.Routing;

public sealed record OnCallShiftServices(PermanenceDbContext Db, IClock Clock);

public sealed record OnCallShiftDto(Guid Id, Instant Start, Instant End, string Number, string Label, int Priority, Guid? PractitionerId);

/// <summary>The on-call roster of a practice (tableau de garde): staff read it, practice managers and administrators write it.</summary>
public static class OnCallShiftEndpoints
{
    public static IEndpointRouteBuilder MapOnCallShiftEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/practices/{practiceId:guid}/on-call-shifts").WithTags("Routing").RequirePracticeScope();
        group.MapGet("/", List).WithName("ListOnCallShifts").WithSummary("On-call shifts of the practice ending after a given instant (default: now)")
            .RequireAuthorization(Policies.Staff);
        group.MapPost("/", Create).WithName("CreateOnCallShift").WithSummary("Add an on-call shift").RequireAuthorization(Policies.PracticeConfiguration);
        group.MapDelete("/{shiftId:guid}", Delete).WithName("DeleteOnCallShift").WithSummary("Remove an on-call shift").RequireAuthorization(Policies.PracticeConfiguration);
        return routes;
    }

    private static async Task<Results<Ok<List<OnCallShiftDto>>, ProblemHttpResult>> List(Guid practiceId, [AsParameters] OnCallShiftServices s, PracticeSettings settings,
        CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        if (!await s.Db.Practices.AnyAsync(p => p.Id == id, ct))
        {
            return ErrorResults.NotFound("The practice");
        }
        return TypedResults.Ok((await settings.UpcomingOnCallShiftsAsync(id, ct)).Select(ToDto).ToList());
    }

    private static async Task<Results<Created<OnCallShiftDto>, ProblemHttpResult>> Create(Guid practiceId, OnCallShiftInput input, [AsParameters] OnCallShiftServices s,
        PracticeSettings settings, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        if (!await s.Db.Practices.AnyAsync(p => p.Id == id, ct))
        {
            return ErrorResults.NotFound("The practice");
        }
        var result = await settings.AddOnCallShiftAsync(id, input, ct);
        return result.Error is { } error ? error.ToProblem()
            : TypedResults.Created($"/api/practices/{practiceId}/on-call-shifts/{result.Value!.Id}", ToDto(result.Value));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid practiceId, Guid shiftId, PracticeSettings settings, CancellationToken ct) =>
        await settings.DeleteOnCallShiftAsync(new PracticeId(practiceId), shiftId, ct) ? TypedResults.NoContent() : ErrorResults.NotFound("The on-call shift");

    internal static OnCallShiftDto ToDto(StoredOnCallShift x) => new(x.Id, x.Start, x.End, x.Number, x.Label, x.Priority, x.PractitionerId?.Value);
}
