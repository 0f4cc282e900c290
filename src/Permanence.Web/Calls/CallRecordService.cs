using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Messaging;
using Permanence.Core.Patients;
using Permanence.Data;
using Permanence.Data.Audit;

using Permanence.Web.Quality;
using Permanence.Web.Triage;

namespace Permanence.Web.Calls;

/// <summary>
/// The secretary's record of a call along the script (steps, wrap-up, corrections, patient created from the call),
/// shared by the HTTP API and the console. Every write is audited; the audit detail names steps and codes, never
/// identities.
/// </summary>
public sealed class CallRecordService(PermanenceDbContext db, AuditTrail audit, IClock clock, IAuditActor actor, SurveyLinks surveys, ReasonTriage triage)
{
    public async Task<Result<CallDetailDto>> GetAsync(Guid practiceId, Guid callId, CancellationToken ct)
    {
        var call = await FindAsync(practiceId, callId, ct);
        return call is null ? CallNotFound() : await DetailAsync(call, ct);
    }

    public async Task<Result<CallDetailDto>> RecordStepAsync(Guid practiceId, Guid callId, string step, CallStepInput input, CancellationToken ct)
    {
        var call = await FindAsync(practiceId, callId, ct);
        if (call is null)
        {
            return CallNotFound();
        }
        if (CallScript.TryStep(step) is not { } parsed)
        {
            return new NotFoundError($"The step '{step}' was not found.");
        }
        var practice = await db.Practices.AsNoTracking().SingleAsync(p => p.Id == call.PracticeId, ct);
        var patientExists = input.PatientId is { } patientId
            && await db.Patients.AnyAsync(p => p.PracticeId == practice.Id && p.Id == new PatientId(patientId), ct);
        var suggestion = parsed switch
        {
            CallStep.Triage => await triage.SuggestForAsync(practice, call, ct),
            CallStep.Reason when call.TriagedAt is not null => await triage.SuggestForAsync(practice, input.Text, ct),
            _ => null,
        };
        var targetExists = parsed == CallStep.Action && await ActionTargetExistsAsync(practice.Id, input, ct);
        var result = CallScript.Apply(call, parsed, input,
            new CallScriptContext(practice, clock.GetCurrentInstant(), patientExists, suggestion, targetExists));
        if (result.Error is { } error)
        {
            return error;
        }
        audit.Record("call.step_recorded", practice.Id, "call", call.Id.ToString(), parsed.ToCode());
        if (result.Value!.UrgencyDowngraded)
        {
            audit.Record("call.urgency_downgraded", practice.Id, "call", call.Id.ToString(),
                $"suggested {call.SuggestedUrgency?.ToCode()}, chosen {call.Urgency?.ToCode()}");
        }
        if (result.Value.UrgencyRaisedByReason)
        {
            audit.Record("call.urgency_raised", practice.Id, "call", call.Id.ToString(), $"new reason: suggested and chosen {call.Urgency?.ToCode()}");
        }
        return await SaveWhileOpenAsync(call.Id, CallScript.RecordIsImmutableAfterWrapUp(), ct) ?? (Result<CallDetailDto>)await DetailAsync(call, ct);
    }

    public async Task<Result<CallDetailDto>> WrapUpAsync(Guid practiceId, Guid callId, string? disposition, CancellationToken ct)
    {
        var call = await FindAsync(practiceId, callId, ct);
        if (call is null)
        {
            return CallNotFound();
        }
        var result = CallScript.WrapUp(call, disposition, clock.GetCurrentInstant(), actor.Name);
        if (result.Error is { } error)
        {
            return error;
        }
        audit.Record("call.wrapped_up", call.PracticeId, "call", call.Id.ToString(), call.Disposition?.ToCode() ?? "");
        if (await SaveWhileOpenAsync(call.Id, CallScript.AlreadyWrappedUp(), ct) is { } conflict)
        {
            return conflict;
        }
        await surveys.SendAfterWrapUpAsync(call, ct);
        return await DetailAsync(call, ct);
    }

