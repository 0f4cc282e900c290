using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Routing;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Routing;

public sealed record OnCallShiftServices(PermanenceDbContext Db, IClock Clock, AuditTrail Audit);

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

    private static async Task<Results<Ok<List<OnCallShiftDto>>, ProblemHttpResult>> List(Guid practiceId, [AsParameters] OnCallShiftServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        if (!await s.Db.Practices.AnyAsync(p => p.Id == id, ct))
        {
            return ErrorResults.NotFound("The practice");
        }
        var now = s.Clock.GetCurrentInstant();
        var shifts = await s.Db.OnCallShifts.AsNoTracking().Where(x => x.PracticeId == id && x.End > now).ToListAsync(ct);
        return TypedResults.Ok(shifts.OrderBy(x => x.Start).ThenBy(x => x.Priority).Select(ToDto).ToList());
    }

    private static async Task<Results<Created<OnCallShiftDto>, ProblemHttpResult>> Create(Guid practiceId, OnCallShiftInput input, [AsParameters] OnCallShiftServices s,
        CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        if (!await s.Db.Practices.AnyAsync(p => p.Id == id, ct))
        {
            return ErrorResults.NotFound("The practice");
        }
        var practitionerExists = input.PractitionerId is { } practitioner
            && await s.Db.Practitioners.AnyAsync(p => p.Id == new PractitionerId(practitioner) && p.PracticeId == id, ct);
        var validated = OnCallShiftValidation.Validate(input, id, practitionerExists, s.Clock.GetCurrentInstant());
        if (validated.Error is { } error)
        {
            return error.ToProblem();
        }
        s.Db.OnCallShifts.Add(validated.Value!);
        s.Audit.Record("on_call_shift.create", id, "on_call_shift", validated.Value!.Id.ToString(),
            $"{validated.Value.Label} {validated.Value.Start}–{validated.Value.End} priority {validated.Value.Priority}");
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/practices/{practiceId}/on-call-shifts/{validated.Value!.Id}", ToDto(validated.Value));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid practiceId, Guid shiftId, [AsParameters] OnCallShiftServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var shift = await s.Db.OnCallShifts.FirstOrDefaultAsync(x => x.Id == shiftId && x.PracticeId == id, ct);
        if (shift is null)
        {
            return ErrorResults.NotFound("The on-call shift");
        }
        s.Db.OnCallShifts.Remove(shift);
        s.Audit.Record("on_call_shift.delete", id, "on_call_shift", shift.Id.ToString(), $"{shift.Label} {shift.Start}–{shift.End}");
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The window: from defaults to now, to to 14 days later; at most 92 days; to after from.</summary>
    private static async Task<Results<Ok<List<CoverageGapDto>>, ProblemHttpResult>> Gaps(Guid practiceId, string? from, string? to,
        [AsParameters] OnCallShiftServices s, CancellationToken ct)
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
        var id = new PracticeId(practiceId);
        var practice = await s.Db.Practices.AsNoTracking().Include(p => p.OpeningHours).Include(p => p.Closures).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (practice is null)
        {
            return ErrorResults.NotFound("The practice");
        }
        var shifts = await s.Db.OnCallShifts.AsNoTracking().Where(x => x.PracticeId == id && x.End > start && x.Start < end).ToListAsync(ct);
        var gaps = OnCallRoster.Gaps(shifts.Select(x => x.ToShift()), AfterHours.Periods(practice, start, end));
        return TypedResults.Ok(gaps.Select(g => new CoverageGapDto(g.Start, g.End, (int)(g.End - g.Start).TotalMinutes)).ToList());
    }

    private const int MaxGapWindowDays = 92;

    private static OnCallShiftDto ToDto(StoredOnCallShift x) => new(x.Id, x.Start, x.End, x.Number, x.Label, x.Priority, x.PractitionerId?.Value);
}
