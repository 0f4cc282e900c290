using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Scheduling;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Data.Caching;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Scheduling;

public sealed record WeeklySessionInput(string? Day, string? Start, string? End, string? Site);

public sealed record ExtraSessionInput(string? Date, string? Start, string? End, string? Site);

public sealed record AvailabilityInput(IReadOnlyList<WeeklySessionInput>? WeeklySessions, IReadOnlyList<ExtraSessionInput>? ExtraSessions);

public sealed record WeeklySessionDto(string Day, string Start, string End, string? Site);

public sealed record ExtraSessionDto(string Date, string Start, string End, string? Site);

public sealed record AvailabilityDto(IReadOnlyList<WeeklySessionDto> WeeklySessions, IReadOnlyList<ExtraSessionDto> ExtraSessions);

/// <summary>An absence, given as instants (start/end) or as whole local days (firstDay/lastDay, inclusive).</summary>
public sealed record AbsenceInput(string? Start, string? End, string? FirstDay, string? LastDay, string? Reason);

public sealed record AbsenceDto(Guid Id, OffsetDateTime Start, OffsetDateTime End, string Reason);

public sealed record AvailabilityServices(PermanenceDbContext Db, AuditTrail Audit, IClock Clock, PracticeRuleVersions RuleVersions);

/// <summary>A practitioner's weekly sessions, extra dated sessions and absences (what the slot search reads).</summary>
public static class AvailabilityEndpoints
{
    public static IEndpointRouteBuilder MapAvailabilityEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/practices/{practiceId:guid}/practitioners/{practitionerId:guid}").WithTags("Scheduling").RequirePracticeScope();
        group.MapGet("/availability", Get).WithName("GetAvailability").WithSummary("Weekly and extra sessions of a practitioner").RequireAuthorization(Policies.Staff);
        group.MapPut("/availability", Replace).WithName("ReplaceAvailability").WithSummary("Replace the weekly and extra sessions").RequireAuthorization(Policies.AgendaRules);
        group.MapGet("/absences", ListAbsences).WithName("ListAbsences").WithSummary("Absences of a practitioner, from a day ago on").RequireAuthorization(Policies.Staff);
        group.MapPost("/absences", AddAbsence).WithName("AddAbsence").WithSummary("Add an absence (leave, training)").RequireAuthorization(Policies.AgendaRules);
        group.MapDelete("/absences/{absenceId:guid}", DeleteAbsence).WithName("DeleteAbsence").WithSummary("Remove an absence").RequireAuthorization(Policies.AgendaRules);
        return routes;
    }

    private static async Task<Results<Ok<AvailabilityDto>, ProblemHttpResult>> Get(Guid practiceId, Guid practitionerId, [AsParameters] AvailabilityServices s, CancellationToken ct)
    {
        if (await PractitionerAsync(s, practiceId, practitionerId, ct) is null)
        {
            return ErrorResults.NotFound("The practitioner");
        }
        return TypedResults.Ok(await LoadAsync(s, new PractitionerId(practitionerId), ct));
    }

    private static async Task<Results<Ok<AvailabilityDto>, ProblemHttpResult>> Replace(Guid practiceId, Guid practitionerId, AvailabilityInput input, [AsParameters] AvailabilityServices s, CancellationToken ct)
    {
        var practice = new PracticeId(practiceId);
        var id = new PractitionerId(practitionerId);
        if (await PractitionerAsync(s, practiceId, practitionerId, ct) is null)
        {
            return ErrorResults.NotFound("The practitioner");
        }
        var errors = new ValidationErrors();
        var weekly = new List<StoredWeeklySession>();
        var weeklyInputs = input.WeeklySessions ?? [];
        errors.Require(weeklyInputs.Count <= 70, "weeklySessions", "At most 70 weekly sessions.");
        for (var i = 0; i < weeklyInputs.Count; i++)
        {
            var w = weeklyInputs[i];
            var day = InputParsing.TryDay(w.Day);
            errors.Require(day is not null, $"weeklySessions[{i}].day", "Expected a day name: monday … sunday.");
            if (Times(errors, $"weeklySessions[{i}]", w.Start, w.End) is { } times && day is not null)
            {
                weekly.Add(new StoredWeeklySession { PracticeId = practice, PractitionerId = id, Day = day.Value, Start = times.Start, End = times.End, Site = Site(errors, $"weeklySessions[{i}].site", w.Site) });
            }
        }
        foreach (var group in weekly.GroupBy(w => w.Day))
        {
            var ordered = group.OrderBy(w => w.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                errors.Require(!Overlap(ordered[i - 1].Start, ordered[i - 1].End, ordered[i].Start), "weeklySessions",
                    $"Two sessions overlap on {InputParsing.DayCode(group.Key)}.");
            }
        }
        var extra = new List<StoredExtraSession>();
        var extraInputs = input.ExtraSessions ?? [];
        errors.Require(extraInputs.Count <= 500, "extraSessions", "At most 500 extra sessions.");
        for (var i = 0; i < extraInputs.Count; i++)
        {
            var x = extraInputs[i];
            var date = InputParsing.TryDate(x.Date);
            errors.Require(date is not null, $"extraSessions[{i}].date", "Expected a date as yyyy-MM-dd.");
            if (Times(errors, $"extraSessions[{i}]", x.Start, x.End) is { } times && date is not null)
            {
                extra.Add(new StoredExtraSession { PracticeId = practice, PractitionerId = id, Date = date.Value, Start = times.Start, End = times.End, Site = Site(errors, $"extraSessions[{i}].site", x.Site) });
            }
        }
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }
        await using var transaction = await s.Db.Database.BeginTransactionAsync(ct);
        await s.Db.WeeklySessions.Where(w => w.PractitionerId == id).ExecuteDeleteAsync(ct);
        await s.Db.ExtraSessions.Where(w => w.PractitionerId == id).ExecuteDeleteAsync(ct);
        s.Db.WeeklySessions.AddRange(weekly);
        s.Db.ExtraSessions.AddRange(extra);
        s.Audit.Record("practitioner.availability.replace", practice, "practitioner", id.ToString(), $"{weekly.Count} weekly, {extra.Count} extra sessions");
        await s.Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // The deletes above bypass the change tracker, so an emptied schedule would not move the version on its own.
        s.RuleVersions.Changed(practice);
        return TypedResults.Ok(await LoadAsync(s, id, ct));
    }

    private static async Task<Results<Ok<List<AbsenceDto>>, ProblemHttpResult>> ListAbsences(Guid practiceId, Guid practitionerId, [AsParameters] AvailabilityServices s, CancellationToken ct)
    {
        var practitioner = await PractitionerAsync(s, practiceId, practitionerId, ct);
        if (practitioner is null)
        {
            return ErrorResults.NotFound("The practitioner");
        }
        var id = new PractitionerId(practitionerId);
        var since = s.Clock.GetCurrentInstant() - Duration.FromDays(1);
        var absences = await s.Db.Absences.AsNoTracking().Where(a => a.PractitionerId == id && a.End > since).OrderBy(a => a.Start).ToListAsync(ct);
        var zone = await PracticeZones.ForAsync(s.Db, practiceId, ct);
        return TypedResults.Ok(absences.Select(a => ToDto(a, zone)).ToList());
    }

    private static async Task<Results<Created<AbsenceDto>, ProblemHttpResult>> AddAbsence(Guid practiceId, Guid practitionerId, AbsenceInput input, [AsParameters] AvailabilityServices s, CancellationToken ct)
    {
        if (await PractitionerAsync(s, practiceId, practitionerId, ct) is null)
        {
            return ErrorResults.NotFound("The practitioner");
        }
        var zone = await PracticeZones.ForAsync(s.Db, practiceId, ct);
        var errors = new ValidationErrors();
        Instant? start;
        Instant? end;
        if (input.FirstDay is not null || input.LastDay is not null)
        {
            var first = InputParsing.TryDate(input.FirstDay);
            var last = InputParsing.TryDate(input.LastDay ?? input.FirstDay);
            errors.Require(first is not null, "firstDay", "Expected a date as yyyy-MM-dd.");
            errors.Require(last is not null, "lastDay", "Expected a date as yyyy-MM-dd.");
            start = first?.AtStartOfDayInZone(zone).ToInstant();
            end = last?.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        }
        else
        {
            start = InstantParsing.Required(errors, "start", input.Start);
            end = InstantParsing.Required(errors, "end", input.End);
        }
        if (start is not null && end is not null)
        {
            errors.Require(end > start, "end", "An absence must end after it starts.");
            errors.Require(end - start <= Duration.FromDays(366), "end", "An absence lasts at most one year.");
        }
        errors.OptionalText("reason", input.Reason, PracticeValidation.MaxNameLength);
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }
        var absence = new PractitionerAbsence
        {
            PracticeId = new PracticeId(practiceId),
            PractitionerId = new PractitionerId(practitionerId),
            Start = start!.Value,
            End = end!.Value,
            Reason = input.Reason?.Trim() ?? "",
            CreatedAt = s.Clock.GetCurrentInstant(),
        };
        s.Db.Absences.Add(absence);
        s.Audit.Record("practitioner.absence.add", absence.PracticeId, "practitioner_absence", absence.Id.ToString());
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/practices/{practiceId}/practitioners/{practitionerId}/absences/{absence.Id}", ToDto(absence, zone));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAbsence(Guid practiceId, Guid practitionerId, Guid absenceId, [AsParameters] AvailabilityServices s, CancellationToken ct)
    {
        var id = new PractitionerId(practitionerId);
        var practice = new PracticeId(practiceId);
        var absence = await s.Db.Absences.SingleOrDefaultAsync(a => a.Id == absenceId && a.PractitionerId == id && a.PracticeId == practice, ct);
        if (absence is null)
        {
            return ErrorResults.NotFound("The absence");
        }
        s.Db.Absences.Remove(absence);
        s.Audit.Record("practitioner.absence.delete", practice, "practitioner_absence", absenceId.ToString());
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static (LocalTime Start, LocalTime End)? Times(ValidationErrors errors, string prefix, string? start, string? end)
    {
        var from = InputParsing.TryTime(start);
        var to = InputParsing.TryTime(end);
        errors.Require(from is not null, $"{prefix}.start", "Expected a time as HH:mm.");
        errors.Require(to is not null, $"{prefix}.end", "Expected a time as HH:mm (00:00 means midnight).");
        if (from is null || to is null)
        {
            return null;
        }
        return errors.Require(to > from || to == LocalTime.Midnight && from != LocalTime.Midnight, $"{prefix}.end", "A session must end after it starts.")
            ? (from.Value, to.Value)
            : null;
    }

    private static bool Overlap(LocalTime previousStart, LocalTime previousEnd, LocalTime nextStart) =>
        previousEnd == LocalTime.Midnight || nextStart < previousEnd;

    private static string? Site(ValidationErrors errors, string field, string? site)
    {
        errors.OptionalText(field, site, PracticeValidation.MaxNameLength);
        return string.IsNullOrWhiteSpace(site) ? null : site.Trim();
    }

    private static Task<Practitioner?> PractitionerAsync(AvailabilityServices s, Guid practiceId, Guid practitionerId, CancellationToken ct)
    {
        var practice = new PracticeId(practiceId);
        var id = new PractitionerId(practitionerId);
        return s.Db.Practitioners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.PracticeId == practice, ct);
    }

    private static async Task<AvailabilityDto> LoadAsync(AvailabilityServices s, PractitionerId id, CancellationToken ct)
    {
        var weekly = await s.Db.WeeklySessions.AsNoTracking().Where(w => w.PractitionerId == id).ToListAsync(ct);
        var extra = await s.Db.ExtraSessions.AsNoTracking().Where(w => w.PractitionerId == id).ToListAsync(ct);
        return new AvailabilityDto(
            [.. weekly.OrderBy(w => w.Day).ThenBy(w => w.Start).Select(w => new WeeklySessionDto(InputParsing.DayCode(w.Day), InputParsing.TimePattern.Format(w.Start), InputParsing.TimePattern.Format(w.End), w.Site))],
            [.. extra.OrderBy(x => x.Date).ThenBy(x => x.Start).Select(x => new ExtraSessionDto(InputParsing.DatePattern.Format(x.Date), InputParsing.TimePattern.Format(x.Start), InputParsing.TimePattern.Format(x.End), x.Site))]);
    }

    private static AbsenceDto ToDto(PractitionerAbsence a, DateTimeZone zone) =>
        new(a.Id, a.Start.InZone(zone).ToOffsetDateTime(), a.End.InZone(zone).ToOffsetDateTime(), a.Reason);
}
