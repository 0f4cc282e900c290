using System.ComponentModel.DataAnnotations;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Routing;
using Permanence.Web.Cluster;

namespace Permanence.Web.Routing;

/// <summary>Settings of the distributor (<c>Acd</c> section).</summary>
public sealed class AcdSettings
{
    public const string Section = "Acd";

    [Range(5, 120, ErrorMessage = "Acd:RingTimeoutSeconds must be between 5 and 120.")]
    public int RingTimeoutSeconds { get; set; } = 15;

    [Range(0, 900, ErrorMessage = "Acd:WrapUpSeconds must be between 0 and 900.")]
    public int WrapUpSeconds { get; set; } = 30;

    /// <summary>Average handling time (talk + wrap-up) used for the expected-wait figure.</summary>
    [Range(10, 3600, ErrorMessage = "Acd:AverageHandlingSeconds must be between 10 and 3600.")]
    public int AverageHandlingSeconds { get; set; } = 180;

    /// <summary>Run the timer pass (ring timeouts, overflow, end of wrap-up) in this process.</summary>
    public bool TickerEnabled { get; set; } = true;

    [Range(1, 60, ErrorMessage = "Acd:TickSeconds must be between 1 and 60.")]
    public int TickSeconds { get; set; } = 1;
}

/// <summary>A secretary's state as the console shows it; <see cref="IdleSeconds"/> only while available.</summary>
public sealed record AgentStateDto(Guid AgentId, string State, Instant Since, Instant IdleSince, int? IdleSeconds, Instant? WrapUpUntil, Guid? CurrentCallId);

/// <summary>Body of <c>PUT /api/agents/me/state</c>: <c>available</c>, <c>break</c> or <c>offline</c>.</summary>
public sealed record AgentStateInput(string? State);

/// <summary>A call in line or ringing at a secretary (<see cref="OfferedTo"/>).</summary>
public sealed record WaitingCallDto(Guid CallId, string From, Instant EnqueuedAt, int WaitSeconds, Guid? OfferedTo, Instant? RingDeadline);

/// <summary>
/// One queue (practice × line), its calls in the order they will be offered, and the expected wait of a new call
/// (null when no secretary trained on the practice is working).
/// </summary>
public sealed record QueueDto(Guid PracticeId, string PracticeName, string Line, int? ExpectedWaitSeconds, IReadOnlyList<WaitingCallDto> Calls);

/// <summary>A secretary as supervisors see them: state, since when, idle time, call held, wrap-up end, practices trained on.</summary>
public sealed record SupervisedAgentDto(Guid AgentId, string DisplayName, string State, Instant Since, int? IdleSeconds, Instant? WrapUpUntil,
    Guid? CurrentCallId, IReadOnlyList<Guid> Practices);

/// <summary>The queues of some practices and the secretaries trained on them, at <see cref="At"/>.</summary>
public sealed record QueueSnapshotDto(Instant At, IReadOnlyList<QueueDto> Queues, IReadOnlyList<SupervisedAgentDto> Agents);

/// <summary>What a distributor change touched: secretaries whose state changed, practices whose queues changed.</summary>
public sealed record AcdChange(IReadOnlyCollection<StaffUserId> Agents, IReadOnlyCollection<PracticeId> Practices);

/// <summary>
/// Notification of distributor changes, raised after each change is committed, for Blazor circuits to refresh their
/// view with <see cref="AcdService.QueueSnapshotAsync"/> or <see cref="AcdService.GetMyStateAsync"/>: on the committing
/// node at once, and on the other nodes through <see cref="ClusterBus"/> when there are several. Handlers run on the
/// committing (or receiving) thread: keep them short (marshal to the circuit with <c>InvokeAsync</c>) and never throw.
/// </summary>
public sealed class AcdNotifications
{
    private const string Topic = "acd-changes";
    private readonly ClusterBus _cluster;

    public AcdNotifications(ClusterBus cluster)
    {
        _cluster = cluster;
        cluster.Subscribe<AcdChange>(Topic, change => Changed?.Invoke(change));
    }

    public event Action<AcdChange>? Changed;

    internal void Publish(AcdChange change)
    {
        Changed?.Invoke(change);
        _cluster.Publish(Topic, change);
    }
}

/// <summary>Wire codes of agent states.</summary>
public static class AgentStateCodes
{
    public static string ToCode(this AgentState state) => state switch
    {
        AgentState.Offline => "offline",
        AgentState.Available => "available",
        AgentState.Ringing => "ringing",
        AgentState.OnCall => "on_call",
        AgentState.WrapUp => "wrap_up",
        AgentState.Break => "break",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static AgentState? Parse(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "offline" => AgentState.Offline,
        "available" => AgentState.Available,
        "ringing" => AgentState.Ringing,
        "on_call" => AgentState.OnCall,
        "wrap_up" => AgentState.WrapUp,
        "break" => AgentState.Break,
        _ => null,
    };
}
