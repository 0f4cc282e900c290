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

/// <summary>A stretch of after-hours time no on-call shift covers.</summary>
public sealed record CoverageGapDto(Instant Start, Instant End, int Minutes);

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
        routes.MapGroup("/api/practices/{practiceId:guid}/on-call-gaps").WithTags("Routing").RequirePracticeScope()
            .MapGet("", Gaps).RequireAuthorization(Policies.OnCallCoverage).WithName("ListOnCallGaps")
            .WithSummary("After-hours periods of the practice that no on-call shift covers, between from (default now) and to (default 14 days later)");
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

    /// <summary>The window: from defaults to now, to to 14 days later; at most 92 days; to after from.</summary>
    private static async Task<Results<Ok<List<CoverageGapDto>>, ProblemHttpResult>> Gaps(Guid practiceId, string? from, string? to,
        [AsParameters] OnCallShiftServices s, PracticeSettings settings, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var start = InstantParsing.Optional(errors, "from", from) ?? s.Clock.GetCurrentInstant();
        var end = InstantParsing.Optional(errors, "to", to) ?? start + Duration.FromDays(14);
        if (!errors.HasErrors && errors.Require(end > start, "to", "'to' must be after 'from'."))
        {
            errors.Require(end - start <= Duration.FromDays(MaxGapWindowDays), "to", $"The window is at most {MaxGapWindowDays} days.");
        }
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }
        if (await settings.OnCallGapsAsync(new PracticeId(practiceId), start, end, ct) is not { } gaps)
        {
            return ErrorResults.NotFound("The practice");
        }
        return TypedResults.Ok(gaps.Select(g => new CoverageGapDto(g.Start, g.End, (int)(g.End - g.Start).TotalMinutes)).ToList());
    }

    private const int MaxGapWindowDays = 92;

    internal static OnCallShiftDto ToDto(StoredOnCallShift x) => new(x.Id, x.Start, x.End, x.Number, x.Label, x.Priority, x.PractitionerId?.Value);
}
