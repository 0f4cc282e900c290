using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Quality;
using Permanence.Core.Staff;
using Permanence.Web.Calls;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Quality;

/// <summary>The figures of docs/kpis.md as JSON; rates are 0–1, or null when their denominator is zero.</summary>
public sealed record KpiDto(
    Guid? PracticeId,
    Instant From,
    Instant To,
    string? Line,
    string TimeZone,
    int Offered,
    int OfferedInServiceHours,
    int Answered,
    double? PickUpRate,
    double NationalPickUpReference,
    double? ServiceLevel,
    double? AverageSpeedOfAnswerSeconds,
    int AbandonedShort,
    int AbandonedLong,
    double? AbandonmentRate,
    double? AverageHandlingSeconds,
    int Missed,
    double? RepeatCallRate,
    double? CallbackRate,
    double? SchedulingErrorRate,
    IReadOnlyDictionary<string, int> ByCategory,
    IReadOnlyDictionary<string, int> ByUrgency,
    int[][] Heatmap,
    double? AfterHoursShare,
    double? AverageSatisfaction,
    double? SatisfiedShare,
    int SurveyResponses)
{
    /// <summary>Pick-up rate of medical practices in France, 2025 (77.6 % in 2023).</summary>
    public const double NationalReference = 0.86;

    public static KpiDto Of(KpiReport r, Guid? practiceId, CallPeriod period, string? line, DateTimeZone zone) => new(
        practiceId, period.From, period.To, line, zone.Id, r.Offered, r.OfferedInServiceHours, r.Answered, r.PickUpRate, NationalReference,
        r.ServiceLevel, r.AverageSpeedOfAnswerSeconds, r.AbandonedShort, r.AbandonedLong, r.AbandonmentRate, r.AverageHandlingSeconds,
        r.Missed, r.RepeatCallRate, r.CallbackRate, r.SchedulingErrorRate, r.ByCategory, r.ByUrgency, r.HeatmapByWeekdayAndHour,
        r.AfterHoursShare, r.AverageSatisfaction, r.SatisfiedShare, r.SurveyResponses);
}

/// <summary>One secretary's line: the calls they answered for the practice in the period.</summary>
public sealed record AgentKpiDto(
    Guid AgentId,
    int Answered,
    double? AverageSpeedOfAnswerSeconds,
    double? AverageHandlingSeconds,
    double? CallbackRate,
    IReadOnlyDictionary<string, int> ByCategory,
    IReadOnlyDictionary<string, int> ByUrgency,
    double? AverageSatisfaction,
    int SurveyResponses);

public sealed record AgentKpisDto(Guid PracticeId, Instant From, Instant To, List<AgentKpiDto> Agents);

public sealed record KpiServices(KpiService Kpis, HttpContext Http);

/// <summary>
/// Quality figures per practice, per secretary and for the whole secretariat. Who reads what: administrators,
/// supervisors, practice managers and practitioners read a practice's figures and every secretary's line
/// (<see cref="Policies.QualityFigures"/>); a secretary reads only their own line; the secretariat-wide figures are
/// for administrators and supervisors (<see cref="Policies.Supervision"/>), over the practices they are assigned to.
/// </summary>
public static class KpiEndpoints
{
    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder routes)
    {
        var practice = routes.MapGroup("/api/practices/{practiceId:guid}").WithTags("Quality").RequirePracticeScope();
        practice.MapGet("/kpis", ForPractice).WithName("GetPracticeKpis")
            .WithSummary("Quality figures of the practice over a period, optionally of one line").RequireAuthorization(Policies.QualityFigures);
        practice.MapGet("/kpis/agents", ForAgents).WithName("GetAgentKpis")
            .WithSummary("Figures per secretary; a secretary sees only their own line").RequireAuthorization(Policies.Staff);
        routes.MapGet("/api/kpis", ForSecretariat).WithTags("Quality").WithName("GetSecretariatKpis")
            .WithSummary("Quality figures over every practice the caller sees").RequireAuthorization(Policies.Supervision);
        return routes;
    }

    private static async Task<Results<Ok<KpiDto>, ProblemHttpResult>> ForPractice(Guid practiceId, string? from, string? to, string? line, [AsParameters] KpiServices s, CancellationToken ct)
    {
        var period = CallPeriod.Parse(from, to);
        var errors = Collect(period);
        var callLine = CallCodes.TryLine(line);
        errors.Require(string.IsNullOrWhiteSpace(line) || callLine is not null, "line", $"Expected one of: {CallCodes.AllCodes<CallLine>(CallCodes.ToCode)}.");
        if (errors.HasErrors)
        {
            return errors.ToError("The query is invalid.").ToProblem();
        }
        var id = new PracticeId(practiceId);
        var (report, zone) = await s.Kpis.ForPracticeAsync(id, period.Value, callLine, ct);
        return TypedResults.Ok(KpiDto.Of(report, practiceId, period.Value, callLine?.ToCode(), zone));
    }

    private static async Task<Results<Ok<AgentKpisDto>, ProblemHttpResult>> ForAgents(Guid practiceId, string? from, string? to, [AsParameters] KpiServices s, CancellationToken ct)
    {
        var period = CallPeriod.Parse(from, to);
        if (period.Error is { } error)
        {
            return error.ToProblem();
        }
        var include = AgentFilter(s.Http.User);
        var lines = await s.Kpis.ForAgentsAsync(new PracticeId(practiceId), period.Value, include, ct);
        return TypedResults.Ok(new AgentKpisDto(practiceId, period.Value.From, period.Value.To, [.. lines.Select(l => new AgentKpiDto(
            l.Agent.Value, l.Report.Answered, l.Report.AverageSpeedOfAnswerSeconds, l.Report.AverageHandlingSeconds, l.Report.CallbackRate,
            l.Report.ByCategory, l.Report.ByUrgency, l.Report.AverageSatisfaction, l.Report.SurveyResponses))]));
    }

    private static async Task<Results<Ok<KpiDto>, ProblemHttpResult>> ForSecretariat(string? from, string? to, [AsParameters] KpiServices s, CancellationToken ct)
    {
        var period = CallPeriod.Parse(from, to);
        if (period.Error is { } error)
        {
            return error.ToProblem();
        }
        var report = await s.Kpis.ForSecretariatAsync(period.Value, ct);
        return TypedResults.Ok(KpiDto.Of(report, null, period.Value, null, KpiService.SecretariatZone));
    }

    /// <summary>
    /// Readers of quality figures see every secretary; anyone else (secretaries) only the calls they answered
    /// themselves, as a signed-in person — an API key is not a secretary and sees no line.
    /// </summary>
    private static Func<StaffUserId, bool> AgentFilter(ClaimsPrincipal user)
    {
        if (Policies.RolesByPolicy[Policies.QualityFigures].Any(user.IsInRole))
        {
            return _ => true;
        }
        if (user.HasClaim(PermanenceClaims.ActorKind, "user") && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var self))
        {
            return agent => agent.Value == self;
        }
        return _ => false;
    }

    private static ValidationErrors Collect(Result<CallPeriod> period)
    {
        var errors = new ValidationErrors();
        if (period.Error is ValidationError invalid)
        {
            foreach (var (field, messages) in invalid.Fields)
            {
                foreach (var message in messages)
                {
                    errors.Add(field, message);
                }
            }
        }
        return errors;
    }
}
