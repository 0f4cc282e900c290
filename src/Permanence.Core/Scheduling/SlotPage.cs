namespace Permanence.Core.Scheduling;

/// <summary>One page of free slots, earliest first (ties by practitioner id); <see cref="Next"/> is null on the last page.</summary>
public sealed record SlotPage(IReadOnlyList<Slot> Slots, SlotCursor? Next);
