using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Calls.Simulation;

namespace Permanence.Core.Tests.Calls;

public sealed class TrafficGeneratorTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 23, 0, 0) - Duration.FromHours(1);

    private static SimulatedPractice Practice(Func<Instant, bool>? open = null, double callsPerDay = 25) =>
        new("+33142868200", "+33142868201", Paris, ArrivalProfile.GeneralPractice(callsPerDay), open ?? (_ => true), ["+33612345678"]);

    [Fact]
    public void A_general_practice_profile_has_the_stated_calls_on_an_ordinary_weekday()
    {
        var profile = ArrivalProfile.GeneralPractice(25);
        var tuesday = Enumerable.Range(0, 24).Sum(h => profile.RateAt(new LocalDateTime(2026, 11, 24, h, 0)));
        tuesday.ShouldBe(25, tolerance: 0.001);
        profile.RateAt(new LocalDateTime(2026, 11, 24, 9, 0)).ShouldBeGreaterThan(profile.RateAt(new LocalDateTime(2026, 11, 24, 13, 0)));
        profile.RateAt(new LocalDateTime(2026, 11, 29, 10, 0)).ShouldBeLessThan(1);
    }

    [Fact]
    public void Eight_weeks_of_arrivals_average_the_profile()
    {
        var practice = Practice();
        var calls = new TrafficGenerator(new Random(7)).Generate([practice], Monday, Monday + Duration.FromDays(56)).ToList();
        var perWeek = calls.Count / 8.0;
        // Poisson: the standard deviation of an 8-week count of ~1000/week is ~90, so 5 % is over 4 sigma.
        perWeek.ShouldBe(practice.Profile.CallsPerWeek, tolerance: practice.Profile.CallsPerWeek * 0.05);
        calls.ShouldBe(calls.OrderBy(c => c.RingingAt).ToList());
    }

    /// <summary>A profile with <paramref name="rate"/> calls in Monday's 08:00 hour and none in any other.</summary>
    private static SimulatedPractice OneBusyHour(double rate)
    {
        var rates = new double[ArrivalProfile.HoursInWeek];
        rates[8] = rate;
        return new("+33142868200", "+33142868201", Paris, new ArrivalProfile(rates), _ => true, ["+33612345678"]);
    }

    [Fact]
    public void A_busy_hour_gets_its_rate_of_calls_even_above_seven_hundred()
    {
        // The command line allows 10,000 calls a day, which puts about 1,950 in a Monday's peak hour.
        var calls = new TrafficGenerator(new Random(5)).Generate([OneBusyHour(2000)], Monday, Monday + Duration.FromDays(1)).ToList();
        // Poisson(2000): the standard deviation is about 45, so 10 % is over 4 sigma.
        calls.Count.ShouldBeInRange(1800, 2200);
    }

    [Fact]
    public void Arrivals_follow_the_local_hours_of_the_profile_when_the_simulation_starts_within_an_hour()
    {
        // Starting at 07:59 local, the calls of the 08:00 hour ring between 08:00 and 09:00, not an hour later.
        var start = Monday + Duration.FromHours(7) + Duration.FromMinutes(59);
        var calls = new TrafficGenerator(new Random(9)).Generate([OneBusyHour(100)], start, start + Duration.FromHours(3)).ToList();
        calls.Count.ShouldBeGreaterThan(50);
        calls.ShouldAllBe(c => c.RingingAt.InZone(Paris).Hour == 8);
    }

    [Fact]
    public void An_urgent_caller_who_abandons_had_dialed_the_urgent_line()
    {
        var mix = new[] { new CallMixEntry("clinical", 1, Duration.FromSeconds(120), UrgentShare: 1) };
        var generator = new TrafficGenerator(new Random(13)) { Mix = mix, MeanPatienceSeconds = 5, MeanAnswerSeconds = 60 };
        var calls = generator.Generate([Practice(callsPerDay: 100)], Monday, Monday + Duration.FromDays(1)).ToList();
        var abandoned = calls.Where(c => c.Outcome == SimulatedOutcome.AbandonedBeforeAnswer).ToList();
        abandoned.ShouldNotBeEmpty();
        abandoned.ShouldAllBe(c => c.Urgent && c.To == "+33142868201");
    }

    [Fact]
    public void Most_calls_are_administrative_and_clinical_ones_are_a_minority()
    {
        var calls = new TrafficGenerator(new Random(3)).Generate([Practice(callsPerDay: 200)], Monday, Monday + Duration.FromDays(14)).ToList();
        var clinical = calls.Count(c => c.Category == "clinical") / (double)calls.Count;
        clinical.ShouldBeInRange(0.08, 0.16);
        calls.Count(c => c.Category.StartsWith("appointment_", StringComparison.Ordinal)).ShouldBeGreaterThan(calls.Count / 2);
    }

    [Fact]
    public void Calls_outside_opening_hours_go_to_voicemail()
    {
        var calls = new TrafficGenerator(new Random(5)).Generate([Practice(open: _ => false)], Monday, Monday + Duration.FromDays(7)).ToList();
        calls.ShouldNotBeEmpty();
        calls.ShouldAllBe(c => c.Outcome == SimulatedOutcome.Voicemail);
    }

    [Fact]
    public void Impatient_callers_abandon_and_the_rest_are_answered_after_their_wait()
    {
        var generator = new TrafficGenerator(new Random(11)) { MeanPatienceSeconds = 10, MeanAnswerSeconds = 20 };
        var calls = generator.Generate([Practice(callsPerDay: 100)], Monday, Monday + Duration.FromDays(7)).ToList();
        calls.Count(c => c.Outcome == SimulatedOutcome.AbandonedBeforeAnswer).ShouldBeGreaterThan(calls.Count / 3);
        calls.Where(c => c.Outcome == SimulatedOutcome.Answered).ShouldAllBe(c => c.Talk > Duration.Zero);
    }

    [Fact]
    public void Events_of_an_answered_call_come_in_order_and_end_after_talk_and_hold()
    {
        var call = new SimulatedCall(Guid.NewGuid(), "+33612345678", "+33142868200", Monday, "appointment_book", false,
            SimulatedOutcome.Answered, Duration.FromSeconds(9), Duration.FromSeconds(120), Duration.FromSeconds(30));
        var events = SimulatedEvents.For(call);
        events.Select(e => e.Type).ShouldBe(["ringing", "answered", "held", "resumed", "ended"]);
        events.Select(e => e.At).ShouldBe(events.Select(e => e.At).Order().ToList());
        (events[^1].At - events[0].At).ShouldBe(Duration.FromSeconds(159));
        events.Select(e => e.EventId).Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_the_raw_body()
    {
        // Reference value: printf '%s' '{"eventId":"x"}' | openssl dgst -sha256 -hmac 'secret'
        EventSignature.Sign("{\"eventId\":\"x\"}"u8, "secret")
            .ShouldBe("sha256=f86a5ec427c92a3b5deb8fbc845e437d15932a7644268024a207ca580fad9d52");
    }

    [Fact]
    public void The_same_seed_gives_the_same_traffic()
    {
        var practice = Practice();
        var first = new TrafficGenerator(new Random(7)).Generate([practice], Monday, Monday + Duration.FromDays(1)).Select(c => (c.RingingAt, c.Category, c.Outcome)).ToList();
        var second = new TrafficGenerator(new Random(7)).Generate([practice], Monday, Monday + Duration.FromDays(1)).Select(c => (c.RingingAt, c.Category, c.Outcome)).ToList();
        second.ShouldBe(first);
    }

    [Fact]
    public void Every_simulated_call_rings_first_ends_last_and_gives_a_consistent_timeline()
    {
        var calls = new TrafficGenerator(new Random(3)).Generate([Practice(open: at => at.InUtc().Hour is >= 8 and < 18, callsPerDay: 200)], Monday, Monday + Duration.FromDays(2));
        foreach (var call in calls)
        {
            var events = SimulatedEvents.For(call);
            events[0].Type.ShouldBe("ringing");
            events[^1].Type.ShouldBe("ended");
            var timeline = CallTimeline.From(events.Select(e => new CallEvent { EventId = e.EventId.ToString(), Type = CallCodes.TryEventType(e.Type)!.Value, At = e.At }));
            timeline.Outcome.ShouldBe(call.Outcome switch
            {
                SimulatedOutcome.Answered => CallOutcome.Answered,
                SimulatedOutcome.AbandonedBeforeAnswer => CallOutcome.Abandoned,
                SimulatedOutcome.Voicemail => CallOutcome.Voicemail,
                _ => throw new ArgumentOutOfRangeException(nameof(call), call.Outcome, null),
            });
        }
    }
}
