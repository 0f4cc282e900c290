using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Calls;
using Permanence.Data;
using Permanence.Web.Routing;

namespace Permanence.Web.Calls;

/// <summary>
/// The derive stage of provider call events, on every node: takes the calls with events stored but
/// <see cref="CallEvent.AwaitingDerivation"/>, recomputes each call's state from all its stored events, queues the
/// console pop-ups and call updates, lets the distributor observe the new events (in order of receipt, then of event
/// time), and only then clears their mark. It runs at once when this node accepts events (<see cref="Signal"/>), at
/// start (events a crash or a stop left behind) and every <see cref="SweepInterval"/> (events another node left).
/// A step that fails leaves the mark, so the events are derived again: recomputing a call changes nothing when no event
/// is new, and the distributor's steps are idempotent. On PostgreSQL the calls are locked while derived
/// (<c>FOR NO KEY UPDATE SKIP LOCKED</c>), so two nodes never derive the same call at once, while new events of those
/// calls are still stored (their foreign key check only needs a key share lock).
/// </summary>
public sealed partial class CallEventDerivation(IServiceScopeFactory scopes, IHubContext<CallsHub> hub, CallPopupQueue popups,
    ILogger<CallEventDerivation> logger) : BackgroundService
{
    /// <summary>Awaiting events taken per pass at most (their calls are derived whole).</summary>
    public const int MaxEvents = 512;

    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);

    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Events were just accepted on this node: derive them now rather than at the next sweep.</summary>
    public void Signal() => _signal.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DerivePendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A pass that fails (database restart, a call changed meanwhile) is retried at the next signal or sweep.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogPassFailed(logger, exception);
            }
            using var sweep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            sweep.CancelAfter(SweepInterval);
            try
            {
                await _signal.Reader.ReadAsync(sweep.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private sealed record DerivedCall(Call Call, List<CallEvent> Fresh);

    /// <summary>
    /// Passes until no awaiting event is left. When a pass fails, the awaiting calls are then derived one by one, so a
    /// call whose derivation keeps failing does not hold back every other call: it is only retried at each sweep.
    /// </summary>
    private async Task DerivePendingAsync(CancellationToken ct)
    {
        try
        {
            while (await DeriveOnePassAsync(null, ct) > 0)
            {
            }
        }
#pragma warning disable CA1031 // Logged; the calls are then taken one by one below.
        catch (Exception exception) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogPassFailed(logger, exception);
            await DeriveCallByCallAsync(ct);
        }
    }

    private async Task DeriveCallByCallAsync(CancellationToken ct)
    {
        List<CallId> awaiting;
        await using (var scope = scopes.CreateAsyncScope())
        {
            awaiting = await scope.ServiceProvider.GetRequiredService<PermanenceDbContext>().CallEvents.IgnoreQueryFilters()
                .Where(e => e.AwaitingDerivation).Select(e => e.CallId).Distinct().Take(MaxEvents).ToListAsync(ct);
        }
        foreach (var call in awaiting)
        {
            try
            {
                await DeriveOnePassAsync(call, ct);
            }
#pragma warning disable CA1031 // This call stays marked and is retried at the next sweep; the others go on.
            catch (Exception exception) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogCallFailed(logger, exception, call.Value);
            }
        }
    }

    /// <summary>
    /// The number of calls derived (of <paramref name="only"/> when given); 0 when no awaiting event was left (or all
    /// were taken by another node).
    /// </summary>
    private async Task<int> DeriveOnePassAsync(CallId? only, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PermanenceDbContext>();
        var derived = await DeriveCallsAsync(db, only, ct);
        if (derived.Count == 0)
        {
            return 0;
        }
        var fresh = derived.SelectMany(d => d.Fresh.Select(e => (d.Call, Event: e)))
            .OrderBy(f => f.Event.ReceivedAt).ThenBy(f => f.Event.At)
            .ToList();
        // Ringing pop-ups left with the receipt (CallEventAcceptance).
        foreach (var (call, e) in fresh.Where(f => f.Event.Type != CallEventType.Ringing))
        {
            popups.Enqueue(call, e.Type, e.AgentId);
        }
        foreach (var call in derived)
        {
            await hub.Clients.Group(CallsHub.GroupOf(call.Call.PracticeId)).SendAsync(CallsHub.CallUpdated, call.Call.ToSummary(), ct);
        }
        await scope.ServiceProvider.GetRequiredService<AcdService>()
            .ObserveAsync([.. fresh.Select(f => new CallObservation(f.Call.Id, f.Event.Type, f.Event.AgentId))], ct);
        var freshIds = fresh.Select(f => f.Event.Id).ToList();
        await db.CallEvents.IgnoreQueryFilters().Where(e => freshIds.Contains(e.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.AwaitingDerivation, false), ct);
        return derived.Count;
    }

    /// <summary>
    /// Recomputes, in one transaction, the calls of up to <see cref="MaxEvents"/> awaiting events, or only
    /// <paramref name="only"/>.
    /// </summary>
    private static async Task<List<DerivedCall>> DeriveCallsAsync(PermanenceDbContext db, CallId? only, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var calls = (db.Database.IsNpgsql(), only) switch
        {
            (true, null) => await db.Calls.FromSql($"""
                SELECT * FROM calls
                WHERE "Id" IN (SELECT "CallId" FROM call_events WHERE "AwaitingDerivation" LIMIT {MaxEvents})
                FOR NO KEY UPDATE SKIP LOCKED
                """).IgnoreQueryFilters().ToListAsync(ct),
            (true, { } one) => await db.Calls.FromSql($"""SELECT * FROM calls WHERE "Id" = {one.Value} FOR NO KEY UPDATE SKIP LOCKED""")
                .IgnoreQueryFilters().ToListAsync(ct),
            (false, null) => await db.Calls.IgnoreQueryFilters()
                .Where(c => db.CallEvents.IgnoreQueryFilters().Where(e => e.AwaitingDerivation).Select(e => e.CallId).Take(MaxEvents).Contains(c.Id))
                .ToListAsync(ct),
            (false, { } one) => await db.Calls.IgnoreQueryFilters().Where(c => c.Id == one).ToListAsync(ct),
        };
        if (calls.Count == 0)
        {
            return [];
        }
        var callIds = calls.Select(c => c.Id).ToList();
        var events = (await db.CallEvents.IgnoreQueryFilters().AsNoTracking().Where(e => callIds.Contains(e.CallId)).ToListAsync(ct))
            .ToLookup(e => e.CallId);
        var derived = new List<DerivedCall>(calls.Count);
        foreach (var call in calls)
        {
            var stored = events[call.Id].ToList();
            call.Apply(CallTimeline.From(stored));
            derived.Add(new DerivedCall(call, [.. stored.Where(e => e.AwaitingDerivation)]));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return derived;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deriving call {CallId} failed; its events stay marked and are derived again at the next sweep")]
    private static partial void LogCallFailed(ILogger logger, Exception exception, Guid callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deriving call events failed; the events stay marked and are derived at the next pass")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
