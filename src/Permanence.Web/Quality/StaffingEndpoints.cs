using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Quality;
using Permanence.Data;
using Permanence.Data.Quality;
using Permanence.Web.Calls;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Quality;

public sealed record StaffingHourDto(string Day, int Hour, double CallsPerHour, double Erlangs, int Agents,
    double ServiceLevel, double AverageSpeedOfAnswerSeconds, double AbandonmentRate);

/// <param name="HandlingSecondsFromHistory">False when no answered call was found and the default handling time was used.</param>
/// <param name="PracticesWithShortHistory">Practices whose calls cover less than 14 days of the window (averaged over what they have).</param>
public sealed record StaffingDto(
    Instant From, Instant To, string TimeZone, double TargetSeconds, double TargetServiceLevel,
    int Calls, int Answered, double AverageHandlingSeconds, bool HandlingSecondsFromHistory,
    int SecretaryHoursPerWeek, List<StaffingHourDto> Hours, List<Guid> PracticesWithShortHistory);

/// <summary>
/// Secretaries needed per hour of the week from the call history of the practices the caller sees: the arrival
/// profile averaged over at least two weeks, the average handling time of the same calls, Erlang C and A.
/// </summary>
public static class StaffingEndpoints
{
    /// <summary>Used when the window holds no answered call (3 minutes, the usual medical call).</summary>
    public const double DefaultHandlingSeconds = 180;

    public static IEndpointRouteBuilder MapStaffingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/staffing", Plan).WithTags("Quality").WithName("GetStaffingPlan")
            .WithSummary("Secretaries needed per hour of the week from at least 14 days of call history").RequireAuthorization(Policies.Supervision);
        return routes;
    }

    private static async Task<Results<Ok<StaffingDto>, ProblemHttpResult>> Plan(
        string? from, string? to, string? targetSeconds, string? targetServiceLevel, PermanenceDbContext db, IOptions<QualityOptions> quality, CancellationToken ct)
    {
        var period = CallPeriod.Parse(from, to);
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
        else
        {
            errors.Require(period.Value.To - period.Value.From >= StaffingHistory.MinimumWindow, "to",
                "The history must span at least 14 days, so that one unusual day does not make the profile.");
        }
        var seconds = Number(errors, "targetSeconds", targetSeconds, quality.Value.ServiceLevelSeconds, 0, 600, "A number of seconds between 0 and 600.");
        var level = Number(errors, "targetServiceLevel", targetServiceLevel, quality.Value.ServiceLevelTarget, 0, 1, "A share strictly between 0 and 1, e.g. 0.8.");
        errors.Require(level is > 0 and < 1, "targetServiceLevel", "A share strictly between 0 and 1, e.g. 0.8.");
        if (errors.HasErrors)
        {
            return errors.ToError("The query is invalid.").ToProblem();
        }
        var zone = KpiService.SecretariatZone;
        var history = await StaffingHistory.ReadAsync(db, period.Value.From, period.Value.To, zone, ct);
        var aht = history.AverageHandlingSeconds ?? DefaultHandlingSeconds;
        var plan = StaffingPlan.Build(history.CallsPerHourOfWeek, aht, seconds, level);
        return TypedResults.Ok(new StaffingDto(period.Value.From, period.Value.To, zone.Id, seconds, level, history.Calls, history.Answered,
            aht, history.AverageHandlingSeconds is not null, plan.Sum(h => h.Agents),
            [.. plan.Select(h => new StaffingHourDto(InputParsing.DayCode(h.Day), h.Hour, h.CallsPerHour, h.Erlangs, h.Agents,
                h.ServiceLevel, h.AverageSpeedOfAnswerSeconds, h.AbandonmentRate))],
            [.. history.ShortHistory.Select(p => p.Value)]));
    }

    private static double Number(ValidationErrors errors, string field, string? text, double fallback, double min, double max, string expected)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max;
        errors.Require(ok, field, expected);
        return ok ? value : fallback;
    }
}
