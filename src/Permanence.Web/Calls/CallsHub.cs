using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Permanence.Core.Common;
using Permanence.Core.Staff;
using Permanence.Web.Cluster;
using Permanence.Web.Security;

namespace Permanence.Web.Calls;

/// <summary>
/// Live call updates for the console. A client watches the practices it is assigned to and receives
/// <c>callUpdated</c> (a <see cref="CallSummaryDto"/>) whenever a telephony event changes one of their calls;
/// administrators may also watch calls to unknown numbers. Every connection also joins, on connect, the pop-up group of
/// each practice it is assigned to (its practice claims, from the staff assignments or the API key's scope) and
/// receives <c>callPopup</c> (a <see cref="CallPopupDto"/>) when a call to one of them rings, is answered or ends.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CallsHub(PopupAudience audience, SupervisionAudience supervision, HubSessionRevalidation sessions) : Hub
{
    public const string Route = "/hubs/calls";
    public const string CallUpdated = "callUpdated";
    public const string CallPopup = "callPopup";
    private const string UnknownNumbers = "unknown-numbers";
    private const string PopupPractices = "popup-practices";
    private const string SupervisedPractices = "supervised-practices";
    private const string SupervisesAll = "supervises-all";

    /// <summary>Sent to a secretary (as a user) when their distributor state changes: an <c>AgentStateDto</c>; ringing carries the offered call.</summary>
    public const string AgentStateChanged = "agentStateChanged";

    /// <summary>Sent to supervisors of a practice when its queues or secretaries change: a <c>QueueSnapshotDto</c> of that practice.</summary>
    public const string QueuesUpdated = "queuesUpdated";

    /// <summary>Administrators' supervision group: every practice's queue updates.</summary>
    public const string SupervisionOfAll = "supervision:all";

    public static string SupervisionGroupOf(PracticeId practiceId) => $"supervision:{practiceId}";

    public static string GroupOf(PracticeId? practiceId) => practiceId is { } id ? $"practice:{id}" : UnknownNumbers;

    public static string PopupGroupOf(PracticeId practiceId) => $"popup:{practiceId}";

    /// <summary>
    /// Joins the pop-up groups of the practices the user is assigned to. Administrators see every practice but take
    /// no calls unless assigned, so they get no pop-ups for the others.
    /// </summary>
    public override async Task OnConnectedAsync()
    {
        var practices = Context.User?.AssignedPractices() ?? [];
        foreach (var practiceId in practices)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, PopupGroupOf(practiceId));
        }
        audience.Joined(practices);
        Context.Items[PopupPractices] = practices;
        // Supervisors watch the queues of their practices; administrators those of every practice.
        if (Context.User?.IsAdministrator() == true)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, SupervisionOfAll);
            supervision.JoinedAll();
            Context.Items[SupervisesAll] = true;
        }
        else if (Context.User?.IsInRole(StaffRoles.Supervisor) == true)
        {
            var supervised = Context.User.AssignedPractices();
            foreach (var practiceId in supervised)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, SupervisionGroupOf(practiceId));
            }
            supervision.Joined(supervised);
            Context.Items[SupervisedPractices] = supervised;
        }
        // Last, so that a connection that failed to set up is not kept: its OnDisconnectedAsync would not run.
        sessions.Opened(Context);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Closed(Context.ConnectionId);
        if (Context.Items.TryGetValue(PopupPractices, out var joined) && joined is IReadOnlyCollection<PracticeId> practices)
        {
            audience.Left(practices);
        }
        if (Context.Items.TryGetValue(SupervisedPractices, out var watched) && watched is IReadOnlyCollection<PracticeId> supervised)
        {
            supervision.Left(supervised);
        }
        if (Context.Items.ContainsKey(SupervisesAll))
        {
            supervision.LeftAll();
        }
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Starts sending this connection the practice's call updates; a practice outside the caller's scope is refused.</summary>
    public Task WatchPractice(Guid practiceId)
    {
        var id = new PracticeId(practiceId);
        if (Context.User?.CanSeePractice(id) != true)
        {
            throw new HubException("The practice was not found.");
        }
        return Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(id));
    }

    public Task UnwatchPractice(Guid practiceId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(new PracticeId(practiceId)));

    /// <summary>Calls to numbers that match no practice line: administrators only.</summary>
    public Task WatchUnknownNumbers()
    {
        if (Context.User?.IsAdministrator() != true)
        {
            throw new HubException("Only administrators see calls to unknown numbers.");
        }
        return Groups.AddToGroupAsync(Context.ConnectionId, UnknownNumbers);
    }
}

/// <summary>How many hub connections are counted for each practice; a count never goes below zero.</summary>
public sealed class PracticeConnectionCounts
{
    private readonly ConcurrentDictionary<PracticeId, int> _counts = new();

    public bool AnyIn(PracticeId practice) => _counts.TryGetValue(practice, out var count) && count > 0;

    public void Joined(IEnumerable<PracticeId> practices)
    {
        foreach (var practice in practices)
        {
            _counts.AddOrUpdate(practice, 1, (_, count) => count + 1);
        }
    }

    public void Left(IEnumerable<PracticeId> practices)
    {
        foreach (var practice in practices)
        {
            _counts.AddOrUpdate(practice, 0, (_, count) => Math.Max(0, count - 1));
        }
    }
}

/// <summary>
/// How many console connections are in each practice's pop-up group, so pop-ups nobody would receive are not built
/// (four queries each).
/// </summary>
public sealed class PopupAudience(ClusterBus cluster)
{
    private readonly PracticeConnectionCounts _connections = new();

    /// <summary>Whether someone may receive the practice's pop-ups: always, with several nodes, since others count their own.</summary>
    public bool AnyoneIn(PracticeId practice) => cluster.ScaledOut || _connections.AnyIn(practice);

    public void Joined(IEnumerable<PracticeId> practices) => _connections.Joined(practices);

    public void Left(IEnumerable<PracticeId> practices) => _connections.Left(practices);
}

/// <summary>
/// How many hub connections watch each practice's queues (supervisors) or every practice's (administrators), so queue
/// snapshots nobody would receive over the hub are not built (nine queries each). In-process subscribers are told
/// through <see cref="Routing.AcdNotifications"/> regardless.
/// </summary>
public sealed class SupervisionAudience(ClusterBus cluster)
{
    private readonly PracticeConnectionCounts _byPractice = new();
    private int _everything;

    /// <summary>Whether someone may watch the practices' queues: always, with several nodes, since others count their own.</summary>
    public bool AnyoneWatching(IEnumerable<PracticeId> practices) =>
        cluster.ScaledOut || Volatile.Read(ref _everything) > 0 || practices.Any(_byPractice.AnyIn);

    public void JoinedAll() => Interlocked.Increment(ref _everything);

    public void LeftAll() => Interlocked.Decrement(ref _everything);

    public void Joined(IEnumerable<PracticeId> practices) => _byPractice.Joined(practices);

    public void Left(IEnumerable<PracticeId> practices) => _byPractice.Left(practices);
}
