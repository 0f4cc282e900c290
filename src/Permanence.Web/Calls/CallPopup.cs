using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using NodaTime;
using Permanence.Data;
using Permanence.Data.Audit;

namespace Permanence.Web.Calls;

/// <summary>
/// What the console shows when a call rings, is answered or ends: the practice card the secretary reads from and the
/// patients whose phone numbers match the caller. Sent only to connections assigned to the practice.
/// </summary>
public sealed record CallPopupDto(
    Guid CallId, Guid PracticeId, string? Line, string EventType, string From,
    PracticeCardDto Practice, IReadOnlyList<PopupCandidateDto> Candidates);

/// <summary>
/// The practice as the secretary needs it during a call. <see cref="Greeting"/> is rendered with the answering
/// secretary's name once the call is answered; before that <c>{secretary}</c> is left for the console to fill with the
/// signed-in user's name.
/// </summary>
public sealed record PracticeCardDto(
    string Name, string Greeting, string Address, string AccessInstructions,
    IReadOnlyList<PopupPractitionerDto> Practitioners, IReadOnlyList<PopupPlaybookEntryDto> Playbook,
    IReadOnlyList<string> DocumentsToBring, string AfterHoursPolicy, string? AfterHoursForwardNumber);

public sealed record PopupPractitionerDto(Guid Id, string DisplayName, string Preferences);

public sealed record PopupPlaybookEntryDto(string Question, string Answer);

public sealed record PopupCandidateDto(Guid PatientId, string LastName, string FirstName, string BirthDate, string MatchedOn);

/// <summary>
/// Hands stored call events to the pop-up worker. Called after the event is committed, never inside the ingestion's
/// transaction; the bounded queue keeps a slow hub from holding back the telephony provider.
/// </summary>
public sealed partial class CallPopupQueue(PopupAudience audience, ILogger<CallPopupQueue> logger)
{
    /// <summary>Pop-ups older than this many queued events are dropped rather than delaying ingestion.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<CallPopupRequest> _channel = Channel.CreateBounded<CallPopupRequest>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public ChannelReader<CallPopupRequest> Reader => _channel.Reader;

    /// <summary>
    /// Queues a pop-up for the events the console reacts to; other events, unknown numbers and practices with no console
    /// connected need none.
    /// </summary>
    public void Enqueue(Call call, CallEventType type, StaffUserId? agentId) =>
        Enqueue(call.Id, call.PracticeId, call.Line, type, call.FromNumber, agentId ?? call.AgentId);

    /// <summary>As <see cref="Enqueue(Call, CallEventType, StaffUserId?)"/>, from what the event and its line say.</summary>
    public void Enqueue(CallId callId, PracticeId? practice, CallLine? line, CallEventType type, string from, StaffUserId? agentId)
    {
        if (practice is not { } practiceId || type is not (CallEventType.Ringing or CallEventType.Answered or CallEventType.Ended)
            || !audience.AnyoneIn(practiceId))
        {
            return;
        }
        if (!_channel.Writer.TryWrite(new CallPopupRequest(callId, practiceId, line, type, from, agentId)))
        {
            LogDropped(logger, callId.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pop-up queue full; the pop-up of call {CallId} was dropped")]
    private static partial void LogDropped(ILogger logger, Guid callId);
}

public sealed record CallPopupRequest(CallId CallId, PracticeId PracticeId, CallLine? Line, CallEventType Type, string From, StaffUserId? AgentId);

/// <summary>Builds each queued pop-up from the database and sends it to the practice's pop-up group and console circuits.</summary>
public sealed partial class CallPopupWorker(CallPopupQueue queue, IServiceScopeFactory scopes, IHubContext<CallsHub> hub, CallPopupBroadcaster console,
    ILogger<CallPopupWorker> logger)
    : BackgroundService
{
    private const int MaxCandidates = 20;
    private const string AuditActor = "call-popup";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PermanenceDbContext>();
                if (await BuildAsync(db, request, stoppingToken) is { } popup)
                {
                    console.Publish(popup);
                    await hub.Clients.Group(CallsHub.PopupGroupOf(request.PracticeId)).SendAsync(CallsHub.CallPopup, popup, stoppingToken);
                    if (popup.Candidates.Count > 0)
                    {
                        // The candidates are patients' names and birth dates shown to the practice's secretaries: a patient
                        // search, audited as the one a secretary makes by hand, once the pop-up is out.
                        await new AuditTrail(db, new SystemAuditActor(AuditActor), scope.ServiceProvider.GetRequiredService<IClock>())
                            .RecordNowAsync("patient.search", request.PracticeId, "call", request.CallId.ToString(),
                                string.Create(CultureInfo.InvariantCulture, $"call pop-up: {popup.Candidates.Count} candidate(s)"), stoppingToken);
                    }
                }
            }
#pragma warning disable CA1031 // One pop-up that fails (database restart) must not stop the following ones.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(logger, request.CallId.Value, exception);
            }
        }
    }

    private static async Task<CallPopupDto?> BuildAsync(PermanenceDbContext db, CallPopupRequest request, CancellationToken ct)
    {
        var practice = await db.Practices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.PracticeId, ct);
        if (practice is null)
        {
            return null;
        }
        var practitioners = await db.Practitioners.AsNoTracking()
            .Where(p => p.PracticeId == request.PracticeId && p.IsActive)
            .OrderBy(p => p.DisplayName)
            .Select(p => new PopupPractitionerDto(p.Id.Value, p.DisplayName, p.Preferences))
            .ToListAsync(ct);
        var playbook = await db.PlaybookEntries.AsNoTracking()
            .Where(e => e.PracticeId == request.PracticeId)
            .OrderBy(e => e.Order)
            .Select(e => new PopupPlaybookEntryDto(e.Question, e.Answer))
            .ToListAsync(ct);
        var secretary = request.AgentId is { } agent
            ? await db.Users.AsNoTracking().Where(u => u.Id == agent.Value).Select(u => u.DisplayName).SingleOrDefaultAsync(ct)
            : null;
        var from = PhoneNumber.TryParse(request.From)?.E164 ?? request.From;
        var patients = await db.Patients.AsNoTracking()
            .Where(p => p.PracticeId == request.PracticeId && (p.Phone == from || p.SecondaryPhone == from))
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName)
            .Take(MaxCandidates)
            .ToListAsync(ct);
        var card = new PracticeCardDto(
            practice.Name, practice.RenderGreeting(secretary ?? "{secretary}"), practice.Address, practice.AccessInstructions,
            practitioners, playbook, practice.DocumentsToBring, practice.AfterHoursPolicy.ToCode(), practice.AfterHoursForwardNumber);
        var candidates = patients.Select(p => new PopupCandidateDto(
            p.Id.Value, p.LastName, p.FirstName, InputParsing.DatePattern.Format(p.BirthDate),
            string.Equals(p.Phone, from, StringComparison.Ordinal) ? "phone" : "secondary_phone")).ToList();
        return new CallPopupDto(request.CallId.Value, request.PracticeId.Value, request.Line?.ToCode(), request.Type.ToCode(), request.From, card, candidates);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The pop-up of call {CallId} could not be sent")]
    private static partial void LogFailed(ILogger logger, Guid callId, Exception exception);
}
