using NodaTime;

namespace Permanence.Core.Scheduling;

/// <summary>
/// The practice-wide scheduling settings: its IANA time zone (the one every wall-clock rule and every "day" is
/// read in), its closures, the public holidays it observes and the slot grid.
/// </summary>
public sealed record PracticeCalendar
{
    /// <summary>Europe/Paris, America/Martinique, Indian/Reunion…</summary>
    public required DateTimeZone Zone { get; init; }

    /// <summary>Dated closures of the whole practice (fermeture du cabinet), as instants.</summary>
    public IReadOnlyList<TimeRange> Closures { get; init; } = [];

    /// <summary>When true (the default) nobody takes appointments on the public holidays of <see cref="HolidayRegion"/>.</summary>
    public bool ClosedOnPublicHolidays { get; init; } = true;

    public FrenchHolidayRegion HolidayRegion { get; init; } = FrenchHolidayRegion.Metropolitan;

    /// <summary>
    /// Distance between two candidate starts, counted in elapsed time from the start of each session (5, 10,
    /// 15 minutes…); null means the appointment type's duration.
    /// </summary>
    public Duration? SlotStep
    {
        get;
        init => field = value is null || value > Duration.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SlotStep), value, "The slot step must be positive.");
    }

    /// <summary>The step used for <paramref name="type"/>.</summary>
    public Duration StepFor(AppointmentType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return SlotStep ?? type.Duration;
    }

    public bool IsClosedOn(LocalDate date) =>
        ClosedOnPublicHolidays && FrenchPublicHolidays.IsPublicHoliday(date, HolidayRegion);
}
