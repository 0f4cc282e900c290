using NodaTime;

namespace Permanence.Core.Scheduling;

/// <summary>A public holiday (jour férié): a whole local day in the practice's time zone.</summary>
public sealed record PublicHoliday(LocalDate Date, string Name);
