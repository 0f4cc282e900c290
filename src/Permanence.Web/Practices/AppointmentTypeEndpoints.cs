using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Practices;

/// <summary>Appointment types (motifs) of a practice. Removing one deactivates it, so booked appointments keep their type.</summary>
public static class AppointmentTypeEndpoints
{
    public static RouteGroupBuilder MapAppointmentTypeEndpoints(this RouteGroupBuilder practice)
    {
        practice.MapGet("/appointment-types", List).WithName("ListAppointmentTypes").WithSummary("Appointment types of the practice").RequireAuthorization(Policies.Staff);
        practice.MapPost("/appointment-types", Create).WithName("CreateAppointmentType").WithSummary("Add an appointment type").RequireAuthorization(Policies.PracticeConfiguration);
        practice.MapPut("/appointment-types/{appointmentTypeId:guid}", Update).WithName("UpdateAppointmentType").WithSummary("Update an appointment type").RequireAuthorization(Policies.PracticeConfiguration);
        practice.MapDelete("/appointment-types/{appointmentTypeId:guid}", Deactivate).WithName("DeactivateAppointmentType").WithSummary("Deactivate an appointment type").RequireAuthorization(Policies.PracticeConfiguration);
        return practice;
    }

    private static async Task<Ok<List<AppointmentTypeDto>>> List(Guid practiceId, bool? includeInactive, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var types = await s.Db.AppointmentTypes.AsNoTracking()
            .Where(t => t.PracticeId == id && (includeInactive == true || t.IsActive))
            .OrderBy(t => t.Name).ToListAsync(ct);
        return TypedResults.Ok(types.Select(t => t.ToDto()).ToList());
    }

    private static async Task<Results<Created<AppointmentTypeDto>, ProblemHttpResult>> Create(Guid practiceId, AppointmentTypeInput input, PracticeSettings settings, CancellationToken ct)
    {
        var result = await settings.CreateAppointmentTypeAsync(new PracticeId(practiceId), input, ct);
        return result.Error is { } error ? error.ToProblem()
            : TypedResults.Created($"/api/practices/{practiceId}/appointment-types/{result.Value!.Id}", result.Value!.ToDto());
    }

    private static async Task<Results<Ok<AppointmentTypeDto>, ProblemHttpResult>> Update(Guid practiceId, Guid appointmentTypeId, AppointmentTypeInput input, PracticeSettings settings, CancellationToken ct)
    {
        var result = await settings.UpdateAppointmentTypeAsync(new PracticeId(practiceId), appointmentTypeId, input, ct);
        return result.Error is { } error ? error.ToProblem() : TypedResults.Ok(result.Value!.ToDto());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Deactivate(Guid practiceId, Guid appointmentTypeId, PracticeSettings settings, CancellationToken ct) =>
        await settings.DeactivateAppointmentTypeAsync(new PracticeId(practiceId), appointmentTypeId, ct) ? TypedResults.NoContent() : ErrorResults.NotFound("The appointment type");
}