    public async Task<Result<CallCorrectionDto>> CorrectAsync(Guid practiceId, Guid callId, CallCorrectionInput input, CancellationToken ct)
    {
        var call = await FindAsync(practiceId, callId, ct);
        if (call is null)
        {
            return CallNotFound();
        }
        var practice = await db.Practices.AsNoTracking().SingleAsync(p => p.Id == call.PracticeId, ct);
        var now = clock.GetCurrentInstant();
        var result = CallCorrections.Append(call, input, now, now.InZone(practice.TimeZone).Date, actor.Name);
        if (result.Error is { } error)
        {
            return error;
        }
        var correction = result.Value!;
        audit.Record("call.corrected", call.PracticeId, "call", call.Id.ToString(), correction.Field);
        if (correction.Field == "urgency" && CallScript.IsDowngrade(call.SuggestedUrgency, CallCodes.TryUrgency(correction.NewValue)))
        {
            // Lowering the urgency after the call is still lowering it: audited as at the triage step (the reason is the correction's).
            audit.Record("call.urgency_downgraded", call.PracticeId, "call", call.Id.ToString(),
                $"correction: suggested {call.SuggestedUrgency?.ToCode()}, chosen {correction.NewValue}");
        }
        if (!CallCorrections.CountedFields.Contains(correction.Field))
        {
            return await SaveAsync(ct) ?? (Result<CallCorrectionDto>)CallCorrectionDto.From(correction);
        }
        // The correction replaces the value it read: of two corrections of the field at once, the second must find the
        // value changed rather than claim to replace the same one. The row stays locked until the correction is saved.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await LockWhileUnchangedAsync(call.Id, correction, ct) == 0)
        {
            return new ConflictError($"The call's {correction.Field} was corrected meanwhile; reload the call and try again.");
        }
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }
        await transaction.CommitAsync(ct);
        return CallCorrectionDto.From(correction);
    }

    /// <summary>Locks the call's row if the corrected field still holds the value the correction replaces; 0 when it no longer does.</summary>
    private Task<int> LockWhileUnchangedAsync(CallId id, CallCorrection correction, CancellationToken ct)
    {
        var call = db.Calls.Where(c => c.Id == id);
        switch (correction.Field)
        {
            case "urgency":
                var urgency = CallCodes.TryUrgency(correction.PreviousValue);
                return call.Where(c => c.Urgency == urgency).ExecuteUpdateAsync(s => s.SetProperty(c => c.Urgency, c => c.Urgency), ct);
            case "category":
                var category = CallCodes.TryCategory(correction.PreviousValue);
                return call.Where(c => c.Category == category).ExecuteUpdateAsync(s => s.SetProperty(c => c.Category, c => c.Category), ct);
            default:
                var disposition = CallCodes.TryDisposition(correction.PreviousValue);
                return call.Where(c => c.Disposition == disposition).ExecuteUpdateAsync(s => s.SetProperty(c => c.Disposition, c => c.Disposition), ct);
        }
    }

    /// <summary>Creates a patient from the caller's details and links it to the call, in one save.</summary>
    public async Task<Result<(PatientId PatientId, CallDetailDto Call)>> CreatePatientAsync(Guid practiceId, Guid callId, PatientInput input, CancellationToken ct)
    {
        var call = await FindAsync(practiceId, callId, ct);
        if (call is null)
        {
            return CallNotFound();
        }
        if (call.IsWrappedUp)
        {
            return CallScript.RecordIsImmutableAfterWrapUp();
        }
        var practice = await db.Practices.AsNoTracking().SingleAsync(p => p.Id == call.PracticeId, ct);
        var now = clock.GetCurrentInstant();
        var result = PatientValidation.Apply(input, practice.Id, now.InZone(practice.TimeZone).Date);
        if (result.Error is { } error)
        {
            return error;
        }
        var patient = result.Value!;
        patient.CreatedAt = now;
        db.Patients.Add(patient);
        call.PatientId = patient.Id;
        audit.Record("patient.create", practice.Id, "patient", patient.Id.ToString(), $"from call {call.Id}");
        audit.Record("call.patient_linked", practice.Id, "call", call.Id.ToString(), patient.Id.ToString());
        if (await SaveWhileOpenAsync(call.Id, CallScript.RecordIsImmutableAfterWrapUp(), ct) is { } conflict)
        {
            return conflict;
        }
        return (patient.Id, await DetailAsync(call, ct));
    }

    /// <summary>Whether the action's target is an appointment or a practitioner message of the practice, as its kind says.</summary>
    private async Task<bool> ActionTargetExistsAsync(PracticeId practice, CallStepInput input, CancellationToken ct)
    {
        if (CallCodes.TryActionKind(input.ActionKind) is not { } kind || input.TargetId is not { } target || target == Guid.Empty)
        {
            return false;
        }
        return CallScript.TargetIsAnAppointment(kind)
            ? await db.Appointments.AnyAsync(a => a.PracticeId == practice && a.Id == new AppointmentId(target), ct)
            : await db.PractitionerMessages.AnyAsync(m => m.PracticeId == practice && m.Id == new MessageId(target), ct);
    }

    private static NotFoundError CallNotFound() => new("The call was not found.");

    /// <summary>Saves, or a conflict when a call event changed the call since it was read (nothing is saved then).</summary>
    private async Task<Error?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ConflictError("The call was updated by a telephony event while saving; reload it and try again.");
        }
    }

    /// <summary>
    /// Saves a change of a call record that was read open, or <paramref name="whenWrappedUp"/> when a wrap-up was saved
    /// since (nothing is saved then). The call's row stays locked until the change is saved, so a wrap-up at the same
    /// time comes either before (the change is refused) or after (the change is part of the record).
    /// </summary>
    private async Task<Error?> SaveWhileOpenAsync(CallId id, ConflictError whenWrappedUp, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await CallActionLinks.LockIfOpenAsync(db, id, ct))
        {
            return whenWrappedUp;
        }
        if (await SaveAsync(ct) is { } conflict)
        {
            return conflict;
        }
        await transaction.CommitAsync(ct);
        return null;
    }

    private Task<Call?> FindAsync(Guid practiceId, Guid callId, CancellationToken ct)
    {
        var practice = new PracticeId(practiceId);
        var id = new CallId(callId);
        return db.Calls.Include(c => c.Actions).Include(c => c.Corrections).SingleOrDefaultAsync(c => c.PracticeId == practice && c.Id == id, ct);
    }

    private async Task<CallDetailDto> DetailAsync(Call call, CancellationToken ct) =>
        call.ToDetail(await db.CallEvents.AsNoTracking().Where(e => e.CallId == call.Id).ToListAsync(ct));
}
