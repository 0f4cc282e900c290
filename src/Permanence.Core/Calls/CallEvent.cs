using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Calls;

/// <summary>
/// One event reported by the telephony provider, stored as received. Events may arrive late or out of order; the
/// call's state is always derived from all of them sorted by <see cref="At"/>.
/// </summary>
public sealed class CallEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The provider's unique event id; a second delivery of the same id is ignored.</summary>
    public required string EventId { get; init; }

    public CallId CallId { get; init; }

    /// <summary>Copied from the call so the practice filter applies to events too; null for an unknown dialed number.</summary>
    public PracticeId? PracticeId { get; set; }

    public CallEventType Type { get; init; }

    /// <summary>When it happened, as the provider says.</summary>
    public Instant At { get; init; }

    public Instant ReceivedAt { get; init; }
    public StaffUserId? AgentId { get; init; }

    /// <summary>E.164 number (or extension text) a transfer went to.</summary>
    public string? TransferTo { get; init; }

    /// <summary>
    /// Stored and acknowledged, but the call's state and the distributor do not reflect it yet: the derivation stage
    /// takes it up just after the receipt, or after a restart.
    /// </summary>
    public bool AwaitingDerivation { get; set; }
}
