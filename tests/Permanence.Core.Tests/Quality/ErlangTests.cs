using FsCheck;
using FsCheck.Fluent;
using Permanence.Core.Quality;

namespace Permanence.Core.Tests.Quality;

public sealed class ErlangTests
{
    [Theory]
    [InlineData(5, 2.0, 0.0367)]
    [InlineData(10, 5.0, 0.0184)]
    [InlineData(1, 1.0, 0.5)]
    public void Erlang_B_matches_published_table_values(int agents, double erlangs, double expected) =>
        ErlangC.BlockingProbability(agents, erlangs).ShouldBe(expected, tolerance: 0.00005);

    [Fact]
    public void Erlang_C_matches_the_exact_single_and_two_server_queues()
    {
        // M/M/1: P(wait) = ρ. M/M/2 at ρ = 0.5 (A = 1): P(wait) = 2ρ²/(1+ρ) = 1/3.
        ErlangC.ProbabilityOfWaiting(1, 0.5).ShouldBe(0.5, tolerance: 1e-12);
        ErlangC.ProbabilityOfWaiting(2, 1.0).ShouldBe(1.0 / 3, tolerance: 1e-12);
    }

    [Theory]
    [InlineData(11, 0.6821, 122.8)]
    [InlineData(12, 0.4494, 40.4)]
    [InlineData(13, 0.2853, 17.1)]
    [InlineData(14, 0.1741, 7.8)]
    public void Ten_erlangs_of_three_minute_calls_match_the_classic_worked_example(int agents, double waiting, double asa)
    {
        ErlangC.ProbabilityOfWaiting(agents, 10).ShouldBe(waiting, tolerance: 0.00005);
        ErlangC.AverageSpeedOfAnswer(agents, 10, 180).ShouldBe(asa, tolerance: 0.05);
    }

    [Fact]
    public void Eighty_percent_in_twenty_seconds_for_ten_erlangs_needs_fourteen_agents()
    {
        ErlangC.AgentsFor(10, 180, 20, 0.8).ShouldBe(14);
        ErlangC.ServiceLevel(13, 10, 180, 20).ShouldBeLessThan(0.8);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    [InlineData(3e9)]
    [InlineData(2e7)]
    public async Task Traffic_beyond_any_secretariat_is_refused_rather_than_searched_for_ages(double erlangs)
    {
        var search = Task.Run(() => ErlangC.AgentsFor(erlangs, 180, 15, 0.8), TestContext.Current.CancellationToken);

        await Should.ThrowAsync<ArgumentOutOfRangeException>(search.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_agents_for_a_million_erlangs_reach_the_target_and_one_fewer_does_not()
    {
        var agents = ErlangC.AgentsFor(ErlangC.MaxErlangs, 180, 15, 0.8);

        ErlangC.ServiceLevel(agents, ErlangC.MaxErlangs, 180, 15).ShouldBeGreaterThanOrEqualTo(0.8);
        ErlangC.ServiceLevel(agents - 1, ErlangC.MaxErlangs, 180, 15).ShouldBeLessThan(0.8);
    }

    [Fact]
    public void An_unstable_queue_waits_forever()
    {
        ErlangC.ProbabilityOfWaiting(10, 10).ShouldBe(1);
        ErlangC.AverageSpeedOfAnswer(9, 10, 180).ShouldBe(double.PositiveInfinity);
    }

    [Fact]
    public void Erlang_A_with_endless_patience_is_Erlang_C()
    {
        var a = ErlangA.Evaluate(12, 200, 180, 1e9);
        a.ProbabilityOfWaiting.ShouldBe(ErlangC.ProbabilityOfWaiting(12, 10), tolerance: 1e-4);
        a.ProbabilityOfAbandoning.ShouldBeLessThan(1e-4);
        a.AverageWaitSeconds.ShouldBe(ErlangC.AverageSpeedOfAnswer(12, 10, 180), tolerance: 0.05);
    }

    [Fact]
    public void Erlang_A_stays_finite_when_traffic_exceeds_the_agents()
    {
        var a = ErlangA.Evaluate(5, 200, 180, 60);
        a.ProbabilityOfAbandoning.ShouldBeInRange(0.3, 1.0);
        double.IsFinite(a.AverageWaitSeconds).ShouldBeTrue();
    }

    [Theory]
    [InlineData(800, 16_000)]
    [InlineData(5_000, 100_000)]
    public void Erlang_A_stays_a_probability_for_a_large_secretariat(int agents, double callsPerHour)
    {
        // 800 and 5,000 erlangs: the unnormalised terms A^n / n! are far beyond what a double holds.
        var a = ErlangA.Evaluate(agents, callsPerHour, 180, 90);

        a.ProbabilityOfWaiting.ShouldBeInRange(0.0, 1.0);
        a.ProbabilityOfAbandoning.ShouldBeInRange(0.0, 1.0);
        double.IsFinite(a.AverageWaitSeconds).ShouldBeTrue();
    }

    [Fact]
    public void Erlang_A_of_a_large_secretariat_agrees_with_Erlang_C_when_patience_is_endless()
    {
        var erlangs = 20_000 * 180 / 3600.0;
        var agents = ErlangC.AgentsFor(erlangs, 180, 15, 0.8);

        var a = ErlangA.Evaluate(agents, 20_000, 180, 1e9);

        a.ProbabilityOfWaiting.ShouldBe(ErlangC.ProbabilityOfWaiting(agents, erlangs), tolerance: 1e-4);
    }

    [FsCheck.Xunit.Property]
    public Property More_agents_never_raise_abandonment_or_lower_service_level() =>
        Prop.ForAll(Gen.Choose(1, 30).ToArbitrary(), Gen.Choose(1, 400).ToArbitrary(), (agents, callsPerHour) =>
        {
            var fewer = ErlangA.Evaluate(agents, callsPerHour, 180, 90);
            var more = ErlangA.Evaluate(agents + 1, callsPerHour, 180, 90);
            var erlangs = callsPerHour * 180 / 3600.0;
            return more.ProbabilityOfAbandoning <= fewer.ProbabilityOfAbandoning + 1e-12
                && ErlangC.ServiceLevel(agents + 1, erlangs, 180, 15) >= ErlangC.ServiceLevel(agents, erlangs, 180, 15) - 1e-12;
        });

    [Fact]
    public void A_staffing_plan_has_no_one_at_night_and_most_people_at_the_morning_peak()
    {
        var profile = Core.Calls.Simulation.ArrivalProfile.GeneralPractice(25).Scaled(40);
        var rates = Enumerable.Range(0, 168).Select(h => profile.RateAt(new NodaTime.LocalDateTime(2026, 11, 23, 0, 0).PlusHours(h))).ToList();
        var plan = StaffingPlan.Build(rates, handlingSeconds: 180, targetSeconds: 15, targetServiceLevel: 0.8);
        var monday = plan.Where(h => h.Day == NodaTime.IsoDayOfWeek.Monday).ToList();
        monday.MaxBy(h => h.Agents)!.Hour.ShouldBe(8);
        plan.Where(h => h.Agents > 0).ShouldAllBe(h => h.ServiceLevel >= 0.8);
        plan.Single(h => h.Day == NodaTime.IsoDayOfWeek.Sunday && h.Hour == 3).Agents.ShouldBeLessThanOrEqualTo(1);
    }
}
