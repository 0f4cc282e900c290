using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using Permanence.Data;
using Permanence.Data.Caching;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Scheduling;

/// <summary>What a slot search needs: only the read side, so a search does not build the booking services.</summary>
public sealed record SlotSearchServices(AgendaQueries Queries, IClock Clock);

public sealed record AppointmentServices(PermanenceDbContext Db, BookingService Booking, AgendaQueries Queries, AgendaLoader Agendas, IClock Clock,
    AppointmentVersions AppointmentVersions);

/// <summary>Slot search and the appointment lifecycle: hold, book (or squeeze in), cancel, reschedule, complete, no-show.</summary>
public static class AppointmentEndpoints
{
    private const int MaxWindowDays = 92;

    public static IEndpointRouteBuilder MapAppointmentEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/practices/{practiceId:guid}").WithTags("Scheduling").RequirePracticeScope().RequireAuthorization(Policies.Staff);
        group.MapGet("/slots", Slots).WithName("SearchSlots").WithSummary("Free slots, earliest first; without practitionerId, first available across the practice");
        group.MapPost("/holds", Hold).WithName("HoldSlot").WithSummary("Hold a slot for five minutes while the caller decides");
        group.MapDelete("/holds/{holdId:guid}", Release).WithName("ReleaseHold").WithSummary("Release a hold");
        group.MapGet("/appointments", List).WithName("ListAppointments").WithSummary("Appointments in a period");
        group.MapGet("/appointments/{appointmentId:guid}", Get).WithName("GetAppointment").WithSummary("An appointment and its history");
        group.MapPost("/appointments", Book).WithName("BookAppointment").WithSummary("Book a slot (or confirm a hold); 409 with alternatives when taken");
        group.MapPost("/appointments/{appointmentId:guid}/cancel", Cancel).WithName("CancelAppointment").WithSummary("Cancel with a reason; the freed time is offered to the waiting list");
        group.MapPost("/appointments/{appointmentId:guid}/reschedule", Reschedule).WithName("RescheduleAppointment").WithSummary("Move atomically: the new time is booked and the old cancelled, or nothing changes");
        group.MapPost("/appointments/{appointmentId:guid}/complete", Complete).WithName("CompleteAppointment").WithSummary("Mark a past appointment as kept");
        group.MapPost("/appointments/{appointmentId:guid}/no-show", NoShow).WithName("MarkNoShow").WithSummary("Mark a past appointment as missed");
        return routes;
    }

    private static async Task<Results<SlotListResult, ProblemHttpResult>> Slots(
        Guid practiceId, string? practitionerId, Guid? appointmentTypeId, string? from, string? to, int? limit, string? after, bool? patientIsNew,
        HttpContext http, [AsParameters] SlotSearchServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var errors = new ValidationErrors();
        var practitioners = ParseIds(errors, "practitionerId", practitionerId);
        errors.Require(appointmentTypeId is not null, "appointmentTypeId", "Required.");
        errors.Require(limit is null or >= 1 and <= 100, "limit", "Limit must be between 1 and 100.");
        SlotCursor? cursor = null;
        errors.Require(after is null || SlotCursor.TryParse(after, out cursor), "after", "Not a cursor from a previous page.");
        var now = s.Clock.GetCurrentInstant();
        var window = Window(errors, from, to, now);
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }
        var found = await s.Queries.FindSlotsAsync(id, new SlotRequest(practitioners, new AppointmentTypeId(appointmentTypeId!.Value), window!.Value,
            patientIsNew ?? false, limit ?? 20, cursor), ct);
        if (found.Error is { } error)
        {
            return error.ToProblem();
        }
        var (page, zone, _) = found.Value!;
        if (page.Next is { } next)
        {
            http.Response.Headers.Link = $"<{http.Request.Path}{NextPageQuery(http.Request.Query, next)}>; rel=\"next\"";
        }
        return new SlotListResult(page.Slots, zone);
    }

    /// <summary>The same query with <c>after</c> set to <paramref name="next"/>, for the <c>Link</c> header of a page that has a next one.</summary>
    private static QueryString NextPageQuery(IQueryCollection query, SlotCursor next)
    {
        var kept = new List<KeyValuePair<string, string?>>(query.Count);
        foreach (var (key, values) in query)
        {
            if (key == "after")
            {
                continue;
            }
            foreach (var value in values)
            {
                kept.Add(KeyValuePair.Create(key, value));
            }
        }
        return QueryString.Create(kept).Add("after", next.ToString());
    }

    private static async Task<Results<Created<AppointmentDto>, ProblemHttpResult>> Hold(Guid practiceId, HoldRequest request, [AsParameters] AppointmentServices s, CancellationToken ct)
    {
        var result = await s.Booking.HoldAsync(new PracticeId(practiceId), request, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var zone = await PracticeZones.ForAsync(s.Db, practiceId, ct);
        return TypedResults.Created($"/api/practices/{practiceId}/appointments/{result.Value!.Id}", result.Value.ToDto(zone));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Release(Guid practiceId, Guid holdId, [AsParameters] AppointmentServices s, CancellationToken ct)
    {
        var practice = new PracticeId(practiceId);
        var id = new AppointmentId(holdId);
        var released = await s.Db.Appointments
            .Where(a => a.Id == id && a.PracticeId == practice && a.Status == AppointmentStatus.Held)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, AppointmentStatus.Expired), ct);
        // Written past the change tracker: the slot search's copy of the practice's appointments must hear of it.
        s.AppointmentVersions.Changed(practice);
        return released == 0 ? ErrorResults.NotFound("The hold") : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<AppointmentDto>>, ProblemHttpResult>> List(
        Guid practiceId, string? from, string? to, string? practitionerId, string? status, [AsParameters] AppointmentServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var errors = new ValidationErrors();
        var practitioners = ParseIds(errors, "practitionerId", practitionerId);
        var window = Window(errors, from, to, s.Clock.GetCurrentInstant());
        var statuses = (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(code => Enum.GetValues<AppointmentStatus>().Cast<AppointmentStatus?>().FirstOrDefault(v => SchedulingMapping.StatusCode(v!.Value) == code))
            .ToList();
        errors.Require(statuses.All(v => v is not null), "status", "Expected held, booked, cancelled, completed, no_show or expired (comma-separated).");
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }
        return TypedResults.Ok(await s.Queries.ListAppointmentsAsync(id, window!.Value, practitioners, [.. statuses.Select(v => v!.Value)], ct));
    }

    private static async Task<Results<Ok<AppointmentDetailsDto>, ProblemHttpResult>> Get(Guid practiceId, Guid appointmentId, [AsParameters] AppointmentServices s, CancellationToken ct)
    {
        var practice = new PracticeId(practiceId);
        var id = new AppointmentId(appointmentId);
        var appointment = await s.Db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.PracticeId == practice, ct);
        if (appointment is null)
        {
            return ErrorResults.NotFound("The appointment");
        }
        var history = await s.Db.AppointmentHistory.AsNoTracking().Where(h => h.AppointmentId == id).OrderBy(h => h.Id).ToListAsync(ct);
        var type = await s.Db.AppointmentTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == appointment.AppointmentTypeId, ct);
        var zone = await PracticeZones.ForAsync(s.Db, practiceId, ct);
        return TypedResults.Ok(new AppointmentDetailsDto(appointment.ToDto(zone, type),
            [.. history.Select(h => new AppointmentHistoryDto(h.At, h.Action, h.Actor, h.CallId, h.Detail))]));
    }

    private static async Task<Results<Created<BookingResultDto>, ProblemHttpResult>> Book(
        Guid practiceId, BookAppointmentRequest request, ClaimsPrincipal user, [AsParameters] AppointmentServices s, CancellationToken ct)
    {
        var result = await s.Booking.BookAsync(new PracticeId(practiceId), request, user, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var (booked, squeezedOver) = result.Value;
        var rules = await s.Agendas.RulesAsync(new PracticeId(practiceId), ct);
        var zone = rules!.Calendar.Zone;
        var type = rules.TypeRows.GetValueOrDefault(booked.AppointmentTypeId);
        return TypedResults.Created($"/api/practices/{practiceId}/appointments/{booked.Id}",
            new BookingResultDto(booked.ToDto(zone, type), [.. squeezedOver.Select(a => a.ToDto(zone))]));
    }

    private static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> Cancel(Guid practiceId, Guid appointmentId, CancelRequest request, [AsParameters] AppointmentServices s, CancellationToken ct) =>
        await Respond(s, practiceId, await s.Booking.CancelAsync(new PracticeId(practiceId), new AppointmentId(appointmentId), request, ct), ct);

    private static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> Reschedule(Guid practiceId, Guid appointmentId, RescheduleRequest request, [AsParameters] AppointmentServices s, CancellationToken ct) =>
        await Respond(s, practiceId, await s.Booking.RescheduleAsync(new PracticeId(practiceId), new AppointmentId(appointmentId), request, ct), ct);

    private static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> Complete(Guid practiceId, Guid appointmentId, StatusChangeRequest? request, [AsParameters] AppointmentServices s, CancellationToken ct) =>
        await Respond(s, practiceId, await s.Booking.CloseAsync(new PracticeId(practiceId), new AppointmentId(appointmentId), AppointmentStatus.Completed, request?.CallId, ct), ct);

    private static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> NoShow(Guid practiceId, Guid appointmentId, StatusChangeRequest? request, [AsParameters] AppointmentServices s, CancellationToken ct) =>
        await Respond(s, practiceId, await s.Booking.CloseAsync(new PracticeId(practiceId), new AppointmentId(appointmentId), AppointmentStatus.NoShow, request?.CallId, ct), ct);

    private static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> Respond(AppointmentServices s, Guid practiceId, Result<StoredAppointment> result, CancellationToken ct)
    {
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        return TypedResults.Ok(result.Value!.ToDto(await PracticeZones.ForAsync(s.Db, practiceId, ct)));
    }

    /// <summary>One id, several repeated, or several comma-separated.</summary>
    internal static List<PractitionerId> ParseIds(ValidationErrors errors, string field, string? text)
    {
        var ids = new List<PractitionerId>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Guid.TryParse(part, CultureInfo.InvariantCulture, out var guid))
            {
                ids.Add(new PractitionerId(guid));
            }
            else
            {
                errors.Add(field, $"'{part}' is not an id.");
            }
        }
        return [.. ids.Distinct()];
    }

    /// <summary>The search window: defaults to the next 14 days; at most 92 days; end after start.</summary>
    private static TimeRange? Window(ValidationErrors errors, string? from, string? to, Instant now)
    {
        var start = InstantParsing.Optional(errors, "from", from) ?? now;
        var end = InstantParsing.Optional(errors, "to", to) ?? start + Duration.FromDays(14);
        if (errors.HasErrors)
        {
            return null;
        }
        if (!errors.Require(end > start, "to", "'to' must be after 'from'."))
        {
            return null;
        }
        return errors.Require(end - start <= Duration.FromDays(MaxWindowDays), "to", $"The window is at most {MaxWindowDays} days.")
            ? new TimeRange(start, end)
            : null;
    }
}
