using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Data;

namespace Permanence.Web.Calls;

/// <summary>What the provider is told: the event was stored, or it was a replay and ignored.</summary>
public sealed record CallEventReceipt(string EventId, Guid CallId, bool Duplicate);

/// <summary>
/// Stores provider call events and keeps each call's derived state up to date. Idempotent by event id; tolerant of
/// out-of-order delivery (the state is recomputed from every stored event); concurrent deliveries that race on the
/// same event or call are settled by the unique indexes and a retry.
/// </summary>
public sealed partial class CallEventIngestion(PermanenceDbContext db, IClock clock, IHubContext<CallsHub> hub, CallPopupQueue popups, ILogger<CallEventIngestion> logger)
{
    private const int Attempts = 10;

    /// <summary>The receipt, or null when concurrent deliveries for the same call kept winning the race.</summary>
    public async Task<CallEventReceipt?> IngestAsync(ValidCallEvent incoming, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                return await TryIngestAsync(incoming, ct);
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

    private async Task<CallEventReceipt> TryIngestAsync(ValidCallEvent incoming, CancellationToken ct)
    {
        var known = await db.CallEvents.AsNoTracking().Where(e => e.EventId == incoming.EventId).Select(e => (Guid?)e.CallId.Value).SingleOrDefaultAsync(ct);
        if (known is { } knownCall)
        {
            LogReplay(logger, incoming.EventId);
            return new CallEventReceipt(incoming.EventId, knownCall, Duplicate: true);
        }
        var now = clock.GetCurrentInstant();
        var call = await db.Calls.SingleOrDefaultAsync(c => c.ProviderCallId == incoming.ProviderCallId, ct)
            ?? await NewCallAsync(incoming, now, ct);
        var stored = db.Entry(call).State == EntityState.Added
            ? []
            : await db.CallEvents.AsNoTracking().Where(e => e.CallId == call.Id).ToListAsync(ct);
        var added = new CallEvent
        {
            EventId = incoming.EventId,
            CallId = call.Id,
            PracticeId = call.PracticeId,
            Type = incoming.Type,
            At = incoming.At,
            ReceivedAt = now,
            AgentId = incoming.AgentId,
            TransferTo = incoming.TransferTo,
        };
        db.CallEvents.Add(added);
        call.Apply(CallTimeline.From([.. stored, added]));
        await db.SaveChangesAsync(ct);
        popups.Enqueue(call, incoming.Type, incoming.AgentId);
        await hub.Clients.Group(CallsHub.GroupOf(call.PracticeId)).SendAsync(CallsHub.CallUpdated, call.ToSummary(), ct);
        return new CallEventReceipt(incoming.EventId, call.Id.Value, Duplicate: false);
    }

    private async Task<Call> NewCallAsync(ValidCallEvent incoming, Instant now, CancellationToken ct)
    {
        var dialed = incoming.DialedNumber?.E164;
        var line = dialed is null ? null : await db.Practices.AsNoTracking()
            .Where(p => p.RoutineNumber == dialed || p.UrgentNumber == dialed)
            .Select(p => new { p.Id, Urgent = p.UrgentNumber == dialed })
            .FirstOrDefaultAsync(ct);
        var call = new Call
        {
            ProviderCallId = incoming.ProviderCallId,
            PracticeId = line?.Id,
            Line = line is null ? null : line.Urgent ? CallLine.Urgent : CallLine.Routine,
            DialedNumberUnknown = line is null,
            FromNumber = incoming.From,
            ToNumber = incoming.To,
            StartedAt = incoming.At,
            CreatedAt = now,
        };
        if (line is null)
        {
            LogUnknownNumber(logger, incoming.ProviderCallId);
        }
        db.Calls.Add(call);
        return call;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call event {EventId} lost every attempt against concurrent deliveries; the provider should retry")]
    private static partial void LogContention(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call event {EventId} was already received; ignored")]
    private static partial void LogReplay(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {ProviderCallId} dialed a number that matches no practice line; logged and flagged")]
    private static partial void LogUnknownNumber(ILogger logger, string providerCallId);
}
