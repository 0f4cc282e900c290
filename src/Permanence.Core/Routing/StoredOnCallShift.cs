using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Routing;

/// <summary>A row of a practice's on-call roster (tableau de garde), as stored; <see cref="ToShift"/> gives the routing view.</summary>
public sealed class StoredOnCallShift
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public PracticeId PracticeId { get; set; }

    /// <summary>First instant covered.</summary>
    public Instant Start { get; set; }

    /// <summary>First instant no longer covered (exclusive).</summary>
    public Instant End { get; set; }

    /// <summary>Number the call is forwarded to, E.164.</summary>
    public required string Number { get; set; }

    /// <summary>Who answers, as callers' reasons show it ("Dr Moreau", "SOS Médecins").</summary>
    public required string Label { get; set; }

    /// <summary>Lower wins when shifts overlap.</summary>
    public int Priority { get; set; }

    public PractitionerId? PractitionerId { get; set; }
    public Instant CreatedAt { get; set; }

    public OnCallShift ToShift() => new(Start, End, Number, Label, Priority, PractitionerId);
}
