using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Messaging;
using Permanence.Core.Patients;
using Permanence.Core.Scheduling;
using Permanence.Core.Triage;
using Permanence.Data;
using Permanence.Web.Calls;
using Permanence.Web.Messaging;
using Permanence.Web.Scheduling;
using Permanence.Web.Triage;

namespace Permanence.Web.Console.Calls;

/// <summary>What the call panel needs to know about the practice beyond the pop-up card.</summary>
public sealed record DeskPractice(Guid Id, string Name, DateTimeZone Zone, Specialty Specialty, IReadOnlyList<DeskAppointmentType> AppointmentTypes,
    IReadOnlyList<DeskPractitioner> Practitioners);

public sealed record DeskAppointmentType(Guid Id, string Name, int DurationMinutes, string PreparationInstructions, IReadOnlyList<string> DocumentsToBring);

public sealed record DeskPractitioner(Guid Id, string DisplayName);

/// <summary>One earlier call of the same patient, for the history list.</summary>
public sealed record DeskCallHistoryItem(Instant StartedAt, string? Reason, string? Urgency, string? Disposition);

/// <summary>
/// The call panel's access to the application: the same services as the HTTP API (call record, caller
/// identification, triage, slot search and booking, messaging), each operation in its own scope carrying the
/// circuit's user.
/// </summary>
public sealed class CallDeskService(ConsoleServices services)
{
    /// <summary>How far ahead the first-available search looks.</summary>
    public static readonly Duration SearchHorizon = Duration.FromDays(60);

    public Task<DeskPractice?> PracticeAsync(Guid practiceId) => services.RunAsync(async sp =>
    {
        var db = sp.GetRequiredService<PermanenceDbContext>();
        var id = new PracticeId(practiceId);
        var practice = await db.Practices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (practice is null)
        {
            return null;
        }
        var types = await db.AppointmentTypes.AsNoTracking().Where(t => t.PracticeId == id && t.IsActive).OrderBy(t => t.Name).ToListAsync();
        var practitioners = await db.Practitioners.AsNoTracking().Where(p => p.PracticeId == id && p.IsActive).OrderBy(p => p.DisplayName)
            .Select(p => new DeskPractitioner(p.Id.Value, p.DisplayName)).ToListAsync();
        return new DeskPractice(practice.Id.Value, practice.Name, practice.TimeZone, practice.Specialty,
            [.. types.Select(t => new DeskAppointmentType(t.Id.Value, t.Name, t.DurationMinutes, t.PreparationInstructions, t.DocumentsToBring))], practitioners);
    });

    /// <summary>The signed-in staff member's display name, for the greeting.</summary>
    public Task<string> DisplayNameAsync(ClaimsPrincipal user) => services.RunAsync(async sp =>
    {
        var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : Guid.Empty;
        return await sp.GetRequiredService<PermanenceDbContext>().Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync()
            ?? user.Identity?.Name ?? "";
    });

    public Task<Result<CallDetailDto>> RecordStepAsync(Guid practiceId, Guid callId, CallStep step, CallStepInput input) =>
        services.RunAsync(sp => sp.GetRequiredService<CallRecordService>().RecordStepAsync(practiceId, callId, step.ToCode(), input, CancellationToken.None));

    public Task<Result<CallDetailDto>> WrapUpAsync(Guid practiceId, Guid callId, CallDisposition disposition) =>
        services.RunAsync(sp => sp.GetRequiredService<CallRecordService>().WrapUpAsync(practiceId, callId, disposition.ToCode(), CancellationToken.None));

    public Task<Result<(PatientId PatientId, CallDetailDto Call)>> CreatePatientAsync(Guid practiceId, Guid callId, PatientInput input) =>
        services.RunAsync(sp => sp.GetRequiredService<CallRecordService>().CreatePatientAsync(practiceId, callId, input, CancellationToken.None));

    public Task<Result<List<CallerCandidateDto>>> CandidatesAsync(Guid practiceId, string? phone, string? lastName, string? birthDate) =>
        services.RunAsync(sp => sp.GetRequiredService<CallerIdentification>().CandidatesAsync(new PracticeId(practiceId), phone, lastName, birthDate, CancellationToken.None));

    /// <summary>The triage suggestion for the reason as typed, with the practice's overrides.</summary>
    public Task<TriageResult> TriageAsync(Guid practiceId, Specialty specialty, string text) => services.RunAsync(sp =>
        sp.GetRequiredService<ReasonTriage>().EvaluateAsync(new PracticeId(practiceId), specialty, text, CancellationToken.None));

    /// <summary>The earliest free slots for the type across the practice's practitioners, as the slot API finds them.</summary>
    public Task<Result<IReadOnlyList<Slot>>> FirstAvailableAsync(Guid practiceId, Guid appointmentTypeId, bool patientIsNew, int limit) => services.RunAsync(async sp =>
    {
        var now = sp.GetRequiredService<IClock>().GetCurrentInstant();
        var snapshot = await sp.GetRequiredService<AgendaLoader>().LoadAsync(new PracticeId(practiceId), [], TimeRange.StartingAt(now, SearchHorizon), now, except: null, CancellationToken.None);
        if (!snapshot.Types.TryGetValue(new AppointmentTypeId(appointmentTypeId), out var type) || !snapshot.ActiveTypes.Contains(type.Id))
        {
            return (Result<IReadOnlyList<Slot>>)ValidationError.For("appointmentTypeId", "Unknown or inactive appointment type for this practice.");
        }
        var page = SlotSearch.Find(snapshot.Agenda, new SlotQuery { Type = type, Window = TimeRange.StartingAt(now, SearchHorizon), PatientIsNew = patientIsNew, Limit = limit }, now);
        return Result<IReadOnlyList<Slot>>.Ok(page.Slots);
    });

    /// <summary>Books the slot for the patient through the booking service, which records it as the call's action in the same save.</summary>
    public Task<Result<StoredAppointment>> BookAsync(Guid practiceId, Guid callId, Slot slot, Guid patientId, ClaimsPrincipal user) => services.RunAsync(async sp =>
    {
        var request = new BookAppointmentRequest(slot.PractitionerId.Value, slot.AppointmentTypeId.Value, InstantPattern.ExtendedIso.Format(slot.Time.Start),
            patientId, null, null, callId, null, null);
        var booked = await sp.GetRequiredService<BookingService>().BookAsync(new PracticeId(practiceId), request, user, CancellationToken.None);
        return booked.Error is { } error ? error : (Result<StoredAppointment>)booked.Value.Booked;
    });

    public Task<Result<MessageDto>> CreateMessageAsync(Guid practiceId, MessageInput input) =>
        services.RunAsync(sp => sp.GetRequiredService<MessageService>().CreateAsync(new PracticeId(practiceId), input, CancellationToken.None));

    /// <summary>The patient's latest calls to the practice, newest first, without the current one.</summary>
    public Task<List<DeskCallHistoryItem>> HistoryAsync(Guid practiceId, Guid patientId, Guid currentCallId) => services.RunAsync(async sp =>
    {
        var practice = new PracticeId(practiceId);
        var patient = new PatientId(patientId);
        var current = new CallId(currentCallId);
        var calls = await sp.GetRequiredService<PermanenceDbContext>().Calls.AsNoTracking()
            .Where(c => c.PracticeId == practice && c.PatientId == patient && c.Id != current)
            .OrderByDescending(c => c.StartedAt).Take(10).ToListAsync();
        return calls.Select(c => new DeskCallHistoryItem(c.StartedAt, c.Reason, c.Urgency?.ToCode(), c.Disposition?.ToCode())).ToList();
    });
}
