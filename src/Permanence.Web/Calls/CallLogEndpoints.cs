using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Data;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Calls;

/// <summary>Filters of the call log, all optional except the period.</summary>
public sealed record CallLogQuery(string? From, string? To, Guid? PatientId, Guid? AgentId, string? Category, string? Urgency, string? Outcome, int? Page, int? PageSize);

/// <summary>
/// The call log of a practice, one call in detail, and the CSV export. The export carries ids and codes only — no
/// names, birth dates or phone numbers — because a file leaves the audited system; staff read identities in the app.
/// </summary>
public static class CallLogEndpoints
{
    public static IEndpointRouteBuilder MapCallLogEndpoints(this IEndpointRouteBuilder routes)
    {
        var practice = routes.MapGroup("/api/practices/{practiceId:guid}").WithTags("Calls").RequirePracticeScope();
        practice.MapGet("/calls", List).WithName("ListCalls").WithSummary("Call log of the practice over a period, filtered and paged").RequireAuthorization(Policies.Staff);
        practice.MapGet("/calls.csv", Export).WithName("ExportCalls").WithSummary("Call log as CSV (ids and codes, no identities)").RequireAuthorization(Policies.Staff);
        practice.MapGet("/calls/{callId:guid}", Get).WithName("GetCall").WithSummary("One call with its steps, events, timings and corrections").RequireAuthorization(Policies.Staff);
        routes.MapGet("/api/telephony/unknown-number-calls", ListUnknownNumberCalls).WithTags("Telephony").WithName("ListUnknownNumberCalls")
            .WithSummary("Calls to numbers that match no practice line, over a period").RequireAuthorization(Policies.Administration);
        return routes;
    }

    private static async Task<Results<Ok<CallPage>, ProblemHttpResult>> List(Guid practiceId, [AsParameters] CallLogQuery query, CallLogService log, CancellationToken ct)
    {
        var page = await log.ListAsync(new PracticeId(practiceId), query, ct);
        return page.Error is { } error ? error.ToProblem() : TypedResults.Ok(page.Value!);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(Guid practiceId, [AsParameters] CallLogQuery query, CallLogService log,
        CancellationToken ct)
    {
        var csv = await log.ExportAsync(new PracticeId(practiceId), query, ct);
        return csv.Error is { } error
            ? error.ToProblem()
            : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv.Value!), "text/csv", $"calls-{practiceId}.csv");
    }

    private static async Task<Results<Ok<CallDetailDto>, ProblemHttpResult>> Get(Guid practiceId, Guid callId, CallLogService log, CancellationToken ct) =>
        await log.GetAsync(new PracticeId(practiceId), new CallId(callId), ct) is { } call ? TypedResults.Ok(call) : ErrorResults.NotFound("The call");

    private static async Task<Results<Ok<List<CallSummaryDto>>, ProblemHttpResult>> ListUnknownNumberCalls(string? from, string? to, PermanenceDbContext db, CancellationToken ct)
    {
        var period = CallPeriod.Parse(from, to);
        if (period.Error is { } error)
        {
            return error.ToProblem();
        }
        var (start, end) = (period.Value.From, period.Value.To);
        var calls = await db.Calls.AsNoTracking()
            .Where(c => c.PracticeId == null && c.StartedAt >= start && c.StartedAt < end)
            .OrderByDescending(c => c.StartedAt).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(calls.Select(c => c.ToSummary()).ToList());
    }
}

/// <summary>One line of the CSV export: ids, instants, seconds and codes; never a name or a phone number.</summary>
internal sealed record CallCsvRow(
    Guid CallId, Guid? PracticeId, string? Line, string StartedAt, string? AnsweredAt, string? EndedAt, string Outcome,
    int? WaitSeconds, int? TalkSeconds, int HoldSeconds, int? WrapUpSeconds, Guid? AgentId, Guid? PatientId,
    string? Category, string? Urgency, string? SuggestedCategory, string? SuggestedUrgency, string? Disposition)
{
    public static CallCsvRow From(Call c) => new(
        c.Id.Value, c.PracticeId?.Value, c.Line?.ToCode(), Iso(c.StartedAt), c.AnsweredAt is { } a ? Iso(a) : null, c.EndedAt is { } e ? Iso(e) : null,
        c.Outcome.ToCode(), c.WaitSeconds, c.TalkSeconds, c.HoldSeconds, c.WrapUpSeconds, c.AgentId?.Value, c.PatientId?.Value,
        c.Category?.ToCode(), c.Urgency?.ToCode(), c.SuggestedCategory?.ToCode(), c.SuggestedUrgency?.ToCode(), c.Disposition?.ToCode());

    private static string Iso(NodaTime.Instant instant) => NodaTime.Text.InstantPattern.ExtendedIso.Format(instant);
}
