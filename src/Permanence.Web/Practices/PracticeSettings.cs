using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Routing;
using Permanence.Data;
using Permanence.Data.Audit;

namespace Permanence.Web.Practices;

/// <summary>
/// Practice configuration writes shared by the HTTP API and the console's settings pages: opening hours, closures,
/// playbook, appointment types and the on-call roster. Input is checked whole by the Core validators (nothing is
/// written unless every field is valid) and each change is audited in the same <c>SaveChanges</c>.
/// </summary>
public sealed class PracticeSettings(PermanenceDbContext db, AuditTrail audit, IClock clock)
{
    public async Task<Result<List<OpeningHoursRange>>> ReplaceOpeningHoursAsync(PracticeId practiceId, IReadOnlyList<OpeningHoursInput>? ranges, CancellationToken ct)
    {
        var result = PracticeValidation.Apply(ranges, practiceId);
        if (result.Error is not null)
        {
            return result;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.OpeningHours.RemoveRange(await db.OpeningHours.Where(r => r.PracticeId == practiceId).ToListAsync(ct));
        db.OpeningHours.AddRange(result.Value!);
        audit.Record("practice.opening_hours.replace", practiceId, "practice", practiceId.ToString(), $"{result.Value!.Count} ranges");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Changes what the secretary reads and says for the practice (greeting, address, access instructions, documents
    /// to bring), keeping every other setting as it is.
    /// </summary>
    public async Task<Result<Practice>> UpdateScriptAsync(PracticeId practiceId, string? greetingText, string? address, string? accessInstructions,
        IReadOnlyList<string>? documentsToBring, CancellationToken ct)
    {
        var practice = await PracticeEndpoints.LoadAsync(db, practiceId, tracked: true, ct);
        if (practice is null)
        {
            return new NotFoundError("The practice was not found.");
        }
        var input = new PracticeInput(practice.Name, greetingText, practice.Specialty.ToCode(), practice.TimeZoneId, address, accessInstructions,
            practice.RoutineNumber, practice.UrgentNumber, practice.AfterHoursPolicy.ToCode(), practice.AfterHoursForwardNumber,
            practice.ObservesAlsaceMosellePublicHolidays, documentsToBring,
            new MessageDeliveryInput(practice.MessageDelivery.ByEmail, practice.MessageDelivery.UrgentBySms, practice.MessageDelivery.UrgentAcknowledgementMinutes,
                practice.MessageDelivery.PracticeEmail),
            practice.ClosedOnPublicHolidays, practice.SlotStepMinutes, practice.SqueezeInRoles,
            practice.QueueMaximumWaitSeconds, practice.QueueOverflow.ToCode(), practice.OffersSatisfactionSurvey);
        var result = PracticeValidation.Apply(input, practice);
        if (result.Error is not null)
        {
            db.ChangeTracker.Clear();
            return result;
        }
        audit.Record("practice.update", practiceId, "practice", practiceId.ToString(), "script");
        await db.SaveChangesAsync(ct);
        return result;
    }

    public async Task<Result<PracticeClosure>> AddClosureAsync(PracticeId practiceId, ClosureInput input, CancellationToken ct)
    {
        var result = PracticeValidation.Apply(input, practiceId);
        if (result.Error is not null)
        {
            return result;
        }
        db.PracticeClosures.Add(result.Value!);
        audit.Record("practice.closure.add", practiceId, "practice_closure", result.Value!.Id.ToString(), $"{input.FirstDay}..{input.LastDay}");
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>False when the practice has no such closure.</summary>
    public async Task<bool> DeleteClosureAsync(PracticeId practiceId, Guid closureId, CancellationToken ct)
    {
        var closure = await db.PracticeClosures.SingleOrDefaultAsync(c => c.PracticeId == practiceId && c.Id == closureId, ct);
        if (closure is null)
        {
            return false;
        }
        db.PracticeClosures.Remove(closure);
        audit.Record("practice.closure.delete", practiceId, "practice_closure", closureId.ToString());
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Result<PlaybookEntry>> AddPlaybookEntryAsync(PracticeId practiceId, PlaybookEntryInput input, CancellationToken ct)
    {
        var result = PracticeValidation.Apply(input, practiceId);
        if (result.Error is not null)
        {
            return result;
        }
        db.PlaybookEntries.Add(result.Value!);
        audit.Record("practice.playbook.add", practiceId, "playbook_entry", result.Value!.Id.ToString());
        await db.SaveChangesAsync(ct);
        return result;
    }

    public async Task<Result<PlaybookEntry>> UpdatePlaybookEntryAsync(PracticeId practiceId, Guid entryId, PlaybookEntryInput input, CancellationToken ct)
    {
        var entry = await db.PlaybookEntries.SingleOrDefaultAsync(e => e.PracticeId == practiceId && e.Id == entryId, ct);
        if (entry is null)
        {
            return new NotFoundError("The playbook entry was not found.");
        }
        var result = PracticeValidation.Apply(input, practiceId, entry);
        if (result.Error is not null)
        {
            db.ChangeTracker.Clear();
            return result;
        }
        audit.Record("practice.playbook.update", practiceId, "playbook_entry", entryId.ToString());
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>False when the practice has no such entry.</summary>
    public async Task<bool> DeletePlaybookEntryAsync(PracticeId practiceId, Guid entryId, CancellationToken ct)
    {
        var entry = await db.PlaybookEntries.SingleOrDefaultAsync(e => e.PracticeId == practiceId && e.Id == entryId, ct);
        if (entry is null)
        {
            return false;
        }
        db.PlaybookEntries.Remove(entry);
        audit.Record("practice.playbook.delete", practiceId, "playbook_entry", entryId.ToString());
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Result<AppointmentType>> CreateAppointmentTypeAsync(PracticeId practiceId, AppointmentTypeInput input, CancellationToken ct)
    {
        var result = PracticeValidation.Apply(input, practiceId, await PractitionerIdsAsync(practiceId, ct));
        if (result.Error is not null)
        {
            return result;
        }
        var type = result.Value!;
        type.CreatedAt = clock.GetCurrentInstant();
        db.AppointmentTypes.Add(type);
        audit.Record("appointment_type.create", practiceId, "appointment_type", type.Id.ToString(), type.Name);
        await db.SaveChangesAsync(ct);
        return result;
    }

    public async Task<Result<AppointmentType>> UpdateAppointmentTypeAsync(PracticeId practiceId, Guid appointmentTypeId, AppointmentTypeInput input, CancellationToken ct)
    {
        var id = new AppointmentTypeId(appointmentTypeId);
        var type = await db.AppointmentTypes.SingleOrDefaultAsync(t => t.PracticeId == practiceId && t.Id == id, ct);
        if (type is null)
        {
            return new NotFoundError("The appointment type was not found.");
        }
        var result = PracticeValidation.Apply(input, practiceId, await PractitionerIdsAsync(practiceId, ct), type);
        if (result.Error is not null)
        {
            db.ChangeTracker.Clear();
            return result;
        }
        audit.Record("appointment_type.update", practiceId, "appointment_type", type.Id.ToString());
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>Booked appointments keep their type, so a type is deactivated rather than deleted. False when not found.</summary>
    public async Task<bool> DeactivateAppointmentTypeAsync(PracticeId practiceId, Guid appointmentTypeId, CancellationToken ct)
    {
        var id = new AppointmentTypeId(appointmentTypeId);
        var type = await db.AppointmentTypes.SingleOrDefaultAsync(t => t.PracticeId == practiceId && t.Id == id, ct);
        if (type is null)
        {
            return false;
        }
        type.IsActive = false;
        audit.Record("appointment_type.deactivate", practiceId, "appointment_type", type.Id.ToString());
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Shifts that end after now, by start then priority.</summary>
    public async Task<List<StoredOnCallShift>> UpcomingOnCallShiftsAsync(PracticeId practiceId, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var shifts = await db.OnCallShifts.AsNoTracking().Where(x => x.PracticeId == practiceId && x.End > now).ToListAsync(ct);
        return [.. shifts.OrderBy(x => x.Start).ThenBy(x => x.Priority)];
    }

    public async Task<Result<StoredOnCallShift>> AddOnCallShiftAsync(PracticeId practiceId, OnCallShiftInput input, CancellationToken ct)
    {
        var practitionerExists = input.PractitionerId is { } practitioner
            && await db.Practitioners.AnyAsync(p => p.Id == new PractitionerId(practitioner) && p.PracticeId == practiceId, ct);
        var validated = OnCallShiftValidation.Validate(input, practiceId, practitionerExists, clock.GetCurrentInstant());
        if (validated.Error is not null)
        {
            return validated;
        }
        db.OnCallShifts.Add(validated.Value!);
        var shift = validated.Value!;
        audit.Record("on_call_shift.create", practiceId, "on_call_shift", shift.Id.ToString(), $"{shift.Label} {shift.Start}–{shift.End} priority {shift.Priority}");
        await db.SaveChangesAsync(ct);
        return validated;
    }

    /// <summary>After-hours periods of [<paramref name="from"/>, <paramref name="to"/>) that no on-call shift covers; null when the practice is unknown.</summary>
    public async Task<IReadOnlyList<CoverageGap>?> OnCallGapsAsync(PracticeId practiceId, Instant from, Instant to, CancellationToken ct)
    {
        var practice = await db.Practices.AsNoTracking().Include(p => p.OpeningHours).Include(p => p.Closures).FirstOrDefaultAsync(p => p.Id == practiceId, ct);
        if (practice is null)
        {
            return null;
        }
        var shifts = await db.OnCallShifts.AsNoTracking().Where(x => x.PracticeId == practiceId && x.End > from && x.Start < to).ToListAsync(ct);
        return OnCallRoster.Gaps(shifts.Select(x => x.ToShift()), AfterHours.Periods(practice, from, to));
    }

    /// <summary>False when the practice has no such shift.</summary>
    public async Task<bool> DeleteOnCallShiftAsync(PracticeId practiceId, Guid shiftId, CancellationToken ct)
    {
        var shift = await db.OnCallShifts.FirstOrDefaultAsync(x => x.Id == shiftId && x.PracticeId == practiceId, ct);
        if (shift is null)
        {
            return false;
        }
        db.OnCallShifts.Remove(shift);
        audit.Record("on_call_shift.delete", practiceId, "on_call_shift", shift.Id.ToString(), $"{shift.Label} {shift.Start}–{shift.End}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<IReadOnlySet<PractitionerId>> PractitionerIdsAsync(PracticeId practice, CancellationToken ct) =>
        (await db.Practitioners.Where(p => p.PracticeId == practice).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
}
