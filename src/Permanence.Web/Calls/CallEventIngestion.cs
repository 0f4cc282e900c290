using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Data;

namespace Permanence.Web.Calls;

/// <summary>What the provider is told: the event was stored, or it was a replay and ignored.</summary>
public sealed record CallEventReceipt(string EventId, Guid CallId, bool Duplicate);

/// <summary>
/// Stores a call event and derives its call's state in the same save: the synchronous path, for the TwiML webhooks,
/// which route the call right after (the signed event API takes <see cref="CallEventAcceptance"/> and
/// <see cref="CallEventDerivation"/> instead). Idempotent by event id; tolerant of out-of-order delivery (the state is
/// recomputed from every stored event); concurrent deliveries that race on the same event or call are settled by the
/// unique indexes and a retry.
/// </summary>
public sealed partial class CallEventIngestion(PermanenceDbContext db, IClock clock, IHubContext<CallsHub> hub, CallPopupQueue popups, PracticeLines lines,
    ILogger<CallEventIngestion> logger)
{
    private const int Attempts = 10;

    /// <summary>The receipt, or null when concurrent deliveries for the same call kept winning the race.</summary>
    public async Task<CallEventReceipt?> IngestAsync(ValidCallEvent incoming, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                return await TryIngestAsync(incoming, firstAttempt: attempt == 1, ct);
            }
            catch (DbUpdateException)
            {
                // Another delivery saved the same event, created the same call, or changed the call first (the
                // concurrency token): the next attempt starts again from what is stored now.
                db.ChangeTracker.Clear();
            }
        }
        LogContention(logger, incoming.EventId);
        return null;
    }

    private async Task<CallEventReceipt> TryIngestAsync(ValidCallEvent incoming, bool firstAttempt, CancellationToken ct)
    {
        // A retry may follow a lost race on this event id, stored meanwhile, possibly under another call.
        if (!firstAttempt && await StoredCallOfAsync(incoming.EventId, ct) is { } racedCall)
        {
            LogReplay(logger, incoming.EventId);
            return new CallEventReceipt(incoming.EventId, racedCall, Duplicate: true);
        }
        // One read of the call with its stored events, among which a replay shows. An event id already stored under another call is refused by the unique index and caught by the retry above.
        return (await TryIngestBatchAsync([incoming], ct))[0];
    }

    private sealed record CallWithEvents(Call Call, List<CallEvent> Events);

    private async Task<IReadOnlyList<CallEventReceipt>> TryIngestBatchAsync(IReadOnlyList<ValidCallEvent> batch, CancellationToken ct)
    {
        var providerCallIds = batch.Select(e => e.ProviderCallId).Distinct(StringComparer.Ordinal).ToList();
        var calls = (await db.Calls.Where(c => providerCallIds.Contains(c.ProviderCallId))
                .Select(c => new { Call = c, Events = db.CallEvents.Where(e => e.CallId == c.Id).ToList() })
                .ToListAsync(ct))
            .ToDictionary(k => k.Call.ProviderCallId, k => new CallWithEvents(k.Call, k.Events), StringComparer.Ordinal);
        // Event id → Permanence's call id, of the stored events of these calls and of the batch's events taken so far.
        var callOfEvent = calls.Values.SelectMany(c => c.Events).ToDictionary(e => e.EventId, e => e.CallId.Value, StringComparer.Ordinal);
        var now = clock.GetCurrentInstant();
        var receipts = new List<CallEventReceipt>(batch.Count);
        var stored = new List<(ValidCallEvent Incoming, Call Call)>();
        var touched = new List<CallWithEvents>();
        foreach (var incoming in batch)
        {
            if (callOfEvent.TryGetValue(incoming.EventId, out var replayedCall))
            {
                LogReplay(logger, incoming.EventId);
                receipts.Add(new CallEventReceipt(incoming.EventId, replayedCall, Duplicate: true));
                continue;
            }
            if (!calls.TryGetValue(incoming.ProviderCallId, out var call))
            {
                call = new CallWithEvents(await NewCallAsync(incoming, now, ct), []);
                calls.Add(incoming.ProviderCallId, call);
            }
            if (!touched.Contains(call))
            {
                touched.Add(call);
            }
            call.Events.Add(AddEvent(incoming, call.Call, now));
            callOfEvent.Add(incoming.EventId, call.Call.Id.Value);
            stored.Add((incoming, call.Call));
            receipts.Add(new CallEventReceipt(incoming.EventId, call.Call.Id.Value, Duplicate: false));
        }
        if (touched.Count == 0)
        {
            return receipts;
        }
        foreach (var call in touched)
        {
            call.Call.Apply(CallTimeline.From(call.Events));
        }
        await db.SaveChangesAsync(ct);
        foreach (var (incoming, call) in stored)
        {
            popups.Enqueue(call, incoming.Type, incoming.AgentId);
        }
        foreach (var call in touched)
        {
            await SendUpdateAsync(call.Call, ct);
        }
        return receipts;
    }

    private CallEvent AddEvent(ValidCallEvent incoming, Call call, Instant now)
    {
        var added = StoredEventOf(incoming, call.Id, call.PracticeId, now);
        db.CallEvents.Add(added);
        return added;
    }

    /// <summary>The stored form of <paramref name="incoming"/>, under its call, received at <paramref name="now"/>.</summary>
    internal static CallEvent StoredEventOf(ValidCallEvent incoming, CallId callId, PracticeId? practiceId, Instant now) => new()
    {
        EventId = incoming.EventId,
        CallId = callId,
        PracticeId = practiceId,
        Type = incoming.Type,
        At = incoming.At,
        ReceivedAt = now,
        AgentId = incoming.AgentId,
        TransferTo = incoming.TransferTo,
    };

    private Task SendUpdateAsync(Call call, CancellationToken ct) =>
        hub.Clients.Group(CallsHub.GroupOf(call.PracticeId)).SendAsync(CallsHub.CallUpdated, call.ToSummary(), ct);

    private async Task<Guid?> StoredCallOfAsync(string eventId, CancellationToken ct) =>
        await db.CallEvents.AsNoTracking().Where(e => e.EventId == eventId).Select(e => (Guid?)e.CallId.Value).SingleOrDefaultAsync(ct);

    private async Task<Call> NewCallAsync(ValidCallEvent incoming, Instant now, CancellationToken ct)
    {
        var line = incoming.DialedNumber?.E164 is { } dialed ? await lines.ResolveAsync(db, dialed, ct) : null;
        var call = CallOpenedBy(incoming, line, now);
        if (line is null)
        {
            LogUnknownNumber(logger, incoming.ProviderCallId);
        }
        db.Calls.Add(call);
        return call;
    }

    /// <summary>The call a provider's first event opens, on the line its dialed number reaches (null: unknown number).</summary>
    internal static Call CallOpenedBy(ValidCallEvent incoming, PracticeLine? line, Instant now) => new()
    {
        ProviderCallId = incoming.ProviderCallId,
        PracticeId = line?.PracticeId,
        Line = line?.Line,
        DialedNumberUnknown = line is null,
        FromNumber = incoming.From,
        ToNumber = incoming.To,
        StartedAt = incoming.At,
        CreatedAt = now,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call event {EventId} lost every attempt against concurrent deliveries; the provider should retry")]
    private static partial void LogContention(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call event {EventId} was already received; ignored")]
    private static partial void LogReplay(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {ProviderCallId} dialed a number that matches no practice line; logged and flagged")]
    private static partial void LogUnknownNumber(ILogger logger, string providerCallId);
}
