using System.Security.Claims;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Npgsql;
using Permanence.Core.Audit;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Patients;
using Permanence.Core.Scheduling;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Data.Caching;
using Permanence.Web.Calls;
using RuleType = Permanence.Core.Scheduling.AppointmentType;

namespace Permanence.Web.Scheduling;

/// <summary>
/// Books, holds, moves, cancels and closes appointments. Every path runs <see cref="BookingRules.Check"/> inside one
/// write transaction, serialized per practitioner (PostgreSQL advisory lock; SQLite's single writer), and the
/// database refuses an overlap on its own (exclusion constraint; triggers), so a lost race is a 409 with
/// alternatives, never a double booking and never a 500.
/// </summary>
public sealed class BookingService(PermanenceDbContext db, AgendaLoader agendas, AuditTrail audit, IAuditActor actor, IClock clock,
    WaitingListMatcher waitingList, PractitionerLocks locks, AppointmentVersions appointmentVersions, NpgsqlDataSource? postgres = null)
{
    public static readonly Duration HoldLifetime = Duration.FromMinutes(5);
    private const int AlternativesOffered = 5;

    /// <summary>The longest reason for cancelling or moving an appointment.</summary>
    private const int MaxReasonLength = 1000;

    public async Task<Result<StoredAppointment>> HoldAsync(PracticeId practiceId, HoldRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var start = Http.InstantParsing.Required(errors, "start", request.Start);
        errors.Require(request.PractitionerId is not null, "practitionerId", "Required.");
        errors.Require(request.AppointmentTypeId is not null, "appointmentTypeId", "Required.");
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var practitioner = new PractitionerId(request.PractitionerId!.Value);
        return await InWriteTransactionAsync<StoredAppointment>([practitioner], new AgendaRead(practiceId, practitioner, start!.Value, null), async snapshot =>
        {
            if (Resolve(snapshot, request.AppointmentTypeId!.Value) is not { } type)
            {
                return ValidationError.For("appointmentTypeId", "Unknown or inactive appointment type for this practice.");
            }
            var now = clock.GetCurrentInstant();
            var check = BookingRules.Check(snapshot.Agenda, new BookingCandidate(practitioner, type, start.Value, request.PatientIsNew ?? false), now);
            if (check.Error is BookingRuleViolation violation)
            {
                return Refusal(violation, snapshot, practitioner, type, start.Value, request.PatientIsNew ?? false, now);
            }
            var hold = NewAppointment(practiceId, check.Value!, null, AppointmentStatus.Held, null, null);
            hold.HoldExpiresAt = now + HoldLifetime;
            db.Appointments.Add(hold);
            History(hold, "held", null, $"until {hold.HoldExpiresAt}");
            await db.SaveChangesAsync(ct);
            return hold;
        }, () => RaceLostAsync(practiceId, practitioner, request.AppointmentTypeId!.Value, start!.Value, request.PatientIsNew ?? false, null, ct), ct);
    }

    public async Task<Result<(StoredAppointment Booked, IReadOnlyList<StoredAppointment> SqueezedOver)>> BookAsync(
        PracticeId practiceId, BookAppointmentRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        StoredAppointment? hold = null;
        if (request.HoldId is { } holdId)
        {
            var id = new AppointmentId(holdId);
            hold = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.PracticeId == practiceId, ct);
            if (hold is null || hold.Status != AppointmentStatus.Held)
            {
                return new NotFoundError("No such hold: it may have been confirmed or released.");
            }
        }
        var start = hold?.Start ?? Http.InstantParsing.Required(errors, "start", request.Start);
        var practitionerId = hold?.PractitionerId.Value ?? request.PractitionerId;
        var typeId = hold?.AppointmentTypeId.Value ?? request.AppointmentTypeId;
        errors.Require(practitionerId is not null, "practitionerId", "Required.");
        errors.Require(typeId is not null, "appointmentTypeId", "Required.");
        errors.Require(request.PatientId is null ^ request.Patient is null, "patientId", "Give either patientId or patient, not both and not neither.");
        errors.OptionalText("notes", request.Notes, Core.Practices.PracticeValidation.MaxTextLength);
        if (request.SqueezeIn is not null
            && errors.Require(!string.IsNullOrWhiteSpace(request.SqueezeIn.Reason), "squeezeIn.reason", "A squeeze-in needs a reason."))
        {
            errors.OptionalText("squeezeIn.reason", request.SqueezeIn.Reason, Core.Practices.PracticeValidation.MaxTextLength);
        }
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var linked = await CallOfPracticeAsync(practiceId, request.CallId, ct);
        if (linked.Error is { } callError)
        {
            return callError;
        }
        var call = linked.Value;

        if (await agendas.RulesAsync(practiceId, ct) is not { Practice: var practice })
        {
            return new NotFoundError("The practice was not found.");
        }
        if (request.SqueezeIn is not null && !practice.SqueezeInRoles.Any(user.IsInRole))
        {
            return new ForbiddenError("This practice does not allow squeeze-ins for your role.");
        }
        var patient = await ResolvePatientAsync(practiceId, request, practice.TimeZone, ct);
        if (patient.Error is { } patientError)
        {
            return patientError;
        }
        var (patientId, newPatient) = patient.Value;
        var practitioner = new PractitionerId(practitionerId!.Value);
        // The fast path writes past the change tracker; a booking from a call takes the general path, which saves the call's action with it.
        if (hold is null && request.SqueezeIn is null && call is null && postgres is not null)
        {
            return await BookOnPostgresAsync(postgres, practiceId, practitioner, typeId!.Value, start!.Value, patientId!.Value, newPatient, request, ct);
        }

        return await InWriteTransactionAsync<(StoredAppointment, IReadOnlyList<StoredAppointment>)>([practitioner],
            new AgendaRead(practiceId, practitioner, start!.Value, hold?.Id), async snapshot =>
        {
            if (Resolve(snapshot, typeId!.Value) is not { } type)
            {
                return ValidationError.For("appointmentTypeId", "Unknown or inactive appointment type for this practice.");
            }
            var now = clock.GetCurrentInstant();
            var candidate = new BookingCandidate(practitioner, type, start.Value, PatientIsNew: newPatient is not null || !await HasBeenSeenAsync(patientId!.Value, ct));
            Slot slot;
            IReadOnlyList<ExistingAppointment> overlapped = [];
            if (request.SqueezeIn is not null)
            {
                var squeeze = BookingRules.CheckSqueezeIn(snapshot.Agenda, candidate,
                    new SqueezeInAuthorisation(new StaffUserId(Guid.TryParse(actor.Id, out var by) ? by : Guid.Empty), request.SqueezeIn.Reason!), now);
                if (squeeze.Error is BookingRuleViolation violation)
                {
                    return Refusal(violation, snapshot, practitioner, type, start.Value, candidate.PatientIsNew, now);
                }
                slot = squeeze.Value!.Slot;
                overlapped = squeeze.Value.Overlapped;
            }
            else
            {
                var check = BookingRules.Check(snapshot.Agenda, candidate, now);
                if (check.Error is BookingRuleViolation violation)
                {
                    return Refusal(violation, snapshot, practitioner, type, start.Value, candidate.PatientIsNew, now);
                }
                slot = check.Value!;
            }

            if (newPatient is not null)
            {
                db.Patients.Add(newPatient);
                audit.Record("patient.create", practiceId, "patient", newPatient.Id.ToString(), "created while booking");
            }
            StoredAppointment booked;
            if (hold is not null)
            {
                // The sweep that opened the transaction expires a lapsed hold; a confirmation or release at the same time may
                // have changed it too.
                if (!await ClaimStatusAsync(hold.Id, AppointmentStatus.Held, AppointmentStatus.Booked, ct))
                {
                    return new NotFoundError("No such hold: it may have expired, or been confirmed or released.");
                }
                booked = await db.Appointments.SingleAsync(a => a.Id == hold.Id, ct);
                booked.HoldExpiresAt = null;
                booked.PatientId = patientId;
                booked.CallId = request.CallId;
                booked.Notes = request.Notes;
            }
            else
            {
                booked = NewAppointment(practiceId, slot, patientId, AppointmentStatus.Booked, request.CallId, request.Notes);
                db.Appointments.Add(booked);
            }
            if (request.SqueezeIn is not null)
            {
                booked.IsSqueezeIn = true;
                booked.SqueezeInReason = request.SqueezeIn.Reason!.Trim();
            }
            History(booked, booked.IsSqueezeIn ? "squeezed_in" : "booked", request.CallId, booked.IsSqueezeIn ? booked.SqueezeInReason! : "");
            await AddCallActionAsync(call, CallActionKind.AppointmentBooked, booked.Id, booked.IsSqueezeIn ? booked.SqueezeInReason! : "", ct);
            audit.Record(booked.IsSqueezeIn ? "appointment.squeeze_in" : "appointment.book", practiceId, "appointment", booked.Id.ToString(),
                booked.IsSqueezeIn ? $"over {overlapped.Count} appointment(s): {booked.SqueezeInReason}" : "");
            await db.SaveChangesAsync(ct);

            IReadOnlyList<StoredAppointment> overlappedRows = await OverlappedRowsAsync(practitioner, overlapped, ct);
            return (booked, overlappedRows);
        }, () => RaceLostAsync(practiceId, practitioner, typeId!.Value, start!.Value, newPatient is not null, hold?.Id, ct), ct);
    }

    /// <summary>
    /// PostgreSQL, a new booking (no hold to confirm, no squeeze-in): the same check under the same locks as every
    /// other write, with the rows written past the change tracker, so the booking costs two round trips: the locks,
    /// the hold expiry and the agenda read (opening the transaction), then the inserts and the <c>COMMIT</c>. The
    /// exclusion constraint still refuses an overlap, which is a 409 with alternatives. The connection comes from the
    /// data source EF Core uses, without setting up EF Core's services for the request.
    /// </summary>
    private async Task<Result<(StoredAppointment, IReadOnlyList<StoredAppointment>)>> BookOnPostgresAsync(NpgsqlDataSource dataSource, PracticeId practiceId,
        PractitionerId practitioner, Guid typeId, Instant start, PatientId patientId, Patient? newPatient, BookAppointmentRequest request, CancellationToken ct)
    {
        await using var queued = await locks.AcquireAsync([practitioner], ct);
        var rules = await agendas.RulesAsync(practiceId, ct) ?? throw new InvalidOperationException($"No practice {practiceId}.");
        // Read under the practitioner's lock, as on the other path; the patient's other appointments are not locked on either.
        var patientIsNew = newPatient is not null || !await HasBeenSeenAsync(patientId, ct);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var inTransaction = false;
        try
        {
            var now = clock.GetCurrentInstant();
            inTransaction = true;
            var snapshot = await AgendaLoader.BuildAsync(rules, [practitioner], new TimeRange(start, start + Duration.FromDays(1)), (ids, from, to) =>
                PostgresBookingStatements.LockExpireAndReadAsync(connection, null, begin: true, [practitioner], ids, from, to, now, null, ct));
            if (Resolve(snapshot, typeId) is not { } type)
            {
                return ValidationError.For("appointmentTypeId", "Unknown or inactive appointment type for this practice.");
            }
            var candidate = new BookingCandidate(practitioner, type, start, patientIsNew);
            var check = BookingRules.Check(snapshot.Agenda, candidate, now);
            if (check.Error is BookingRuleViolation violation)
            {
                return Refusal(violation, snapshot, practitioner, type, start, candidate.PatientIsNew, now);
            }
            var booked = NewAppointment(practiceId, check.Value!, patientId, AppointmentStatus.Booked, request.CallId, request.Notes);
            List<AuditEntry> entries = newPatient is null ? [] : [audit.Entry("patient.create", practiceId, "patient", newPatient.Id.ToString(), "created while booking")];
            entries.Add(audit.Entry("appointment.book", practiceId, "appointment", booked.Id.ToString()));
            try
            {
                await PostgresBookingStatements.InsertBookingAndCommitAsync(connection, newPatient, booked,
                    NewHistory(booked, AppointmentHistoryActions.Booked, request.CallId, ""), entries, begin: false, ct);
                inTransaction = false;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ExclusionViolation)
            {
                await PostgresBookingStatements.RollbackAsync(connection);
                inTransaction = false;
                return Result<(StoredAppointment, IReadOnlyList<StoredAppointment>)>.Fail(
                    await RaceLostAsync(practiceId, practitioner, typeId, start, candidate.PatientIsNew, null, ct));
            }
            appointmentVersions.Changed(practiceId);
            return (booked, []);
        }
        finally
        {
            if (inTransaction && connection.State == System.Data.ConnectionState.Open)
            {
                await PostgresBookingStatements.RollbackAsync(connection);
            }
        }
    }

    public async Task<Result<StoredAppointment>> CancelAsync(PracticeId practiceId, AppointmentId id, CancelRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(request.Reason) && request.Reason.Length <= MaxReasonLength, "reason",
            $"A cancellation reason of at most {MaxReasonLength} characters is required.");
        errors.RequireNoControlCharactersInFreeText("reason", request.Reason);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var linked = await CallOfPracticeAsync(practiceId, request.CallId, ct);
        if (linked.Error is { } callError)
        {
            return callError;
        }
        var call = linked.Value;
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id && a.PracticeId == practiceId, ct);
        if (appointment is null)
        {
            return new NotFoundError("The appointment was not found.");
        }
        if (appointment.Status is not (AppointmentStatus.Booked or AppointmentStatus.Held))
        {
            return new ConflictError($"Only a booked or held appointment can be cancelled; this one is {SchedulingMapping.StatusCode(appointment.Status)}.");
        }
        var wasBooked = appointment.Status == AppointmentStatus.Booked;
        // Of two writes at once, one changes the status and the other finds it changed: the history, the audit, the
        // call's action and the waiting-list offer are written once.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await ClaimStatusAsync(id, appointment.Status, AppointmentStatus.Cancelled, ct))
            {
                return ChangedMeanwhile();
            }
            appointment.Status = AppointmentStatus.Cancelled;
            appointment.CancellationReason = request.Reason!.Trim();
            History(appointment, "cancelled", request.CallId, appointment.CancellationReason);
            if (request.SchedulingError == true)
            {
                History(appointment, AppointmentHistoryActions.SchedulingError, request.CallId, appointment.CancellationReason);
            }
            // Releasing a hold cancels no appointment the call made.
            if (wasBooked)
            {
                await AddCallActionAsync(call, CallActionKind.AppointmentCancelled, appointment.Id, appointment.CancellationReason, ct);
            }
            audit.Record("appointment.cancel", practiceId, "appointment", appointment.Id.ToString(), appointment.CancellationReason);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await waitingList.OfferFreedTimeAsync(appointment, ct);
        return appointment;
    }

    /// <summary>Books the new time and cancels the old one in one transaction: both happen, or nothing changes.</summary>
    public async Task<Result<StoredAppointment>> RescheduleAsync(PracticeId practiceId, AppointmentId id, RescheduleRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var start = Http.InstantParsing.Required(errors, "start", request.Start);
        errors.Require(request.Reason is null || request.Reason.Length <= MaxReasonLength, "reason", $"At most {MaxReasonLength} characters.");
        errors.RequireNoControlCharactersInFreeText("reason", request.Reason);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var linked = await CallOfPracticeAsync(practiceId, request.CallId, ct);
        if (linked.Error is { } callError)
        {
            return callError;
        }
        var call = linked.Value;
        var old = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.PracticeId == practiceId, ct);
        if (old is null)
        {
            return new NotFoundError("The appointment was not found.");
        }
        if (old.Status != AppointmentStatus.Booked)
        {
            return new ConflictError($"Only a booked appointment can be moved; this one is {SchedulingMapping.StatusCode(old.Status)}.");
        }
        var practitioner = request.PractitionerId is { } p ? new PractitionerId(p) : old.PractitionerId;
        PractitionerId[] locks = practitioner == old.PractitionerId ? [practitioner] : [practitioner, old.PractitionerId];

        var moved = await InWriteTransactionAsync<StoredAppointment>(locks, new AgendaRead(practiceId, practitioner, start!.Value, old.Id), async snapshot =>
        {
            if (Resolve(snapshot, old.AppointmentTypeId.Value, allowInactive: true) is not { } type)
            {
                return ValidationError.For("appointmentTypeId", "The appointment type no longer exists.");
            }
            var now = clock.GetCurrentInstant();
            var check = BookingRules.Check(snapshot.Agenda, new BookingCandidate(practitioner, type, start.Value, PatientIsNew: false), now);
            if (check.Error is BookingRuleViolation violation)
            {
                return Refusal(violation, snapshot, practitioner, type, start.Value, false, now);
            }
            // The old row must stop occupying the time before the new one is written (the overlap triggers see rows, not
            // intentions), and a move, cancellation or closing at the same time may have changed it already.
            if (!await ClaimStatusAsync(old.Id, AppointmentStatus.Booked, AppointmentStatus.Cancelled, ct))
            {
                return ChangedMeanwhile();
            }
            var current = await db.Appointments.SingleAsync(a => a.Id == old.Id, ct);
            current.CancellationReason = string.IsNullOrWhiteSpace(request.Reason) ? "rescheduled" : $"rescheduled: {request.Reason.Trim()}";
            await db.SaveChangesAsync(ct);
            var replacement = NewAppointment(practiceId, check.Value!, old.PatientId, AppointmentStatus.Booked, request.CallId ?? old.CallId, old.Notes);
            replacement.RescheduledFromId = old.Id;
            db.Appointments.Add(replacement);
            History(current, "rescheduled", request.CallId, $"to {replacement.Id}");
            if (request.SchedulingError == true)
            {
                History(current, AppointmentHistoryActions.SchedulingError, request.CallId, current.CancellationReason);
            }
            History(replacement, "booked", request.CallId, $"rescheduled from {old.Id}");
            await AddCallActionAsync(call, CallActionKind.AppointmentMoved, replacement.Id, request.Reason?.Trim() ?? "", ct);
            audit.Record("appointment.reschedule", practiceId, "appointment", replacement.Id.ToString(), $"from {old.Id}");
            await db.SaveChangesAsync(ct);
            return replacement;
        }, () => RaceLostAsync(practiceId, practitioner, old.AppointmentTypeId.Value, start!.Value, false, old.Id, ct), ct);
        if (moved.IsSuccess)
        {
            await waitingList.OfferFreedTimeAsync(old, ct);
        }
        return moved;
    }

    /// <summary>Marks a booked appointment completed or no-show, once its start has passed.</summary>
    public async Task<Result<StoredAppointment>> CloseAsync(PracticeId practiceId, AppointmentId id, AppointmentStatus outcome, Guid? callId, CancellationToken ct)
    {
        // No action kind records a kept or missed appointment on the call: the call is only checked to be the practice's.
        if ((await CallOfPracticeAsync(practiceId, callId, ct)).Error is { } callError)
        {
            return callError;
        }
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id && a.PracticeId == practiceId, ct);
        if (appointment is null)
        {
            return new NotFoundError("The appointment was not found.");
        }
        if (appointment.Status != AppointmentStatus.Booked)
        {
            return new ConflictError($"Only a booked appointment can be marked; this one is {SchedulingMapping.StatusCode(appointment.Status)}.");
        }
        if (clock.GetCurrentInstant() < appointment.Start)
        {
            return new ConflictError("The appointment has not started yet.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await ClaimStatusAsync(id, AppointmentStatus.Booked, outcome, ct))
        {
            return ChangedMeanwhile();
        }
        appointment.Status = outcome;
        var action = outcome == AppointmentStatus.NoShow ? "no_show" : "completed";
        History(appointment, action, callId, "");
        audit.Record($"appointment.{action}", practiceId, "appointment", appointment.Id.ToString());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return appointment;
    }

    /// <summary>
    /// Changes the appointment's status from <paramref name="from"/> to <paramref name="to"/> if it still is
    /// <paramref name="from"/>, in the caller's transaction: of two writes at once, one changes it and the other finds it
    /// changed (false) instead of overwriting it.
    /// </summary>
    private async Task<bool> ClaimStatusAsync(AppointmentId id, AppointmentStatus from, AppointmentStatus to, CancellationToken ct) =>
        await db.Appointments.Where(a => a.Id == id && a.Status == from).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, to), ct) == 1;

    private static ConflictError ChangedMeanwhile() => new("The appointment was changed meanwhile; reload it and try again.");

    /// <summary>The call a request names, or none; an unknown call or one of another practice is a 400 on <c>callId</c>.</summary>
    private async Task<Result<CallId?>> CallOfPracticeAsync(PracticeId practiceId, Guid? callId, CancellationToken ct)
    {
        if (callId is not { } value)
        {
            return Result<CallId?>.Ok(null);
        }
        var id = new CallId(value);
        return await CallActionLinks.IsCallOfPracticeAsync(db, practiceId, id, ct)
            ? Result<CallId?>.Ok(id)
            : ValidationError.For("callId", "No such call in this practice.");
    }

    /// <summary>Adds what the write produced to the call's actions, in the write's transaction (<see cref="CallActionLinks"/>).</summary>
    private async Task AddCallActionAsync(CallId? call, CallActionKind kind, AppointmentId target, string note, CancellationToken ct)
    {
        if (call is { } id)
        {
            await CallActionLinks.AddIfOpenAsync(db, id, kind, target.Value, note, clock.GetCurrentInstant(), ct);
        }
    }

    /// <summary>The agenda a write checks: one practitioner's, from <see cref="Start"/> for a day, leaving <see cref="Except"/> out.</summary>
    private sealed record AgendaRead(PracticeId PracticeId, PractitionerId Practitioner, Instant Start, AppointmentId? Except);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction holding the locks of <paramref name="practitioners"/>, with the
    /// agenda <paramref name="read"/> names read under those locks, after the holds of those practitioners that ran out
    /// are marked expired.
    /// </summary>
    /// <param name="raceLost">Builds the 409 when the database itself refused an overlap that slipped past the check.</param>
    private async Task<Result<T>> InWriteTransactionAsync<T>(IReadOnlyCollection<PractitionerId> practitioners, AgendaRead read,
        Func<AgendaSnapshot, Task<Result<T>>> work, Func<Task<Error>> raceLost, CancellationToken ct)
    {
        await using var queued = await locks.AcquireAsync(practitioners, ct);
        var rules = await agendas.RulesAsync(read.PracticeId, ct) ?? throw new InvalidOperationException($"No practice {read.PracticeId}.");
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // On SQLite this is BEGIN IMMEDIATE: writers queue here, so check-then-insert cannot interleave.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The whole unit commits or rolls back together; savepoints per SaveChanges would only add round trips.
            db.Database.AutoSavepointsEnabled = false;
            var now = clock.GetCurrentInstant();
            var window = new TimeRange(read.Start, read.Start + Duration.FromDays(1));
            var snapshot = await AgendaLoader.BuildAsync(rules, [read.Practitioner], window, (ids, from, to) => db.Database.IsNpgsql()
                ? PostgresBookingStatements.LockExpireAndReadAsync((NpgsqlConnection)db.Database.GetDbConnection(),
                    (NpgsqlTransaction)transaction.GetDbTransaction(), begin: false, practitioners, ids, from, to, now, read.Except, ct)
                : ExpireAndReadAsync(practitioners, ids, from, to, now, read.Except, ct));
            try
            {
                var result = await work(snapshot);
                if (result.IsSuccess)
                {
                    await transaction.CommitAsync(ct);
                }
                else
                {
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                }
                return result;
            }
            catch (DbUpdateException e) when (IsOverlap(e))
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return Result<T>.Fail(await raceLost());
            }
        });
    }

    /// <summary>SQLite: the transaction already holds the single writer lock.</summary>
    private async Task<List<ExistingAppointment>> ExpireAndReadAsync(IReadOnlyCollection<PractitionerId> locked, IReadOnlyCollection<PractitionerId> read,
        Instant from, Instant to, Instant now, AppointmentId? except, CancellationToken ct)
    {
        var ids = locked.ToList();
        await db.Appointments.IgnoreQueryFilters()
            .Where(a => ids.Contains(a.PractitionerId) && a.Status == AppointmentStatus.Held && a.HoldExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AppointmentStatus.Expired), ct);
        return await agendas.ReadOccupyingAsync(read, from, to, now, except, ct);
    }

    private async Task<Error> RaceLostAsync(PracticeId practiceId, PractitionerId practitioner, Guid typeId, Instant start, bool patientIsNew, AppointmentId? except, CancellationToken ct)
    {
        var snapshot = await LoadForAsync(practiceId, practitioner, start, except, ct);
        var now = clock.GetCurrentInstant();
        IReadOnlyList<Slot> alternatives = Resolve(snapshot, typeId, allowInactive: true) is { } type
            ? SlotSearch.NextAlternatives(snapshot.Agenda, new BookingCandidate(practitioner, type, start, patientIsNew), AlternativesOffered, now)
            : [];
        return new SlotTaken("The time was taken a moment ago by another booking.", alternatives, snapshot.Agenda.Practice.Zone);
    }

    private static bool IsOverlap(DbUpdateException e) => e.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.ExclusionViolation,
        SqliteException sqlite => sqlite.Message.Contains("appointments_no_overlap", StringComparison.Ordinal),
        _ => false,
    };

    private Task<AgendaSnapshot> LoadForAsync(PracticeId practiceId, PractitionerId practitioner, Instant start, AppointmentId? except, CancellationToken ct) =>
        agendas.LoadAsync(practiceId, [practitioner], new TimeRange(start, start + Duration.FromDays(1)), clock.GetCurrentInstant(), except, ct);

    private static RuleType? Resolve(AgendaSnapshot snapshot, Guid typeId, bool allowInactive = false) =>
        snapshot.Types.TryGetValue(new AppointmentTypeId(typeId), out var type) && (allowInactive || snapshot.ActiveTypes.Contains(type.Id)) ? type : null;

    private static Error Refusal(BookingRuleViolation violation, AgendaSnapshot snapshot, PractitionerId practitioner, RuleType type, Instant start, bool patientIsNew, Instant now)
    {
        if (!violation.SlotIsTaken)
        {
            return new ValidationError(violation.Message, new Dictionary<string, string[]> { ["start"] = [violation.Message] });
        }
        var alternatives = SlotSearch.NextAlternatives(snapshot.Agenda, new BookingCandidate(practitioner, type, start, patientIsNew), AlternativesOffered, now);
        return new SlotTaken(violation.Message, alternatives, snapshot.Agenda.Practice.Zone);
    }

    private async Task<Result<(PatientId? Id, Patient? New)>> ResolvePatientAsync(PracticeId practiceId, BookAppointmentRequest request, DateTimeZone zone, CancellationToken ct)
    {
        if (request.PatientId is { } existing)
        {
            var id = new PatientId(existing);
            return await db.Patients.AnyAsync(p => p.Id == id && p.PracticeId == practiceId, ct)
                ? (id, null)
                : ValidationError.For("patientId", "No such patient in this practice.");
        }
        var created = PatientValidation.Apply(request.Patient!, practiceId, clock.GetCurrentInstant().InZone(zone).Date);
        if (created.Error is ValidationError invalid)
        {
            return new ValidationError(invalid.Message, invalid.Fields.ToDictionary(f => $"patient.{f.Key}", f => f.Value, StringComparer.Ordinal));
        }
        created.Value!.CreatedAt = clock.GetCurrentInstant();
        return (created.Value.Id, created.Value);
    }

    /// <summary>A patient is new to the practice until they have an appointment that was kept or is still to come.</summary>
    private Task<bool> HasBeenSeenAsync(PatientId patient, CancellationToken ct) =>
        db.Appointments.AnyAsync(a => a.PatientId == patient && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.Completed), ct);

    private async Task<IReadOnlyList<StoredAppointment>> OverlappedRowsAsync(PractitionerId practitioner, IReadOnlyList<ExistingAppointment> overlapped, CancellationToken ct)
    {
        if (overlapped.Count == 0)
        {
            return [];
        }
        var starts = overlapped.Select(o => o.Time.Start).ToList();
        var occupying = StoredAppointment.OccupyingStatuses.ToList();
        return await db.Appointments.AsNoTracking()
            .Where(a => a.PractitionerId == practitioner && starts.Contains(a.Start) && occupying.Contains(a.Status) && !a.IsSqueezeIn)
            .ToListAsync(ct);
    }

    private StoredAppointment NewAppointment(PracticeId practiceId, Slot slot, PatientId? patient, AppointmentStatus status, Guid? callId, string? notes) => new()
    {
        PracticeId = practiceId,
        PractitionerId = slot.PractitionerId,
        AppointmentTypeId = slot.AppointmentTypeId,
        PatientId = patient,
        Start = slot.Time.Start,
        End = slot.Time.End,
        BlockedStart = slot.BlockedRange.Start,
        BlockedEnd = slot.BlockedRange.End,
        Status = status,
        CallId = callId,
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(),
        CreatedAt = clock.GetCurrentInstant(),
        CreatedBy = actor.Name,
    };

    private void History(StoredAppointment appointment, string action, Guid? callId, string detail) =>
        db.AppointmentHistory.Add(NewHistory(appointment, action, callId, detail));

    private AppointmentHistoryEntry NewHistory(StoredAppointment appointment, string action, Guid? callId, string detail) =>
        new()
        {
            AppointmentId = appointment.Id,
            PracticeId = appointment.PracticeId,
            At = clock.GetCurrentInstant(),
            Action = action,
            Actor = actor.Name,
            CallId = callId,
            Detail = detail,
        };
}
