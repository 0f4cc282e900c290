using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Messaging;
using Permanence.Core.Practices;
using Permanence.Core.Routing;
using Permanence.Data;
using Permanence.Web.Calls;
using Permanence.Web.Messaging;

namespace Permanence.Web.Routing;

/// <summary>The form fields of a TwiML webhook Permanence reads; the provider sends many more.</summary>
public sealed record TwimlRequest(string? CallSid, string? From, string? To, string? CallStatus, string? RecordingUrl, string? TranscriptionText,
    string? Digits = null, string? QueueResult = null)
{
    /// <summary>
    /// The fields holding a control character (the transcription may hold line breaks and tabs), or null when there is
    /// none. Checked before any handler runs: the call id and numbers are looked up and stored, the transcription is
    /// stored, and PostgreSQL refuses text with NUL.
    /// </summary>
    public ValidationError? ControlCharacterErrors()
    {
        var errors = new ValidationErrors();
        errors.RequireNoControlCharacters("CallSid", CallSid);
        errors.RequireNoControlCharacters("From", From);
        errors.RequireNoControlCharacters("To", To);
        errors.RequireNoControlCharacters("CallStatus", CallStatus);
        errors.RequireNoControlCharacters("RecordingUrl", RecordingUrl);
        errors.RequireNoControlCharactersInFreeText("TranscriptionText", TranscriptionText);
        errors.RequireNoControlCharacters("Digits", Digits);
        errors.RequireNoControlCharacters("QueueResult", QueueResult);
        return errors.HasErrors ? errors.ToError() : null;
    }
}

