namespace Permanence.Core.Scheduling;

/// <summary>A consultation session of one day resolved to instants; slot starts are aligned on its start.</summary>
public readonly record struct Session(TimeRange Range, ConsultationSiteId? Site);
