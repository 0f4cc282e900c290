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

    private static async Task<Results<Created<AppointmentTypeDto>, ProblemHttpResult>> Create(Guid practiceId, AppointmentTypeInput input, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var result = PracticeValidation.Apply(input, id, await PractitionerIdsAsync(s, id, ct));
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var type = result.Value!;
        type.CreatedAt = s.Clock.GetCurrentInstant();
        s.Db.AppointmentTypes.Add(type);
        s.Audit.Record("appointment_type.create", id, "appointment_type", type.Id.ToString(), type.Name);
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/practices/{practiceId}/appointment-types/{type.Id}", type.ToDto());
    }

    private static async Task<Results<Ok<AppointmentTypeDto>, ProblemHttpResult>> Update(Guid practiceId, Guid appointmentTypeId, AppointmentTypeInput input, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var type = await FindAsync(s, id, appointmentTypeId, ct);
        if (type is null)
        {
            return ErrorResults.NotFound("The appointment type");
        }
        var result = PracticeValidation.Apply(input, id, await PractitionerIdsAsync(s, id, ct), type);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        s.Audit.Record("appointment_type.update", id, "appointment_type", type.Id.ToString());
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(type.ToDto());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Deactivate(Guid practiceId, Guid appointmentTypeId, [AsParameters] PracticeServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var type = await FindAsync(s, id, appointmentTypeId, ct);
        if (type is null)
        {
            return ErrorResults.NotFound("The appointment type");
        }
        type.IsActive = false;
        s.Audit.Record("appointment_type.deactivate", id, "appointment_type", type.Id.ToString());
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static Task<AppointmentType?> FindAsync(PracticeServices s, PracticeId practice, Guid appointmentTypeId, CancellationToken ct)
    {
        var id = new AppointmentTypeId(appointmentTypeId);
        return s.Db.AppointmentTypes.SingleOrDefaultAsync(t => t.PracticeId == practice && t.Id == id, ct);
    }

    private static async Task<IReadOnlySet<PractitionerId>> PractitionerIdsAsync(PracticeServices s, PracticeId practice, CancellationToken ct) =>
        (await s.Db.Practitioners.Where(p => p.PracticeId == practice).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
}
