using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Permanence.Web.Console.Agenda;

/// <summary>Dates and times as the practice reads them: its wall clock, in the user's culture (French by default).</summary>
public static class AgendaFormats
{
    public static string Time(LocalTime time) => LocalTimePattern.Create("HH:mm", CultureInfo.CurrentCulture).Format(time);

    public static string Time(Instant instant, DateTimeZone zone) => Time(instant.InZone(zone).TimeOfDay);

    /// <summary>"lundi 23 novembre 2026" in French, "Monday 23 November 2026" in English.</summary>
    public static string Day(LocalDate date) => LocalDatePattern.Create("dddd d MMMM yyyy", CultureInfo.CurrentCulture).Format(date);

    /// <summary>"lun. 23/11" in French.</summary>
    public static string ShortDay(LocalDate date) => LocalDatePattern.Create("ddd dd/MM", CultureInfo.CurrentCulture).Format(date);

    /// <summary>"lundi 23 novembre 2026 à 09:30" — a moment on the practice's clock.</summary>
    public static string DayAndTime(Instant instant, DateTimeZone zone, string at) =>
        $"{Day(instant.InZone(zone).Date)} {at} {Time(instant, zone)}";
}
