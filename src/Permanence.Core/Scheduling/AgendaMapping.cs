using NodaTime;
using Permanence.Core.Practices;

namespace Permanence.Core.Scheduling;

/// <summary>Turns stored practice configuration into the immutable inputs of the scheduling rules.</summary>
public static class AgendaMapping
{
    /// <summary>The holiday calendar a practice follows: Alsace-Moselle when it says so, else the one of its zone.</summary>
    public static FrenchHolidayRegion HolidayRegionOf(Practice practice) => practice.ObservesAlsaceMosellePublicHolidays
        ? FrenchHolidayRegion.AlsaceMoselle
        : practice.TimeZoneId switch
        {
            "America/Martinique" => FrenchHolidayRegion.Martinique,
            "America/Guadeloupe" => FrenchHolidayRegion.Guadeloupe,
            "America/Cayenne" => FrenchHolidayRegion.Guyane,
            "Indian/Reunion" => FrenchHolidayRegion.Reunion,
            "Indian/Mayotte" => FrenchHolidayRegion.Mayotte,
            _ => FrenchHolidayRegion.Metropolitan,
        };

    /// <param name="closures">The practice's dated closures (the navigation may not be loaded).</param>
    public static PracticeCalendar ToCalendar(Practice practice, IEnumerable<PracticeClosure> closures)
    {
        var zone = practice.TimeZone;
        return new PracticeCalendar
        {
            Zone = zone,
            Closures = [.. closures.Select(c => TimeRange.OfLocalDays(c.FirstDay, c.LastDay, zone))],
            ClosedOnPublicHolidays = practice.ClosedOnPublicHolidays,
            HolidayRegion = HolidayRegionOf(practice),
            SlotStep = practice.SlotStepMinutes is { } step ? Duration.FromMinutes(step) : null,
        };
    }

    public static AppointmentType ToRule(Practices.AppointmentType type) => new()
    {
        Id = type.Id,
        Name = type.Name,
        Duration = Duration.FromMinutes(type.DurationMinutes),
        BufferBefore = Duration.FromMinutes(type.BufferBeforeMinutes),
        BufferAfter = Duration.FromMinutes(type.BufferAfterMinutes),
        MinimumNotice = Duration.FromMinutes(type.MinimumNoticeMinutes),
        MaximumHorizon = Duration.FromDays(type.BookingHorizonDays),
        MaximumPerDayPerPractitioner = type.MaxPerDayPerPractitioner,
        AllowedPractitioners = type.AllowedPractitioners.ToHashSet(),
        AcceptsNewPatients = type.NewPatientsAllowed,
        Channel = type.Channel,
        PreparationInstructions = string.IsNullOrWhiteSpace(type.PreparationInstructions) ? null : type.PreparationInstructions,
        DocumentsToBring = type.DocumentsToBring,
    };
}
