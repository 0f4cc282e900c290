using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;

namespace Permanence.Core.Routing;

/// <summary>A secretary's row of the distributor's stored state (one per staff member who has ever set a state).</summary>
public sealed class StoredAcdAgent
{
    public StaffUserId AgentId { get; init; }
    public AgentState State { get; set; }

    /// <summary>When the secretary entered <see cref="State"/>.</summary>
    public Instant Since { get; set; }

    /// <summary>Since when the secretary has been free for a call; the longest idle is offered the next one.</summary>
    public Instant IdleSince { get; set; }

    /// <summary>End of the wrap-up, while <see cref="State"/> is wrap-up.</summary>
    public Instant? WrapUpUntil { get; set; }

    /// <summary>The call ringing at the secretary's console or in conversation.</summary>
    public CallId? CurrentCallId { get; set; }

    public AcdAgentStatus ToStatus() => new(AgentId, State, Since, IdleSince, WrapUpUntil, CurrentCallId?.Value);
}

/// <summary>A call in the distributor's line, or ringing at a secretary (<see cref="OfferedTo"/>) until <see cref="RingDeadline"/>.</summary>
public sealed class StoredAcdCall
{
    public CallId CallId { get; init; }
    public PracticeId PracticeId { get; set; }
    public bool Urgent { get; set; }

    /// <summary>When the call first entered the line; its place in line and its wait count from here.</summary>
    public Instant EnqueuedAt { get; set; }

    public StaffUserId? OfferedTo { get; set; }
    public Instant? RingDeadline { get; set; }

    public AcdCallStatus ToStatus() => new(new QueuedCall(CallId.Value, PracticeId, Urgent, EnqueuedAt), OfferedTo, RingDeadline);
}
