using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Permanence.Core.Common;
using Permanence.Core.Staff;
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
public sealed class CallsHub : Hub
{
    public const string Route = "/hubs/calls";
    public const string CallUpdated = "callUpdated";
    public const string CallPopup = "callPopup";
    private const string UnknownNumbers = "unknown-numbers";

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
        foreach (var practiceId in Context.User?.AssignedPractices() ?? [])
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, PopupGroupOf(practiceId));
        }
        // Supervisors watch the queues of their practices; administrators those of every practice.
        if (Context.User?.IsAdministrator() == true)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, SupervisionOfAll);
        }
        else if (Context.User?.IsInRole(StaffRoles.Supervisor) == true)
        {
            foreach (var practiceId in Context.User.AssignedPractices())
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, SupervisionGroupOf(practiceId));
            }
        }
        await base.OnConnectedAsync();
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
