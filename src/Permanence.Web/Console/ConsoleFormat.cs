using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;
using Permanence.Core.Calls;
using Permanence.Core.Common;

namespace Permanence.Web.Console;

/// <summary>
/// Dates, times and other values as the console shows them: in the practice's time zone, in the console's language.
/// </summary>
public static class ConsoleFormat
{
    /// <summary>The caller id as it came, or "number withheld" when it says the number was withheld (<see cref="CallerIds.IsWithheld"/>).</summary>
    public static string CallerId(string? from, IStringLocalizer<ConsoleText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CallerIds.IsWithheld(from) ? text["CallerIdWithheld"] : from!;
    }

    /// <summary>What a refusal says in one line: a validation error's field messages, or the error's message.</summary>
    public static string ErrorText(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error is ValidationError invalid ? string.Join(" ", invalid.Fields.SelectMany(f => f.Value)) : error.Message;
    }

    /// <summary>"lundi 23 novembre 2026 à 09:30" (French) or "Monday 23 November 2026 at 09:30" (English).</summary>
    public static string DateTime(Instant instant, DateTimeZone zone)
    {
        var culture = CultureInfo.CurrentCulture;
        var pattern = culture.TwoLetterISOLanguageName == "fr" ? "dddd d MMMM uuuu 'à' HH:mm" : "dddd d MMMM uuuu 'at' HH:mm";
        return LocalDateTimePattern.Create(pattern, culture).Format(instant.InZone(zone).LocalDateTime);
    }

    /// <summary>"23/11/2026 09:30" (French) or "23/11/2026 09:30" (English, en-GB).</summary>
    public static string Compact(Instant instant, DateTimeZone zone) =>
        LocalDateTimePattern.Create("dd/MM/uuuu HH:mm", CultureInfo.CurrentCulture).Format(instant.InZone(zone).LocalDateTime);

    /// <summary>A birth date given as yyyy-MM-dd, shown as dd/MM/yyyy.</summary>
    public static string BirthDate(string isoDate) =>
        LocalDatePattern.Iso.Parse(isoDate) is { Success: true } parsed
            ? LocalDatePattern.Create("dd/MM/uuuu", CultureInfo.CurrentCulture).Format(parsed.Value)
            : isoDate;
}
