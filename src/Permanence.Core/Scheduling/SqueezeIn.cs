namespace Permanence.Core.Scheduling;

/// <summary>
/// An accepted squeeze-in: the slot, who authorised it and the appointments it overlaps. Stored flagged as a
/// squeeze-in so that the database overlap constraint, which covers regular active appointments, lets it through.
/// </summary>
public sealed record SqueezeIn(Slot Slot, SqueezeInAuthorisation Authorisation, IReadOnlyList<ExistingAppointment> Overlapped);
