using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using Permanence.Core.Calls;
using Permanence.Data;

namespace Permanence.Web.Calls;

/// <summary>
/// The accept stage of provider call events: stores a batch durably, once per event id, under Permanence's call (created
/// here when the provider's call id is new), marked <see cref="CallEvent.AwaitingDerivation"/>. It neither derives the
/// call's state nor tells the distributor; <see cref="CallEventDerivation"/> does that just after. On PostgreSQL the
/// whole batch is one round trip (the calls, the events, then the call of every event id, as one
/// transaction); on SQLite, whose database is in process, one EF transaction.
/// </summary>
public sealed partial class CallEventAcceptance(PermanenceDbContext db, IClock clock, PracticeLines lines, CallPopupQueue popups,
    ILogger<CallEventAcceptance> logger)
{
    private const int Attempts = 5;

    /// <summary>An event to store with the line its dialed number reaches (null: unknown number).</summary>
    private sealed record Candidate(ValidCallEvent Event, PracticeLine? Line);

    /// <summary>
    /// The receipts of <paramref name="batch"/>, in its order, once every event is committed: not a duplicate when this
    /// call stored it, a duplicate when it was stored before (by this node or another) or repeats an earlier event of the
    /// batch. Throws when the database fails, leaving nothing half stored.
    /// </summary>
    public async Task<IReadOnlyList<CallEventReceipt>> AcceptAsync(IReadOnlyList<ValidCallEvent> batch, CancellationToken ct)
    {
        var candidates = new List<Candidate>(batch.Count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var incoming in batch.Where(e => taken.Add(e.EventId)))
        {
            var line = incoming.DialedNumber?.E164 is { } dialed ? await lines.ResolveAsync(db, dialed, ct) : null;
            candidates.Add(new Candidate(incoming, line));
        }
        var stored = await StoreAsync(candidates, clock.GetCurrentInstant(), ct);
        // The ringing pop-up needs nothing derived, and it is the one a secretary waits for: it leaves with the receipt.
        // The pop-ups of answered and ended calls name the secretary, so they wait for the derivation.
        foreach (var (incoming, line) in candidates.Where(c => c.Event.Type == CallEventType.Ringing && stored[c.Event.EventId].Inserted))
        {
            popups.Enqueue(new CallId(stored[incoming.EventId].CallId), line?.PracticeId, line?.Line, incoming.Type, incoming.From, incoming.AgentId);
        }
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var receipts = new List<CallEventReceipt>(batch.Count);
        foreach (var incoming in batch)
        {
            var (callId, inserted) = stored[incoming.EventId];
            var duplicate = !inserted || !answered.Add(incoming.EventId);
            if (duplicate)
            {
                LogReplay(logger, incoming.EventId);
            }
            receipts.Add(new CallEventReceipt(incoming.EventId, callId, duplicate));
        }
        return receipts;
    }

    /// <summary>Event id → Permanence's call of the event and whether this call inserted it.</summary>
    private async Task<Dictionary<string, (Guid CallId, bool Inserted)>> StoreAsync(List<Candidate> candidates, Instant now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return db.Database.IsNpgsql() ? await StoreOnPostgresAsync(candidates, now, ct) : await StoreOnSqliteAsync(candidates, now, ct);
            }
            catch (PostgresException exception) when (exception.IsTransient && attempt < Attempts)
            {
                // A deadlock or serialization failure against another node storing the same calls: nothing was kept.
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // SQLite: the synchronous path (TwiML webhooks) stored one of these events or calls first.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Three statements in one batch and one transaction, so one round trip. Each sees what the ones before
    /// stored and what other nodes committed meanwhile (read committed): a call or event another node is inserting is
    /// waited for by ON CONFLICT, then found by the next statement. A call is created only for an event not stored yet,
    /// and only when no call row is seen: the unique check of ON CONFLICT would otherwise wait for a derivation that
    /// is updating the existing row.
    /// </summary>
    private async Task<Dictionary<string, (Guid CallId, bool Inserted)>> StoreOnPostgresAsync(List<Candidate> candidates, Instant now, CancellationToken ct)
    {
        var eventIds = candidates.Select(c => c.Event.EventId).ToArray();
        var at = candidates.Select(c => c.Event.At.ToDateTimeUtc()).ToArray();
        var providerCallIds = candidates.Select(c => c.Event.ProviderCallId).ToArray();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var batch = new NpgsqlBatch(connection);
            // The statements' plans hardly depend on the arrays bound, and planning them anew for every batch cost about
            // a third of the database's work per event (bench/RESULTS.md): each connection plans them once, and again
            // whenever the tables are analyzed. Scoped to this transaction, so the other queries of a pooled connection
            // keep their plans made for their values.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL plan_cache_mode = force_generic_plan"));
            batch.BatchCommands.Add(Command("""
                INSERT INTO calls ("Id", "ProviderCallId", "PracticeId", "Line", "DialedNumberUnknown", "FromNumber", "ToNumber",
                                   "StartedAt", "Outcome", "HoldSeconds", "CreatedAt", "EventsVersion")
                SELECT DISTINCT ON (i.provider_call_id)
                       i.call_id, i.provider_call_id, i.practice_id, i.line, i.practice_id IS NULL, i.from_number, i.to_number,
                       i.at, $8, 0, $9, 0
                FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $10::text[])
                     WITH ORDINALITY AS i(call_id, provider_call_id, practice_id, line, from_number, to_number, at, event_id, ord)
                WHERE NOT EXISTS (SELECT 1 FROM call_events e WHERE e."EventId" = i.event_id)
                  AND NOT EXISTS (SELECT 1 FROM calls c WHERE c."ProviderCallId" = i.provider_call_id)
                ORDER BY i.provider_call_id, i.ord
                ON CONFLICT ("ProviderCallId") DO NOTHING
                RETURNING "ProviderCallId", "DialedNumberUnknown"
                """,
                candidates.Select(_ => CallId.New().Value).ToArray(),
                providerCallIds,
                candidates.Select(c => c.Line?.PracticeId.Value).ToArray(),
                candidates.Select(c => c.Line?.Line.ToString()).ToArray(),
                candidates.Select(c => c.Event.From).ToArray(),
                candidates.Select(c => c.Event.To).ToArray(),
                at,
                nameof(CallOutcome.InProgress),
                now.ToDateTimeUtc(),
                eventIds));
            batch.BatchCommands.Add(Command("""
                INSERT INTO call_events ("Id", "EventId", "CallId", "PracticeId", "Type", "At", "ReceivedAt", "AgentId", "TransferTo", "AwaitingDerivation")
                SELECT i.id, i.event_id, c."Id", c."PracticeId", i.type, i.at, $8, i.agent_id, i.transfer_to, TRUE
                FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::uuid[], $7::text[])
                     AS i(id, event_id, provider_call_id, type, at, agent_id, transfer_to)
                JOIN calls c ON c."ProviderCallId" = i.provider_call_id
                ORDER BY i.event_id
                ON CONFLICT ("EventId") DO NOTHING
                RETURNING "EventId"
                """,
                candidates.Select(_ => Guid.CreateVersion7()).ToArray(),
                eventIds,
                providerCallIds,
                candidates.Select(c => c.Event.Type.ToString()).ToArray(),
                at,
                candidates.Select(c => c.Event.AgentId?.Value).ToArray(),
                candidates.Select(c => c.Event.TransferTo).ToArray(),
                now.ToDateTimeUtc()));
            batch.BatchCommands.Add(Command("""SELECT "EventId", "CallId" FROM call_events WHERE "EventId" = ANY($1::text[])""", [eventIds]));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));

            // Prepared once per pooled connection, then only bound and executed.
            await batch.PrepareAsync(ct);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetBoolean(1))
                {
                    LogUnknownNumber(logger, reader.GetString(0));
                }
            }
            await reader.NextResultAsync(ct);
            var inserted = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(ct))
            {
                inserted.Add(reader.GetString(0));
            }
            await reader.NextResultAsync(ct);
            var stored = new Dictionary<string, (Guid CallId, bool Inserted)>(eventIds.Length, StringComparer.Ordinal);
            while (await reader.ReadAsync(ct))
            {
                var eventId = reader.GetString(0);
                stored[eventId] = (reader.GetGuid(1), inserted.Contains(eventId));
            }
            return stored;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A command with positional parameters $1, $2… (arrays bind as PostgreSQL arrays, null as NULL).</summary>
    private static NpgsqlBatchCommand Command(string sql, params IEnumerable<object?> values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return command;
    }

    private async Task<Dictionary<string, (Guid CallId, bool Inserted)>> StoreOnSqliteAsync(List<Candidate> candidates, Instant now, CancellationToken ct)
    {
        var eventIds = candidates.Select(c => c.Event.EventId).ToList();
        var providerCallIds = candidates.Select(c => c.Event.ProviderCallId).Distinct(StringComparer.Ordinal).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stored = (await db.CallEvents.IgnoreQueryFilters().AsNoTracking()
                .Where(e => eventIds.Contains(e.EventId))
                .Select(e => new { e.EventId, e.CallId })
                .ToListAsync(ct))
            .ToDictionary(e => e.EventId, e => (e.CallId.Value, Inserted: false), StringComparer.Ordinal);
        var calls = (await db.Calls.IgnoreQueryFilters().AsNoTracking()
                .Where(c => providerCallIds.Contains(c.ProviderCallId))
                .Select(c => new { c.Id, c.ProviderCallId, c.PracticeId })
                .ToListAsync(ct))
            .ToDictionary(c => c.ProviderCallId, c => (c.Id, c.PracticeId), StringComparer.Ordinal);
        foreach (var (incoming, line) in candidates.Where(c => !stored.ContainsKey(c.Event.EventId)))
        {
            if (!calls.TryGetValue(incoming.ProviderCallId, out var call))
            {
                var created = CallEventIngestion.CallOpenedBy(incoming, line, now);
                if (line is null)
                {
                    LogUnknownNumber(logger, incoming.ProviderCallId);
                }
                db.Calls.Add(created);
                call = (created.Id, created.PracticeId);
                calls.Add(incoming.ProviderCallId, call);
            }
            var added = CallEventIngestion.StoredEventOf(incoming, call.Id, call.PracticeId, now);
            added.AwaitingDerivation = true;
            db.CallEvents.Add(added);
            stored.Add(incoming.EventId, (call.Id.Value, Inserted: true));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return stored;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call event {EventId} was already received; ignored")]
    private static partial void LogReplay(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {ProviderCallId} dialed a number that matches no practice line; logged and flagged")]
    private static partial void LogUnknownNumber(ILogger logger, string providerCallId);
}
