using System.Diagnostics;
using NodaTime;
using Permanence.Core.Calls.Simulation;
using Permanence.Core.Common;
using Permanence.Core.Routing;

namespace Permanence.Core.Tests.Routing;

public sealed class AcdReplayTests(ITestOutputHelper output)
{
    [Fact]
    public void A_simulated_day_of_a_fifty_secretary_centre_is_replayed_in_virtual_time()
    {
        // 1,000 practices of ~25 weekday calls ≈ 30,000 calls on a Monday, shared by 50 secretaries trained on 300 practices each.
        var zone = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var monday = new LocalDate(2026, 11, 23).AtStartOfDayInZone(zone).ToInstant();
        var practices = Enumerable.Range(0, 1000).Select(i => (Number: $"+3314286{i:D4}", Id: PracticeId.New())).ToList();
        var random = new Random(2026);
        var simulated = practices.Select(p => new SimulatedPractice(p.Number, null, zone, ArrivalProfile.GeneralPractice(23), _ => true, [])).ToList();
        var calls = new TrafficGenerator(random).Generate(simulated, monday, monday + Duration.FromDays(1)).ToList();
        var agents = Enumerable.Range(0, 50).Select(i => new AcdAgent(StaffUserId.New(),
            practices.Where((_, j) => (j + i) % 5 < 2).ToDictionary(p => p.Id, _ => 2))).ToList();

        var clock = Stopwatch.StartNew();
        var result = AcdReplay.Run(calls, agents, practices.ToDictionary(p => p.Number, p => p.Id), new AcdOptions(), Duration.FromSeconds(15), random);
        clock.Stop();

        output.WriteLine($"{result.Offered} calls offered, {result.Answered} answered, {result.Abandoned} abandoned, {result.Overflowed} overflowed");
        output.WriteLine($"service level (15 s) {result.ServiceLevel:P1}, abandonment {result.AbandonmentRate:P1}, mean wait {result.AverageWaitSeconds:F1} s");
        output.WriteLine($"replayed in {clock.Elapsed.TotalSeconds:F2} s for 86,400 s of traffic ({clock.Elapsed.TotalSeconds / 864:P2} of real time)");
        result.Offered.ShouldBeInRange(25_000, 35_000);
        (result.Answered + result.Abandoned + result.Overflowed).ShouldBe(result.Offered);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(864), "a day must replay in under 1 % of real time");
    }
}
