namespace Permanence.Core.Scheduling;

/// <summary>A waiting-list entry and the free slot that can be offered to it.</summary>
public sealed record WaitingListMatch(WaitingListEntry Entry, Slot Slot);
