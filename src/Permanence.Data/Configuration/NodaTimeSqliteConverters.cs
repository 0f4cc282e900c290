using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Text;

namespace Permanence.Data.Configuration;

/// <summary>
/// SQLite has no date/time types: instants are stored as Unix ticks (so ranges compare as integers), local dates
/// and times as sortable ISO text. PostgreSQL maps NodaTime natively instead.
/// </summary>
internal static class NodaTimeSqliteConverters
{
    internal sealed class InstantConverter() : ValueConverter<Instant, long>(
        instant => instant.ToUnixTimeTicks(), ticks => Instant.FromUnixTimeTicks(ticks));

    internal sealed class LocalDateConverter() : ValueConverter<LocalDate, string>(
        date => LocalDatePattern.Iso.Format(date), text => LocalDatePattern.Iso.Parse(text).Value);

    internal sealed class LocalTimeConverter() : ValueConverter<LocalTime, string>(
        time => LocalTimePattern.ExtendedIso.Format(time), text => LocalTimePattern.ExtendedIso.Parse(text).Value);
}
