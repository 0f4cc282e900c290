using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using NodaTime;

namespace Permanence.Core.Scheduling;

/// <summary>
/// Computes French public holidays (jours fériés) for a year: the fixed ones, and the movable feasts that follow
/// Easter Sunday (Easter Monday +1 day, Ascension +39, Whit Monday +50), with regional additions.
/// </summary>
public static class FrenchPublicHolidays
{
    /// <summary>Easter Sunday in the Gregorian calendar (anonymous algorithm of Meeus, Jones and Butcher).</summary>
    public static LocalDate EasterSunday(int year)
    {
        if (year is < 1583 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "Only Gregorian years are supported.");
        }
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new LocalDate(year, month, day);
    }

    // Slot searches ask about every day of every practitioner: each year's list is computed once per region.
    private static readonly ConcurrentDictionary<(int Year, FrenchHolidayRegion Region), ReadOnlyCollection<PublicHoliday>> Computed = new();

    /// <summary>The holidays of <paramref name="year"/> observed in <paramref name="region"/>, in date order.</summary>
    public static IReadOnlyList<PublicHoliday> For(int year, FrenchHolidayRegion region) =>
        Computed.GetOrAdd((year, region), key => Compute(key.Year, key.Region).AsReadOnly());

    private static List<PublicHoliday> Compute(int year, FrenchHolidayRegion region)
    {
        var easter = EasterSunday(year);
        var holidays = new List<PublicHoliday>
        {
            new(new LocalDate(year, 1, 1), "Jour de l'an"),
            new(easter.PlusDays(1), "Lundi de Pâques"),
            new(new LocalDate(year, 5, 1), "Fête du Travail"),
            new(new LocalDate(year, 5, 8), "Victoire 1945"),
            new(easter.PlusDays(39), "Ascension"),
            new(easter.PlusDays(50), "Lundi de Pentecôte"),
            new(new LocalDate(year, 7, 14), "Fête nationale"),
            new(new LocalDate(year, 8, 15), "Assomption"),
            new(new LocalDate(year, 11, 1), "Toussaint"),
            new(new LocalDate(year, 11, 11), "Armistice 1918"),
            new(new LocalDate(year, 12, 25), "Noël"),
        };
        switch (region)
        {
            case FrenchHolidayRegion.Metropolitan:
                break;
            case FrenchHolidayRegion.AlsaceMoselle:
                holidays.Add(new(easter.PlusDays(-2), "Vendredi saint"));
                holidays.Add(new(new LocalDate(year, 12, 26), "Saint-Étienne"));
                break;
            case FrenchHolidayRegion.Guadeloupe:
                holidays.Add(Abolition(year, 5, 27));
                break;
            case FrenchHolidayRegion.Martinique:
                holidays.Add(Abolition(year, 5, 22));
                break;
            case FrenchHolidayRegion.Guyane:
                holidays.Add(Abolition(year, 6, 10));
                break;
            case FrenchHolidayRegion.Reunion:
                holidays.Add(Abolition(year, 12, 20));
                break;
            case FrenchHolidayRegion.Mayotte:
                holidays.Add(Abolition(year, 4, 27));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(region), region, null);
        }
        holidays.Sort((x, y) => x.Date.CompareTo(y.Date));
        return holidays;
    }

    public static bool IsPublicHoliday(LocalDate date, FrenchHolidayRegion region)
    {
        foreach (var holiday in For(date.Year, region))
        {
            if (holiday.Date == date)
            {
                return true;
            }
        }
        return false;
    }

    private static PublicHoliday Abolition(int year, int month, int day) =>
        new(new LocalDate(year, month, day), "Abolition de l'esclavage");
}