/// <summary>
/// Answers the provider's TwiML webhooks: routes an incoming call with <see cref="CallRouter"/> and the practice's
/// on-call roster, keeps the call log up to date through <see cref="CallEventIngestion"/> (event ids derived from the
/// provider's call id, so a retried webhook changes nothing), and turns a voicemail into a practitioner message.
/// </summary>
public sealed partial class TwimlCallRouting(PermanenceDbContext db, CallEventIngestion ingestion, AcdService acd, IClock clock, IOptions<TwilioOptions> options,
    RoutedMessageNotifier messages, ILogger<TwimlCallRouting> logger)
{
    public const string VoicemailPath = "/telephony/twiml/voicemail";
    public const string WaitPath = "/telephony/twiml/wait";

    /// <summary>How long the hold message pauses before the provider posts the wait URL again.</summary>
    private const int WaitPauseSeconds = 10;
    private const string Actor = "telephony";

    /// <summary>Ended statuses of a provider call; queued, ringing and in-progress change nothing in the log.</summary>
    private static readonly HashSet<string> EndedStatuses = new(StringComparer.Ordinal) { "completed", "busy", "no-answer", "failed", "canceled" };

    private static readonly HashSet<string> OngoingStatuses = new(StringComparer.Ordinal) { "queued", "initiated", "ringing", "in-progress" };

    public async Task<Result<XDocument>> AnswerAsync(TwimlRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        RequireField(errors, "CallSid", request.CallSid, MaxCallSidLength);
        RequireField(errors, "From", request.From);
        RequireField(errors, "To", request.To);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var now = clock.GetCurrentInstant();
        var dialed = PhoneNumber.TryParse(request.To);
        var practice = dialed is null ? null : await db.Practices.AsNoTracking()
            .Include(p => p.OpeningHours).Include(p => p.Closures)
            .FirstOrDefaultAsync(p => p.RoutineNumber == dialed.E164 || p.UrgentNumber == dialed.E164, ct);
        var ringing = await LogEventAsync(request, CallEventType.Ringing, "ringing", now, ct);
        if (practice is null)
        {
            return VoiceScript.UnknownNumber(LanguageOf(dialed));
        }
        var urgentLine = practice.UrgentNumber == dialed!.E164;
        var roster = await db.OnCallShifts.AsNoTracking()
            .Where(s => s.PracticeId == practice.Id && s.Start <= now && s.End > now)
            .ToListAsync(ct);
        var decision = CallRouter.Decide(practice, urgentLine, now, roster.Select(s => s.ToShift()));
        await RecordDecisionAsync(request.CallSid!, decision, ct);
        LogRouted(logger, request.CallSid!, decision.Kind);
        if (decision.Kind == RouteKind.Queue && ringing is not null)
        {
            await acd.EnqueueAsync(new CallId(ringing.CallId), ct);
        }
        return VoiceScript.For(decision, practice.Name, VoiceScript.QueueName(practice.Id.Value, urgentLine),
            LanguageOf(PhoneNumber.TryParse(practice.RoutineNumber)), new VoicemailSettings(VoicemailPath, options.Value.VoicemailMaxSeconds),
            new QueuePaths(WaitPath, PhoneSurvey.QuestionPath));
    }

    /// <summary>The provider's wait URL: <c>Leave</c> once the ACD overflowed the call, else hold on.</summary>
    public async Task<Result<XDocument>> WaitAsync(TwimlRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        RequireField(errors, "CallSid", request.CallSid, MaxCallSidLength);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var (call, practice) = await FindCallAsync(request.CallSid!, ct);
        var overflowed = call is not null && await db.AuditEntries.AsNoTracking().IgnoreQueryFilters()
            .AnyAsync(a => a.Action == AcdService.OverflowedAction && a.EntityType == "call" && a.EntityId == call.Id.ToString(), ct);
        return VoiceScript.QueueWait(LanguageOf(PhoneNumber.TryParse(practice?.RoutineNumber ?? request.To)), overflowed, WaitPauseSeconds);
    }

    /// <summary>The caller left the queue after an overflow: voicemail or a call-back promise, per the practice's policy.</summary>
    public async Task<Result<XDocument>> LeftQueueAsync(TwimlRequest request, CancellationToken ct)
    {
        var (_, practice) = await FindCallAsync(request.CallSid!, ct);
        var language = LanguageOf(PhoneNumber.TryParse(practice?.RoutineNumber ?? request.To));
        var voicemail = practice?.QueueOverflow != QueueOverflowPolicy.CallbackTask;
        return VoiceScript.QueueOverflowed(language, voicemail, new VoicemailSettings(VoicemailPath, options.Value.VoicemailMaxSeconds));
    }

    private async Task<(Call? Call, Practice? Practice)> FindCallAsync(string callSid, CancellationToken ct)
    {
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.ProviderCallId == callSid, ct);
        var practice = call?.PracticeId is { } practiceId ? await db.Practices.AsNoTracking().FirstOrDefaultAsync(p => p.Id == practiceId, ct) : null;
        return (call, practice);
    }

    /// <summary>A status callback: an ended call (completed, busy, no-answer, failed, canceled) ends it in the call log.</summary>
    public async Task<Result<XDocument>> StatusAsync(TwimlRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        RequireField(errors, "CallSid", request.CallSid, MaxCallSidLength);
        var status = request.CallStatus?.Trim().ToLowerInvariant();
        errors.Require(status is not null && (EndedStatuses.Contains(status) || OngoingStatuses.Contains(status)), "CallStatus",
            "Expected one of: queued, initiated, ringing, in-progress, completed, busy, no-answer, failed, canceled.");
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        if (EndedStatuses.Contains(status!) && await LogEventAsync(request, CallEventType.Ended, "ended", clock.GetCurrentInstant(), ct) is { } ended)
        {
            await acd.EndedAsync(new CallId(ended.CallId), ct);
        }
        return VoiceScript.Empty();
    }

    /// <summary>
    /// The recording's action callback (thank the caller, hang up) or its transcription callback (fill in the text):
    /// both land on one practitioner message per call, due the next working day at noon like any routine item.
    /// </summary>
    public async Task<Result<XDocument>> VoicemailAsync(TwimlRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        RequireField(errors, "CallSid", request.CallSid, MaxCallSidLength);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var now = clock.GetCurrentInstant();
        if (await LogEventAsync(request, CallEventType.Voicemail, "voicemail", now, ct) is { } voicemail)
        {
            await acd.EndedAsync(new CallId(voicemail.CallId), ct);
        }
        var call = await db.Calls.AsNoTracking().FirstOrDefaultAsync(c => c.ProviderCallId == request.CallSid, ct);
        // With its hours and closures: they set the voicemail message's due day.
        var practice = call?.PracticeId is { } practiceId
            ? await db.Practices.AsNoTracking().Include(p => p.OpeningHours).Include(p => p.Closures).FirstOrDefaultAsync(p => p.Id == practiceId, ct)
            : null;
        var language = LanguageOf(PhoneNumber.TryParse(practice?.RoutineNumber ?? request.To));
        if (call is null || practice is null)
        {
            LogVoicemailWithoutPractice(logger, request.CallSid!);
            return VoiceScript.VoicemailRecorded(language);
        }
        var text = string.IsNullOrWhiteSpace(request.TranscriptionText) ? null : Clip(request.TranscriptionText, CallScript.MaxTextLength - 1000);
        var recording = string.IsNullOrWhiteSpace(request.RecordingUrl) ? null : Clip(request.RecordingUrl, 500);
        // The recording's and the transcription's callbacks may come at once: the call's row is locked (SQLite: the
        // write lock) while its message is looked for and written, so there is only ever one.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Calls.Where(c => c.Id == call.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.EndedAt, c => c.EndedAt), ct);
        // A call that overflowed the queue already has the ACD's message: the recording completes it.
        var message = await db.PractitionerMessages.FirstOrDefaultAsync(m => m.CallId == call.Id && (m.CreatedBy == Actor || m.CreatedBy == AcdService.Actor), ct);
        var created = message is null;
        if (message is null)
        {
            var owner = await db.Practitioners.AsNoTracking()
                .Where(p => p.PracticeId == practice.Id && p.IsActive).OrderBy(p => p.DisplayName).Select(p => (PractitionerId?)p.Id).FirstOrDefaultAsync(ct);
            if (owner is null)
            {
                LogVoicemailWithoutPractitioner(logger, request.CallSid!);
                return VoiceScript.VoicemailRecorded(language);
            }
            message = new PractitionerMessage
            {
                PracticeId = practice.Id,
                PractitionerId = owner.Value,
                Kind = MessageKind.Message,
                Subject = "Message vocal hors heures d'ouverture",
                Priority = UrgencyLevel.Routine,
                CallbackNumber = CallerIds.Number(call.FromNumber),
                CallId = call.Id,
                Status = MessageStatus.New,
                CreatedAt = now,
                CreatedBy = Actor,
                DueAt = MessageDueTime.For(UrgencyLevel.Routine, now, practice),
            };
            message.Body = Body(text, recording);
            message.Log("created", now, Actor, "message routine (voicemail)");
            db.PractitionerMessages.Add(message);
        }
        else if (text is not null)
        {
            message.Body = Body(text, recording ?? Recording(message.Body));
        }
        else if (recording is not null && Recording(message.Body) is null)
        {
            message.Body = Body(Transcription(message.Body), recording);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (created)
        {
            messages.Enqueue([message], Actor);
        }
        // The transcription callback expects no TwiML; the recording's action answers the caller.
        return request.TranscriptionText is null ? VoiceScript.VoicemailRecorded(language) : VoiceScript.Empty();
    }

    private const string RecordingPrefix = "Enregistrement : ";

    private const string NoTranscriptionYet = "(transcription pas encore reçue)";

    private static string Body(string? transcription, string? recording) => string.Join("\n",
        new[] { transcription ?? NoTranscriptionYet, recording is null ? null : RecordingPrefix + recording }.OfType<string>());

    /// <summary>The transcription a body holds (the lines before the recording), or null while none came.</summary>
    private static string? Transcription(string body)
    {
        var text = string.Join("\n", body.Split('\n').TakeWhile(l => !l.StartsWith(RecordingPrefix, StringComparison.Ordinal)));
        return text.Length == 0 || text == NoTranscriptionYet ? null : text;
    }

    private static string? Recording(string body) =>
        body.Split('\n').FirstOrDefault(l => l.StartsWith(RecordingPrefix, StringComparison.Ordinal))?[RecordingPrefix.Length..];

    internal CallerLanguage LanguageOf(PhoneNumber? number) =>
        number is null || VoiceScript.FrenchRegions.Contains(number.Region)
            ? new CallerLanguage("fr-FR", options.Value.FrenchVoice)
            : new CallerLanguage("en-US", options.Value.EnglishVoice);

    private async Task<CallEventReceipt?> LogEventAsync(TwimlRequest request, CallEventType type, string code, Instant at, CancellationToken ct)
    {
        var from = Clip(request.From);
        var to = Clip(request.To);
        var dialed = PhoneNumber.TryParse(to);
        var callSid = Clip(request.CallSid, MaxCallSidLength);
        var incoming = new ValidCallEvent($"twilio:{callSid}:{code}", callSid, type,
            PhoneNumber.TryParse(from)?.E164 ?? from, dialed?.E164 ?? to, dialed, at, null, null);
        var receipt = await ingestion.IngestAsync(incoming, ct);
        if (receipt is null)
        {
            LogNotLogged(logger, request.CallSid!, code);
        }
        return receipt;
    }

    private async Task RecordDecisionAsync(string callSid, RoutingDecision decision, CancellationToken ct)
    {
        var call = await db.Calls.FirstOrDefaultAsync(c => c.ProviderCallId == callSid, ct);
        // A retried webhook keeps the decision the caller actually heard first.
        if (call is null || call.RoutingKind is not null)
        {
            return;
        }
        call.RoutingKind = decision.Kind;
        call.RoutingReason = decision.Reason.Length <= CallScript.MaxTextLength ? decision.Reason : decision.Reason[..CallScript.MaxTextLength];
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Room left in an event id (<c>twilio:{CallSid}:voicemail</c>) for the provider's call id.</summary>
    private const int MaxCallSidLength = CallEventValidation.MaxIdLength - 32;

    private static string Clip(string? value, int max = CallEventValidation.MaxNumberLength) =>
        (value ?? "").Trim() is var v && v.Length > max ? v[..max] : v;

    private static void RequireField(ValidationErrors errors, string field, string? value, int max = CallEventValidation.MaxNumberLength) =>
        errors.Require(!string.IsNullOrWhiteSpace(value) && value.Trim().Length <= max, field, $"Required, at most {max} characters.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid} routed: {Kind}")]
    private static partial void LogRouted(ILogger logger, string callSid, RouteKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid}: the {Event} event could not be logged against concurrent deliveries")]
    private static partial void LogNotLogged(ILogger logger, string callSid, string @event);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voicemail of call {CallSid} matches no practice; no message created")]
    private static partial void LogVoicemailWithoutPractice(ILogger logger, string callSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voicemail of call {CallSid}: the practice has no active practitioner to receive it; no message created")]
    private static partial void LogVoicemailWithoutPractitioner(ILogger logger, string callSid);
}
