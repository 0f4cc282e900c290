using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Messaging;
using Permanence.Core.Practices;
using Permanence.Core.Routing;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Web.Calls;
using Permanence.Web.Messaging;

namespace Permanence.Web.Routing;

/// <summary>A stored call event as the distributor sees it.</summary>
public sealed record CallObservation(CallId CallId, CallEventType Type, StaffUserId? Agent);

/// <summary>Serializes this node's distributor changes, so they queue in memory rather than on the database lock.</summary>
public sealed class AcdGate
{
    internal SemaphoreSlim Semaphore { get; } = new(1, 1);
}

/// <summary>
/// The distributor (<see cref="AcdQueue"/>) over its stored state. Each change loads the whole state, applies the
/// change and a timer pass with the Core rules, and stores the result in one transaction, serialized across nodes
/// (PostgreSQL advisory lock; SQLite's single writer, BEGIN IMMEDIATE) and on this node (<see cref="AcdGate"/>).
/// Nothing lives only in memory: a restarted node carries on from the database. After the commit, offers reach the
/// secretaries' consoles, supervisors get the new queues over the hub, and <see cref="AcdNotifications"/> fires.
/// It works on the scope's DbContext and clears its change tracker: call it with no unsaved changes pending.
/// </summary>
public sealed partial class AcdService(PermanenceDbContext db, IClock clock, AcdGate gate, AcdNotifications notifications,
    IHubContext<CallsHub> hub, SupervisionAudience supervision, AcdConfigurationCache configuration, IOptions<AcdSettings> settings,
    RoutedMessageNotifier messages, ILogger<AcdService> logger)
{
    /// <summary>Key of the PostgreSQL advisory lock that serializes distributor changes ("ACD" in ASCII).</summary>
    private const long AdvisoryLockKey = 0x414344;
    internal const string Actor = "acd";

    /// <summary>The audit action of a call taken out of the queue after the practice's maximum wait.</summary>
    internal const string OverflowedAction = "call.overflowed";

    private Duration AverageHandling => Duration.FromSeconds(settings.Value.AverageHandlingSeconds);

    /// <summary>The secretary's state; offline when they never set one.</summary>
    public async Task<AgentStateDto> GetMyStateAsync(StaffUserId agent, CancellationToken ct)
    {
        var row = await db.AcdAgents.AsNoTracking().FirstOrDefaultAsync(a => a.AgentId == agent, ct);
        return ToDto(row?.ToStatus() ?? new AcdAgentStatus(agent, AgentState.Offline, default, default, null, null), clock.GetCurrentInstant());
    }

    /// <summary>
    /// Available, break or offline, as the secretary sets it. Ringing, on-call and wrap-up are the distributor's to set
    /// (400); leaving ringing or a call this way is refused (409). Wrap-up may be cut short by going available.
    /// </summary>
    public async Task<Result<AgentStateDto>> SetStateAsync(StaffUserId agent, AgentState state, CancellationToken ct)
    {
        if (state is AgentState.Ringing or AgentState.OnCall or AgentState.WrapUp)
        {
            return ValidationError.For("state", "Set by the distributor; a secretary sets available, break or offline.");
        }
        var known = await db.Users.AsNoTracking().AnyAsync(u => u.Id == agent.Value && u.IsActive, ct);
        if (!known)
        {
            return new ForbiddenError("Only an active staff member has an agent state.");
        }
        var accepted = await ChangeAsync((acd, now, _) => Task.FromResult(acd.SetState(agent, state, now)), register: agent, ct);
        if (!accepted)
        {
            var current = await GetMyStateAsync(agent, ct);
            return new ConflictError($"The state cannot change while {current.State.Replace('_', ' ')}: end the call first.");
        }
        return await GetMyStateAsync(agent, ct);
    }

    /// <summary>
    /// Call events from the provider, in the order received, in one change: ringing on a practice line queues the call,
    /// answered assigns it, ended and voicemail end it. A timer pass runs after each event, so the batch decides what
    /// the same events observed one by one would.
    /// </summary>
    public Task ObserveAsync(IReadOnlyList<CallObservation> observations, CancellationToken ct)
    {
        var relevant = observations.Where(o => o.Type is CallEventType.Ringing or CallEventType.Answered or CallEventType.Ended or CallEventType.Voicemail)
            .ToList();
        if (relevant.Count == 0)
        {
            return Task.CompletedTask;
        }
        return ChangeAsync(async (acd, now, passes) =>
        {
            var ringing = relevant.Where(o => o.Type == CallEventType.Ringing).Select(o => o.CallId).Distinct().ToList();
            var calls = ringing.Count == 0 ? [] : await db.Calls.IgnoreQueryFilters().AsNoTracking().Where(c => ringing.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            for (var i = 0; i < relevant.Count; i++)
            {
                if (i > 0)
                {
                    passes.AddRange(acd.Tick(now));
                }
                var observed = relevant[i];
                switch (observed.Type)
                {
                    case CallEventType.Ringing:
                        Enqueue(acd, calls.GetValueOrDefault(observed.CallId), now);
                        break;
                    case CallEventType.Answered:
                        Answered(acd, observed.CallId, observed.Agent, now);
                        break;
                    default:
                        acd.End(observed.CallId.Value, now);
                        break;
                }
            }
            return true;
        }, register: null, ct);
    }

    /// <summary>
    /// A call to a practice line goes in line (idempotent: a call already held, answered or ended is left alone). The
    /// call is read under the distributor's lock, so an end committed before cannot be overtaken by this.
    /// </summary>
    public Task EnqueueAsync(CallId callId, CancellationToken ct) => ChangeAsync(async (acd, now, _) =>
    {
        Enqueue(acd, await db.Calls.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == callId, ct), now);
        return true;
    }, register: null, ct);

    private static void Enqueue(AcdQueue acd, Call? call, Instant now)
    {
        if (call is { PracticeId: { } practice, Line: { } line, AnsweredAt: null, EndedAt: null } && !acd.Holds(call.Id.Value))
        {
            acd.Enqueue(new QueuedCall(call.Id.Value, practice, line == CallLine.Urgent, now));
        }
    }

    /// <summary>
    /// The call was answered: by the secretary it rang at, or by another one (who then holds it), or, with no
    /// secretary named, by whoever it was ringing at; a call answered outside the distributor leaves the line.
    /// </summary>
    private static void Answered(AcdQueue acd, CallId callId, StaffUserId? agent, Instant now)
    {
        var held = acd.Assignments.Where(a => a.CallId == callId.Value).ToList();
        var taker = agent ?? held.Select(a => (StaffUserId?)a.Agent).FirstOrDefault();
        if ((taker is null || !acd.Pickup(callId.Value, taker.Value, now)) && !held.Exists(a => a.State == AgentState.OnCall))
        {
            acd.End(callId.Value, now);
        }
    }

    /// <summary>The call ended: it leaves the line, and the secretary who held it goes to wrap-up.</summary>
    public Task EndedAsync(CallId callId, CancellationToken ct) => ChangeAsync((acd, now, _) =>
    {
        acd.End(callId.Value, now);
        return Task.FromResult(true);
    }, register: null, ct);

    /// <summary>The timer pass: ring timeouts, overflow, end of wrap-up, offers. Skipped when nothing can be due.</summary>
    public async Task TickAsync(CancellationToken ct)
    {
        if (!await db.AcdCalls.AnyAsync(ct) && !await db.AcdAgents.AnyAsync(a => a.State == AgentState.WrapUp, ct))
        {
            return;
        }
        await ChangeAsync((_, _, _) => Task.FromResult(true), register: null, ct);
    }

    /// <summary>
    /// The queues (practice × line) of <paramref name="practices"/> — every practice when null — with their calls in
    /// offer order, and the secretaries trained on any of them.
    /// </summary>
    public async Task<QueueSnapshotDto> QueueSnapshotAsync(IReadOnlyCollection<PracticeId>? practices, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var practiceRows = await db.Practices.IgnoreQueryFilters().AsNoTracking()
            .Where(p => practices == null || practices.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, HasUrgentLine = p.UrgentNumber != null })
            .ToListAsync(ct);
        var ids = practiceRows.Select(p => p.Id).ToList();
        var loaded = await LoadAsync(ct);
        var acd = Restore(loaded);
        var calls = await db.AcdCalls.AsNoTracking().Where(c => ids.Contains(c.PracticeId)).ToListAsync(ct);
        var callIds = calls.Select(c => c.CallId).ToList();
        var from = await db.Calls.IgnoreQueryFilters().AsNoTracking().Where(c => callIds.Contains(c.Id))
            .Select(c => new { c.Id, c.FromNumber }).ToDictionaryAsync(c => c.Id, c => c.FromNumber, ct);
        var queues = new List<QueueDto>();
        foreach (var practice in practiceRows.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            foreach (var urgent in practice.HasUrgentLine ? new[] { true, false } : [false])
            {
                var line = calls.Where(c => c.PracticeId == practice.Id && c.Urgent == urgent)
                    .OrderBy(c => c.OfferedTo is null).ThenBy(c => c.EnqueuedAt).ThenBy(c => c.CallId.Value)
                    .Select(c => new WaitingCallDto(c.CallId.Value, from.GetValueOrDefault(c.CallId, ""), c.EnqueuedAt, Seconds(now - c.EnqueuedAt),
                        c.OfferedTo?.Value, c.RingDeadline))
                    .ToList();
                var expected = acd.ExpectedWait(practice.Id, urgent, AverageHandling);
                queues.Add(new QueueDto(practice.Id.Value, practice.Name, urgent ? "urgent" : "routine",
                    expected == Duration.MaxValue ? null : Seconds(expected), line));
            }
        }
        var names = await db.Users.AsNoTracking().Where(u => loaded.Agents.Select(a => a.Id.Value).Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var agents = loaded.Agents.Where(a => a.Skills.Keys.Any(ids.Contains))
            .Select(a => (Agent: a, Status: loaded.Rows[a.Id].ToStatus()))
            .OrderBy(a => names.GetValueOrDefault(a.Agent.Id.Value, ""), StringComparer.Ordinal)
            .Select(a => new SupervisedAgentDto(a.Agent.Id.Value, names.GetValueOrDefault(a.Agent.Id.Value, ""), a.Status.State.ToCode(), a.Status.Since,
                a.Status.State == AgentState.Available ? Seconds(now - a.Status.IdleSince) : null, a.Status.WrapUpUntil, a.Status.CurrentCall,
                [.. a.Agent.Skills.Keys.Where(ids.Contains).Select(p => p.Value)]))
            .ToList();
        return new QueueSnapshotDto(now, queues, agents);
    }

    private sealed record LoadedState(List<AcdAgent> Agents, Dictionary<StaffUserId, StoredAcdAgent> Rows, List<StoredAcdCall> Calls,
        IReadOnlyDictionary<PracticeId, AcdQueueSettings> Practices);

    /// <summary>
    /// Agents are the active staff members with a stored state; their skills are their practice assignments. Only the
    /// state tables are read here; who is active, the skills and the queue settings come from <see cref="AcdConfigurationCache"/>.
    /// </summary>
    private async Task<LoadedState> LoadAsync(CancellationToken ct)
    {
        var rows = await db.AcdAgents.ToListAsync(ct);
        var calls = await db.AcdCalls.ToListAsync(ct);
        var current = await configuration.GetAsync(db, ct);
        var agents = rows.Where(r => current.ActiveStaffSkills.ContainsKey(r.AgentId))
            .Select(r => new AcdAgent(r.AgentId, current.ActiveStaffSkills[r.AgentId])).ToList();
        return new LoadedState(agents, rows.ToDictionary(r => r.AgentId), calls, current.Practices);
    }

    private AcdQueue Restore(LoadedState state) => AcdQueue.Restore(new AcdOptions
    {
        RingTimeout = Duration.FromSeconds(settings.Value.RingTimeoutSeconds),
        WrapUp = Duration.FromSeconds(settings.Value.WrapUpSeconds),
        MaximumWait = p => state.Practices.TryGetValue(p, out var queue) ? queue.MaximumWait : Duration.FromSeconds(120),
    }, state.Agents, new AcdSnapshot([.. state.Rows.Values.Select(r => r.ToStatus())], [.. state.Calls.Select(c => c.ToStatus())]));

    /// <summary>
    /// Runs <paramref name="change"/> and a timer pass on the stored state in one serialized transaction, stores the
    /// result, applies overflow, then tells consoles and supervisors. A change of several steps runs its own timer
    /// passes between them and adds their decisions to the list it is given. <paramref name="register"/> gives a staff
    /// member a stored state (offline) first, so they become an agent.
    /// </summary>
    private async Task<bool> ChangeAsync(Func<AcdQueue, Instant, List<AcdDecision>, Task<bool>> change, StaffUserId? register, CancellationToken ct)
    {
        (bool Accepted, IReadOnlyList<AcdDecision> Decisions, AcdChange Change, IReadOnlyList<PractitionerMessage> Overflowed) outcome;
        await gate.Semaphore.WaitAsync(ct);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            outcome = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                // On SQLite this is BEGIN IMMEDIATE: the write lock is taken before the state is read.
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
                }
                var now = clock.GetCurrentInstant();
                if (register is { } newcomer && !await db.AcdAgents.AnyAsync(a => a.AgentId == newcomer, ct))
                {
                    db.AcdAgents.Add(new StoredAcdAgent { AgentId = newcomer, State = AgentState.Offline, Since = now, IdleSince = now });
                    await db.SaveChangesAsync(ct);
                }
                var state = await LoadAsync(ct);
                var before = Restore(state).Snapshot();
                var acd = Restore(state);
                var decisions = new List<AcdDecision>();
                var accepted = await change(acd, now, decisions);
                decisions.AddRange(acd.Tick(now));
                var after = acd.Snapshot();
                Store(state, after);
                var overflowed = await OverflowAsync(decisions.OfType<OverflowCall>(), state, now, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return (accepted, (IReadOnlyList<AcdDecision>)decisions, Diff(before, after, state.Agents), overflowed);
            });
        }
        finally
        {
            gate.Semaphore.Release();
        }
        messages.Enqueue(outcome.Overflowed, Actor);
        await PublishAsync(outcome.Decisions, outcome.Change, ct);
        return outcome.Accepted;
    }

    private void Store(LoadedState state, AcdSnapshot after)
    {
        foreach (var status in after.Agents)
        {
            var row = state.Rows[status.Agent];
            row.State = status.State;
            row.Since = status.Since;
            row.IdleSince = status.IdleSince;
            row.WrapUpUntil = status.WrapUpUntil;
            row.CurrentCallId = status.CurrentCall is { } call ? new CallId(call) : null;
        }
        var stored = state.Calls.ToDictionary(c => c.CallId.Value);
        var kept = new HashSet<Guid>();
        foreach (var status in after.Calls)
        {
            kept.Add(status.Call.CallId);
            if (!stored.TryGetValue(status.Call.CallId, out var row))
            {
                row = new StoredAcdCall { CallId = new CallId(status.Call.CallId) };
                db.AcdCalls.Add(row);
            }
            row.PracticeId = status.Call.Practice;
            row.Urgent = status.Call.Urgent;
            row.EnqueuedAt = status.Call.EnqueuedAt;
            row.OfferedTo = status.OfferedTo;
            row.RingDeadline = status.RingDeadline;
        }
        db.AcdCalls.RemoveRange(state.Calls.Where(c => !kept.Contains(c.CallId.Value)));
    }

    /// <summary>
    /// A call that waited the practice's maximum: a callback task, or a message (voicemail policy), for the practice's
    /// first active practitioner by name, due by the urgency of the line; audited. Returns the items left, to be
    /// notified once committed.
    /// </summary>
    private async Task<IReadOnlyList<PractitionerMessage>> OverflowAsync(IEnumerable<OverflowCall> overflows, LoadedState state, Instant now, CancellationToken ct)
    {
        var audit = new AuditTrail(db, new SystemAuditActor(Actor), clock);
        var left = new List<PractitionerMessage>();
        foreach (var overflow in overflows)
        {
            var call = await db.Calls.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == new CallId(overflow.CallId), ct);
            if (call?.PracticeId is not { } practiceId)
            {
                continue;
            }
            var practice = await db.Practices.IgnoreQueryFilters().AsNoTracking().Include(p => p.OpeningHours).Include(p => p.Closures)
                .FirstAsync(p => p.Id == practiceId, ct);
            var owner = await db.Practitioners.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.PracticeId == practiceId && p.IsActive).OrderBy(p => p.DisplayName).Select(p => (PractitionerId?)p.Id).FirstOrDefaultAsync(ct);
            var policy = state.Practices.TryGetValue(practiceId, out var p) ? p.Overflow : practice.QueueOverflow;
            audit.Record(OverflowedAction, practiceId, "call", call.Id.ToString(), policy.ToString());
            if (owner is null)
            {
                LogOverflowWithoutPractitioner(logger, call.Id.Value);
                continue;
            }
            var priority = call.Line == CallLine.Urgent ? UrgencyLevel.Urgent : UrgencyLevel.Routine;
            var minutes = (int)Math.Round((now - call.StartedAt).TotalMinutes);
            var message = new PractitionerMessage
            {
                PracticeId = practiceId,
                PractitionerId = owner.Value,
                Kind = policy == QueueOverflowPolicy.CallbackTask ? MessageKind.Callback : MessageKind.Message,
                Subject = policy == QueueOverflowPolicy.CallbackTask
                    ? $"Rappeler : appel resté {minutes} min en attente sans secrétaire"
                    : $"Appel resté {minutes} min en attente, orienté vers la messagerie",
                Priority = priority,
                CallbackNumber = CallerIds.Number(call.FromNumber),
                CallId = call.Id,
                Status = MessageStatus.New,
                CreatedAt = now,
                CreatedBy = Actor,
                DueAt = MessageDueTime.For(priority, now, practice),
            };
            message.Log("created", now, Actor, $"queue overflow ({policy})");
            db.PractitionerMessages.Add(message);
            left.Add(message);
        }
        return left;
    }

    private static AcdChange Diff(AcdSnapshot before, AcdSnapshot after, IReadOnlyList<AcdAgent> agents)
    {
        var changedAgents = after.Agents.Except(before.Agents).Select(a => a.Agent).ToHashSet();
        var practices = after.Calls.Except(before.Calls).Concat(before.Calls.Except(after.Calls)).Select(c => c.Call.Practice).ToHashSet();
        foreach (var agent in agents.Where(a => changedAgents.Contains(a.Id)))
        {
            practices.UnionWith(agent.Skills.Keys);
        }
        return new AcdChange(changedAgents, practices);
    }

    private async Task PublishAsync(IReadOnlyList<AcdDecision> decisions, AcdChange change, CancellationToken ct)
    {
        if (change.Agents.Count == 0 && change.Practices.Count == 0)
        {
            return;
        }
        notifications.Publish(change);
        var now = clock.GetCurrentInstant();
        foreach (var offer in decisions.OfType<OfferCall>())
        {
            LogOffered(logger, offer.CallId, offer.Agent.Value);
        }
        foreach (var agent in change.Agents)
        {
            var state = await GetMyStateAsync(agent, ct);
            await hub.Clients.User(agent.Value.ToString()).SendAsync(CallsHub.AgentStateChanged, state, ct);
        }
        if (change.Practices.Count == 0 || !supervision.AnyoneWatching(change.Practices))
        {
            return;
        }
        var snapshot = await QueueSnapshotAsync(change.Practices, ct);
        foreach (var practice in change.Practices)
        {
            var part = new QueueSnapshotDto(now, [.. snapshot.Queues.Where(q => q.PracticeId == practice.Value)],
                [.. snapshot.Agents.Where(a => a.Practices.Contains(practice.Value))]);
            await hub.Clients.Groups(CallsHub.SupervisionGroupOf(practice), CallsHub.SupervisionOfAll).SendAsync(CallsHub.QueuesUpdated, part, ct);
        }
    }

    private static AgentStateDto ToDto(AcdAgentStatus status, Instant now) => new(status.Agent.Value, status.State.ToCode(), status.Since, status.IdleSince,
        status.State == AgentState.Available ? Seconds(now - status.IdleSince) : null, status.WrapUpUntil, status.CurrentCall);

    private static int Seconds(Duration duration) => (int)Math.Max(0, Math.Min(int.MaxValue, Math.Floor(duration.TotalSeconds)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} offered to secretary {AgentId}")]
    private static partial void LogOffered(ILogger logger, Guid callId, Guid agentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} overflowed but its practice has no active practitioner to receive the task")]
    private static partial void LogOverflowWithoutPractitioner(ILogger logger, Guid callId);
}
