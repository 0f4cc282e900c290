using System.Globalization;
using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Quality;

/// <summary>A calendar quarter (Q1 = January–March), read in a practice's own zone for its review.</summary>
public sealed record Quarter(int Year, int Number)
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public LocalDate FirstDay => new(Year, ((Number - 1) * 3) + 1, 1);

    /// <summary>The day after the quarter's last day (exclusive end).</summary>
    public LocalDate EndDay => FirstDay.PlusMonths(3);

    /// <summary>"T4 2026": trimestre, as French practices write it.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"T{Number} {Year}");

    /// <summary>
    /// The instants of the quarter in <paramref name="zone"/>, from the start of its first day to the start of the
    /// day after. Midnight exists in every zone Permanence serves; a zone skipping it would start at the first
    /// instant of the day (NodaTime's <c>AtStartOfDay</c>).
    /// </summary>
    public (Instant From, Instant To) In(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return (zone.AtStartOfDay(FirstDay).ToInstant(), zone.AtStartOfDay(EndDay).ToInstant());
    }

    /// <summary>The months of the quarter, first day of each.</summary>
    public IReadOnlyList<LocalDate> Months => [FirstDay, FirstDay.PlusMonths(1), FirstDay.PlusMonths(2)];

    public static Result<Quarter> Create(int? year, int? quarter)
    {
        var errors = new ValidationErrors();
        errors.Require(year is >= FirstYear and <= LastYear, "year", $"A year from {FirstYear} to {LastYear} is required.");
        errors.Require(quarter is >= 1 and <= 4, "quarter", "A quarter from 1 to 4 is required.");
        return errors.HasErrors ? errors.ToError() : new Quarter(year!.Value, quarter!.Value);
    }
}
