using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Patients;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Web.Http;
using Permanence.Web.Quality;
using Permanence.Web.Security;

namespace Permanence.Web.Calls;

public sealed record CallRecordServices(PermanenceDbContext Db, AuditTrail Audit, IClock Clock, HttpContext Http)
{
    public string ActorName => Http.User.Identity?.Name ?? "unknown";
}

/// <summary>
/// The secretary's record of a call along the script: one route per step, wrap-up (which freezes the record), and
/// corrections appended afterwards. Every write is audited; the audit detail names steps and codes, never identities.
/// </summary>
public static class CallRecordEndpoints
{
    public static IEndpointRouteBuilder MapCallRecordEndpoints(this IEndpointRouteBuilder routes)
    {
        var call = routes.MapGroup("/api/practices/{practiceId:guid}/calls/{callId:guid}").WithTags("Calls").RequirePracticeScope();
        call.MapPost("/steps/{step}", RecordStep).WithName("RecordCallStep")
            .WithSummary("Record a step of the call script: greeting, identification, reason, reformulation, action, close or triage").RequireAuthorization(Policies.Staff);
        call.MapPost("/wrap-up", WrapUp).WithName("WrapUpCall").WithSummary("Record the disposition and close the call record").RequireAuthorization(Policies.Staff);
        call.MapPost("/corrections", Correct).WithName("CorrectCall").WithSummary("Append a correction to a wrapped-up call").RequireAuthorization(Policies.Staff);
        call.MapPost("/patient", CreatePatient).WithName("CreatePatientFromCall")
            .WithSummary("Create a patient from the caller's details and link it to the call").RequireAuthorization(Policies.Staff);
        return routes;
    }

    private static async Task<Results<Ok<CallDetailDto>, ProblemHttpResult>> RecordStep(Guid practiceId, Guid callId, string step, CallStepInput input,
        [AsParameters] CallRecordServices s, CancellationToken ct)
    {
        var call = await FindAsync(s.Db, practiceId, callId, ct);
        if (call is null)
        {
            return ErrorResults.NotFound("The call");
        }
        if (CallScript.TryStep(step) is not { } parsed)
        {
            return ErrorResults.NotFound($"The step '{step}'");
        }
        var practice = await s.Db.Practices.AsNoTracking().SingleAsync(p => p.Id == call.PracticeId, ct);
        var patientExists = input.PatientId is { } patientId
            && await s.Db.Patients.AnyAsync(p => p.PracticeId == practice.Id && p.Id == new PatientId(patientId), ct);
        var result = CallScript.Apply(call, parsed, input, new CallScriptContext(practice, s.Clock.GetCurrentInstant(), patientExists));
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        s.Audit.Record("call.step_recorded", practice.Id, "call", call.Id.ToString(), parsed.ToCode());
        if (result.Value!.UrgencyDowngraded)
        {
            s.Audit.Record("call.urgency_downgraded", practice.Id, "call", call.Id.ToString(),
                $"suggested {call.SuggestedUrgency?.ToCode()}, chosen {call.Urgency?.ToCode()}");
        }
        if (await SaveAsync(s.Db, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Ok(await DetailAsync(s.Db, call, ct));
    }

    private static async Task<Results<Ok<CallDetailDto>, ProblemHttpResult>> WrapUp(Guid practiceId, Guid callId, WrapUpInput input,
        [AsParameters] CallRecordServices s, SurveyLinks surveys, CancellationToken ct)
    {
        var call = await FindAsync(s.Db, practiceId, callId, ct);
        if (call is null)
        {
            return ErrorResults.NotFound("The call");
        }
        var result = CallScript.WrapUp(call, input.Disposition, s.Clock.GetCurrentInstant(), s.ActorName);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        s.Audit.Record("call.wrapped_up", call.PracticeId, "call", call.Id.ToString(), call.Disposition?.ToCode() ?? "");
        if (await SaveAsync(s.Db, ct) is { } conflict)
        {
            return conflict;
        }
        var request = s.Http.Request;
        await surveys.SendAfterWrapUpAsync(call, $"{request.Scheme}://{request.Host}{request.PathBase}", ct);
        return TypedResults.Ok(await DetailAsync(s.Db, call, ct));
    }

    private static async Task<Results<Created<CallCorrectionDto>, ProblemHttpResult>> Correct(Guid practiceId, Guid callId, CallCorrectionInput input,
        [AsParameters] CallRecordServices s, CancellationToken ct)
    {
        var call = await FindAsync(s.Db, practiceId, callId, ct);
        if (call is null)
        {
            return ErrorResults.NotFound("The call");
        }
        var result = CallCorrections.Append(call, input, s.Clock.GetCurrentInstant(), s.ActorName);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var correction = result.Value!;
        s.Audit.Record("call.corrected", call.PracticeId, "call", call.Id.ToString(), correction.Field);
        if (await SaveAsync(s.Db, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Created($"/api/practices/{practiceId}/calls/{callId}",
            new CallCorrectionDto(correction.Id, correction.Field, correction.NewValue, correction.Reason, correction.At, correction.By));
    }

    private static async Task<Results<Created<CallDetailDto>, ProblemHttpResult>> CreatePatient(Guid practiceId, Guid callId, PatientInput input,
        [AsParameters] CallRecordServices s, CancellationToken ct)
    {
        var call = await FindAsync(s.Db, practiceId, callId, ct);
        if (call is null)
        {
            return ErrorResults.NotFound("The call");
        }
        if (call.IsWrappedUp)
        {
            return CallScript.RecordIsImmutableAfterWrapUp().ToProblem();
        }
        var practice = await s.Db.Practices.AsNoTracking().SingleAsync(p => p.Id == call.PracticeId, ct);
        var now = s.Clock.GetCurrentInstant();
        var result = PatientValidation.Apply(input, practice.Id, now.InZone(practice.TimeZone).Date);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var patient = result.Value!;
        patient.CreatedAt = now;
        s.Db.Patients.Add(patient);
        call.PatientId = patient.Id;
        s.Audit.Record("patient.create", practice.Id, "patient", patient.Id.ToString(), $"from call {call.Id}");
        s.Audit.Record("call.patient_linked", practice.Id, "call", call.Id.ToString(), patient.Id.ToString());
        if (await SaveAsync(s.Db, ct) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Created($"/api/practices/{practiceId}/patients/{patient.Id}", await DetailAsync(s.Db, call, ct));
    }

    /// <summary>Saves, or a 409 when a call event changed the call since it was read (nothing is saved then).</summary>
    private static async Task<ProblemHttpResult?> SaveAsync(PermanenceDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError("The call was updated by a telephony event while saving; reload it and try again.").ToProblem();
        }
    }

    private static Task<Call?> FindAsync(PermanenceDbContext db, Guid practiceId, Guid callId, CancellationToken ct)
    {
        var practice = new PracticeId(practiceId);
        var id = new CallId(callId);
        return db.Calls.Include(c => c.Actions).Include(c => c.Corrections).SingleOrDefaultAsync(c => c.PracticeId == practice && c.Id == id, ct);
    }

    private static async Task<CallDetailDto> DetailAsync(PermanenceDbContext db, Call call, CancellationToken ct) =>
        call.ToDetail(await db.CallEvents.AsNoTracking().Where(e => e.CallId == call.Id).ToListAsync(ct));
}
