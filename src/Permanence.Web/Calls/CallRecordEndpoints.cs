using Microsoft.AspNetCore.Http.HttpResults;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Patients;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Calls;

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
        CallRecordService calls, CancellationToken ct)
    {
        var result = await calls.RecordStepAsync(practiceId, callId, step, input, ct);
        return result.Error is null ? TypedResults.Ok(result.Value!) : Problem(result);
    }

    private static async Task<Results<Ok<CallDetailDto>, ProblemHttpResult>> WrapUp(Guid practiceId, Guid callId, WrapUpInput input,
        CallRecordService calls, CancellationToken ct)
    {
        var result = await calls.WrapUpAsync(practiceId, callId, input.Disposition, ct);
        return result.Error is null ? TypedResults.Ok(result.Value!) : Problem(result);
    }

    private static async Task<Results<Created<CallCorrectionDto>, ProblemHttpResult>> Correct(Guid practiceId, Guid callId, CallCorrectionInput input,
        CallRecordService calls, CancellationToken ct)
    {
        var result = await calls.CorrectAsync(practiceId, callId, input, ct);
        return result.Error is null ? TypedResults.Created($"/api/practices/{practiceId}/calls/{callId}", result.Value!) : Problem(result);
    }

    private static async Task<Results<Created<CallDetailDto>, ProblemHttpResult>> CreatePatient(Guid practiceId, Guid callId, PatientInput input,
        CallRecordService calls, CancellationToken ct)
    {
        var result = await calls.CreatePatientAsync(practiceId, callId, input, ct);
        return result.Error is null
            ? TypedResults.Created($"/api/practices/{practiceId}/patients/{result.Value.PatientId}", result.Value.Call)
            : Problem(result);
    }

    private static ProblemHttpResult Problem<T>(Result<T> result) => result.Error!.ToProblem();
}
