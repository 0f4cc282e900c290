using NodaTime;
using Permanence.Core.Practices;
using Permanence.Core.Quality;

namespace Permanence.Core.Tests.Quality;

public sealed class ServiceHoursTests
{
    /// <summary>
    /// Ranges on quarter hours and seconds, one inside the spring gap and one inside the repeated autumn hour, a
    /// closure across a weekend and the public holidays of both periods (Easter Monday, 1 and 11 November).
    /// </summary>
    private static Practice PracticeIn(string zone)
    {
        var practice = new Practice { Name = "Cabinet des Heures", GreetingText = "{practice}, bonjour", TimeZoneId = zone, RoutineNumber = "+33142860000" };
        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
        {
            practice.OpeningHours.Add(new OpeningHoursRange { Day = day, Start = new LocalTime(8, 15), End = new LocalTime(12, 30) });
            practice.OpeningHours.Add(new OpeningHoursRange { Day = day, Start = new LocalTime(12, 30), End = new LocalTime(12, 45) });
            practice.OpeningHours.Add(new OpeningHoursRange { Day = day, Start = new LocalTime(13, 45), End = new LocalTime(23, 59, 59) });
        }
        practice.OpeningHours.Add(new OpeningHoursRange { Day = IsoDayOfWeek.Saturday, Start = new LocalTime(9, 0), End = new LocalTime(11, 59, 30) });
        practice.OpeningHours.Add(new OpeningHoursRange { Day = IsoDayOfWeek.Sunday, Start = new LocalTime(0, 0), End = new LocalTime(2, 15) });
        practice.OpeningHours.Add(new OpeningHoursRange { Day = IsoDayOfWeek.Sunday, Start = new LocalTime(2, 30), End = new LocalTime(2, 45) });
        practice.Closures.Add(new PracticeClosure { FirstDay = new LocalDate(2026, 10, 30), LastDay = new LocalDate(2026, 11, 2) });
        return practice;
    }

    [Theory]
    [InlineData("Europe/Paris")]
    [InlineData("Asia/Kolkata")]
    [InlineData("America/St_Johns")]
    [InlineData("Pacific/Chatham")]
    public void Covered_intervals_hold_exactly_the_instants_the_practice_is_covered_at(string zone)
    {
        var practice = PracticeIn(zone);
        foreach (var (from, to) in new[]
        {
            (Instant.FromUtc(2026, 3, 25, 0, 7, 13), Instant.FromUtc(2026, 4, 10, 0, 0)),
            (Instant.FromUtc(2026, 10, 20, 0, 0), Instant.FromUtc(2026, 11, 13, 17, 5)),
        })
        {
            var intervals = ServiceHours.CoveredIntervals(practice, from, to);

            intervals.ShouldNotBeEmpty();
            intervals.Zip(intervals.Skip(1)).ShouldAllBe(pair => pair.First.End < pair.Second.Start);
            intervals.ShouldAllBe(i => from <= i.Start && i.End <= to);
            // Every minute and second around each bound: inside an interval exactly when Cover says so.
            var probes = Enumerable.Range(0, (int)(to - from).TotalMinutes).Select(m => from + Duration.FromMinutes(m))
                .Concat(intervals.SelectMany(i => new[] { i.Start, i.End }).SelectMany(b => new[] { b - Duration.Epsilon, b, b + Duration.FromSeconds(1) }))
                .Where(at => from <= at && at < to);
            foreach (var at in probes)
            {
                intervals.Any(i => i.Contains(at)).ShouldBe(ServiceHours.Cover(practice, at), $"{zone} at {at}");
            }
        }
    }
}
