using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Permanence.Core.Common;
using Permanence.Web.Security;

namespace Permanence.Web.Calls;

/// <summary>
/// Live call updates for the console. A client watches the practices it is assigned to and receives
/// <c>callUpdated</c> (a <see cref="CallSummaryDto"/>) whenever a telephony event changes one of their calls;
/// administrators may also watch calls to unknown numbers.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CallsHub : Hub
{
    public const string Route = "/hubs/calls";
    public const string CallUpdated = "callUpdated";
    private const string UnknownNumbers = "unknown-numbers";

    public static string GroupOf(PracticeId? practiceId) => practiceId is { } id ? $"practice:{id}" : UnknownNumbers;

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
