using NodaTime;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Tests.Scheduling;

public sealed class FrenchPublicHolidaysTests
{
    [Theory]
    [InlineData(2024, "2024-03-31", "2024-04-01", "2024-05-09", "2024-05-20")]
    [InlineData(2025, "2025-04-20", "2025-04-21", "2025-05-29", "2025-06-09")]
    [InlineData(2026, "2026-04-05", "2026-04-06", "2026-05-14", "2026-05-25")]
    [InlineData(2027, "2027-03-28", "2027-03-29", "2027-05-06", "2027-05-17")]
    public void Movable_feasts_follow_easter(int year, string easter, string easterMonday, string ascension, string whitMonday)
    {
        FrenchPublicHolidays.EasterSunday(year).ShouldBe(Date(easter));

        var holidays = FrenchPublicHolidays.For(year, FrenchHolidayRegion.Metropolitan);

        holidays.Single(h => h.Name == "Lundi de Pâques").Date.ShouldBe(Date(easterMonday));
        holidays.Single(h => h.Name == "Ascension").Date.ShouldBe(Date(ascension));
        holidays.Single(h => h.Name == "Lundi de Pentecôte").Date.ShouldBe(Date(whitMonday));
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    [InlineData(2027)]
    public void Metropolitan_france_has_eleven_holidays_with_the_eight_fixed_ones(int year)
    {
        var dates = FrenchPublicHolidays.For(year, FrenchHolidayRegion.Metropolitan).Select(h => h.Date).ToList();

        dates.Count.ShouldBe(11);
        dates.ShouldBeInOrder(SortDirection.Ascending);
        foreach (var (month, day) in new[] { (1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25) })
        {
            dates.ShouldContain(new LocalDate(year, month, day));
        }
        dates.ShouldNotContain(FrenchPublicHolidays.EasterSunday(year).PlusDays(-2));
        dates.ShouldNotContain(new LocalDate(year, 12, 26));
    }

    [Fact]
    public void Alsace_Moselle_adds_good_friday_and_saint_stephen()
    {
        var holidays = FrenchPublicHolidays.For(2026, FrenchHolidayRegion.AlsaceMoselle);

        holidays.Count.ShouldBe(13);
        FrenchPublicHolidays.IsPublicHoliday(Date("2026-04-03"), FrenchHolidayRegion.AlsaceMoselle).ShouldBeTrue();
        FrenchPublicHolidays.IsPublicHoliday(Date("2026-12-26"), FrenchHolidayRegion.AlsaceMoselle).ShouldBeTrue();
        FrenchPublicHolidays.IsPublicHoliday(Date("2026-04-03"), FrenchHolidayRegion.Metropolitan).ShouldBeFalse();
    }

    [Theory]
    [InlineData(FrenchHolidayRegion.Martinique, "2026-05-22")]
    [InlineData(FrenchHolidayRegion.Guadeloupe, "2026-05-27")]
    [InlineData(FrenchHolidayRegion.Guyane, "2026-06-10")]
    [InlineData(FrenchHolidayRegion.Reunion, "2026-12-20")]
    [InlineData(FrenchHolidayRegion.Mayotte, "2026-04-27")]
    public void Overseas_regions_add_the_abolition_of_slavery(FrenchHolidayRegion region, string date)
    {
        FrenchPublicHolidays.IsPublicHoliday(Date(date), region).ShouldBeTrue();
        FrenchPublicHolidays.IsPublicHoliday(Date(date), FrenchHolidayRegion.Metropolitan).ShouldBeFalse();
    }

    [Fact]
    public void A_holiday_of_an_alsace_moselle_practice_removes_its_slots()
    {
        var doctor = Permanence.Core.Common.PractitionerId.New();
        var goodFriday = Date("2026-04-03");
        var schedule = Agendas.WeekdayMornings(doctor);
        var metropolitan = Agendas.Agenda(Agendas.Calendar(), schedule);
        var alsace = Agendas.Agenda(Agendas.Calendar() with { HolidayRegion = FrenchHolidayRegion.AlsaceMoselle }, schedule);
        var window = Agendas.Days(Agendas.Paris, goodFriday, goodFriday);
        var now = Agendas.InParis(2026, 3, 2, 8);

        Agendas.Search(metropolitan, Agendas.Consultation(), window, now).Slots.Count.ShouldBe(6);
        Agendas.Search(alsace, Agendas.Consultation(), window, now).Slots.ShouldBeEmpty();
    }

    private static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}
