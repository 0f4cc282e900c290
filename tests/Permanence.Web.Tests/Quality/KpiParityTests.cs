using System.Globalization;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Messaging;
using Permanence.Core.Practices;
using Permanence.Core.Quality;
using Permanence.Data;
using Permanence.Web.Calls;
using Permanence.Web.Quality;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Quality;

/// <summary>
/// The figures the routes compute in the database (<see cref="KpiService"/>) must equal <see cref="KpiCalculator"/>
/// over the same calls read one by one, on a random log full of edges: waits on the thresholds, opening hours on
/// quarter hours, a practice in a zone half an hour off Paris, both clock changes, public holidays and a closure,
/// repeats at the same instant, withheld caller ids, calls in progress, callbacks of every kind.
/// </summary>
public abstract class KpiParityTests
{
    private static readonly CallPeriod Spring = new(Instant.FromUtc(2026, 3, 20, 0, 0), Instant.FromUtc(2026, 4, 10, 0, 0));
    private static readonly CallPeriod Autumn = new(Instant.FromUtc(2026, 10, 20, 0, 0), Instant.FromUtc(2026, 11, 5, 0, 0));
    private static readonly StaffUserId[] Agents = [StaffUserId.New(), StaffUserId.New(), StaffUserId.New()];
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected KpiParityTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Theory]
    [InlineData(1, "Europe/Paris")]
    [InlineData(2, "Asia/Kolkata")]
    [InlineData(3, "America/St_Johns")]
    public async Task Practice_line_and_secretary_figures_equal_the_calculator_over_the_rows(int seed, string zone)
    {
        var practice = await SeedAsync(seed, zone);
        foreach (var period in new[] { Spring, Autumn })
        {
            var rows = await RowsAsync(practice, period);
            var options = new KpiOptions { Zone = DateTimeZoneProviders.Tzdb[zone] };
            var scheduling = await _app.WithDbAsync(db => Kpis(db).SchedulingErrorsAsync([practice], period, _ct));

            var (report, _) = await _app.WithDbAsync(db => Kpis(db).ForPracticeAsync(practice, period, null, _ct));
            Shape(report).ShouldBe(Shape(KpiCalculator.Compute(rows, options, scheduling)));

            var (urgent, _) = await _app.WithDbAsync(db => Kpis(db).ForPracticeAsync(practice, period, CallLine.Urgent, _ct));
            Shape(urgent).ShouldBe(Shape(KpiCalculator.Compute([.. rows.Where(c => c.Line == "urgent")], options, scheduling)));

            var agents = await _app.WithDbAsync(db => Kpis(db).ForAgentsAsync(practice, period, _ => true, _ct));
            var expected = rows.Where(c => c.AgentId is not null).GroupBy(c => c.AgentId!.Value).OrderBy(g => g.Key.Value)
                .Select(g => $"{g.Key.Value}: {Shape(KpiCalculator.Compute([.. g], options))}");
            agents.Select(a => $"{a.Agent.Value}: {Shape(a.Report)}").ShouldBe(expected);
            report.Offered.ShouldBeGreaterThan(100);
        }
    }

    [Fact]
    public async Task Secretariat_figures_equal_the_calculator_over_every_practice_rows()
    {
        await SeedAsync(4, "Europe/Paris");
        await SeedAsync(5, "Asia/Kolkata");
        var practices = await _app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Practices.Select(p => p.Id), _ct));
        foreach (var period in new[] { Spring, Autumn })
        {
            var rows = new List<KpiCall>();
            foreach (var practice in practices)
            {
                rows.AddRange(await RowsAsync(practice, period));
            }
            var scheduling = await _app.WithDbAsync(db => Kpis(db).SchedulingErrorsAsync(practices, period, _ct));

            var report = await _app.WithDbAsync(db => Kpis(db).ForSecretariatAsync(period, _ct));

            Shape(report).ShouldBe(Shape(KpiCalculator.Compute(rows, new KpiOptions { Zone = KpiService.SecretariatZone }, scheduling)));
        }
    }

    [Fact]
    public async Task Practice_figures_still_equal_the_calculator_after_calls_finish_move_and_change_number()
    {
        var practice = await SeedAsync(6, "Europe/Paris");
        await _app.WithDbAsync(async db =>
        {
            var calls = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Calls.Where(c => c.PracticeId == practice).OrderBy(c => c.ProviderCallId), _ct);
            var random = new Random(6);
            foreach (var call in calls.Where(c => c.Outcome == CallOutcome.InProgress))
            {
                call.Outcome = random.Next(2) == 0 ? CallOutcome.Answered : CallOutcome.Abandoned;
            }
            foreach (var call in calls.Where(_ => random.Next(10) == 0))
            {
                call.StartedAt -= Duration.FromHours(random.Next(1, 30));
            }
            foreach (var call in calls.Where(_ => random.Next(15) == 0))
            {
                call.FromNumber = calls[random.Next(calls.Count)].FromNumber;
            }
            foreach (var call in calls.Where(_ => random.Next(20) == 0))
            {
                call.Outcome = CallOutcome.InProgress;
            }
            return await db.SaveChangesAsync(_ct);
        });
        foreach (var period in new[] { Spring, Autumn })
        {
            var rows = await RowsAsync(practice, period);
            var scheduling = await _app.WithDbAsync(db => Kpis(db).SchedulingErrorsAsync([practice], period, _ct));

            var (report, _) = await _app.WithDbAsync(db => Kpis(db).ForPracticeAsync(practice, period, null, _ct));

            Shape(report).ShouldBe(Shape(KpiCalculator.Compute(rows, new KpiOptions { Zone = DateTimeZoneProviders.Tzdb["Europe/Paris"] }, scheduling)));
            report.RepeatCallRate.ShouldNotBeNull().ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public async Task Practice_figures_equal_the_calculator_over_a_period_across_1970()
    {
        var epoch = new CallPeriod(Instant.FromUtc(1969, 12, 15, 0, 0), Instant.FromUtc(1970, 1, 5, 0, 0));
        var practice = await SeedAsync(7, "Europe/Paris", epoch);
        var rows = await RowsAsync(practice, epoch);
        var scheduling = await _app.WithDbAsync(db => Kpis(db).SchedulingErrorsAsync([practice], epoch, _ct));

        var options = new KpiOptions { Zone = DateTimeZoneProviders.Tzdb["Europe/Paris"] };

        var (report, _) = await _app.WithDbAsync(db => Kpis(db).ForPracticeAsync(practice, epoch, null, _ct));
        var (urgent, _) = await _app.WithDbAsync(db => Kpis(db).ForPracticeAsync(practice, epoch, CallLine.Urgent, _ct));

        Shape(report).ShouldBe(Shape(KpiCalculator.Compute(rows, options, scheduling)));
        Shape(urgent).ShouldBe(Shape(KpiCalculator.Compute([.. rows.Where(c => c.Line == "urgent")], options, scheduling)));
        report.Offered.ShouldBeGreaterThan(100);
    }

    private async Task<List<KpiCall>> RowsAsync(PracticeId practice, CallPeriod period) =>
        [.. (await _app.WithDbAsync(db => Kpis(db).PracticeLogAsync(practice, _ => period, _ct)))!.Calls];

    /// <summary>Every figure, doubles to the last bit, categories and urgencies in key order.</summary>
    private static string Shape(KpiReport r) => string.Join("; ",
        $"offered {r.Offered}", $"in hours {r.OfferedInServiceHours}", $"answered {r.Answered}", $"pick-up {R(r.PickUpRate)}",
        $"service level {R(r.ServiceLevel)}", $"ASA {R(r.AverageSpeedOfAnswerSeconds)}", $"short {r.AbandonedShort}", $"long {r.AbandonedLong}",
        $"abandonment {R(r.AbandonmentRate)}", $"AHT {R(r.AverageHandlingSeconds)}", $"missed {r.Missed}", $"repeats {R(r.RepeatCallRate)}",
        $"callbacks {R(r.CallbackRate)}", $"scheduling {R(r.SchedulingErrorRate)}",
        $"categories {string.Join(",", r.ByCategory.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}",
        $"urgencies {string.Join(",", r.ByUrgency.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}",
        $"heatmap {string.Join("|", r.HeatmapByWeekdayAndHour.Select(d => string.Join(",", d)))}",
        $"after hours {R(r.AfterHoursShare)}", $"CSAT {R(r.AverageSatisfaction)}", $"satisfied {R(r.SatisfiedShare)}", $"surveys {r.SurveyResponses}");

    private static string R(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "null";

    /// <summary>
    /// A practice open on quarter hours (Monday–Friday 08:15–12:30 and 13:45–18:00, Saturday 09:00–11:59:30), closed on
    /// public holidays (Easter Monday, 6 April 2026) and 27–28 October, with ~900 random calls around both clock changes
    /// (450 in each of <paramref name="periods"/> instead, when given).
    /// </summary>
    private async Task<PracticeId> SeedAsync(int seed, string zoneId, params CallPeriod[] periods)
    {
        var random = new Random(seed);
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var practice = new Practice
        {
            Name = $"Cabinet Aléatoire {seed}",
            GreetingText = "{practice}, bonjour",
            TimeZoneId = zoneId,
            RoutineNumber = $"+3314{random.Next(10_000_000):D7}",
            UrgentNumber = $"+3315{random.Next(10_000_000):D7}",
        };
        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
        {
            practice.OpeningHours.Add(new OpeningHoursRange { PracticeId = practice.Id, Day = day, Start = new LocalTime(8, 15), End = new LocalTime(12, 30) });
            practice.OpeningHours.Add(new OpeningHoursRange { PracticeId = practice.Id, Day = day, Start = new LocalTime(13, 45), End = new LocalTime(18, 0) });
        }
        practice.OpeningHours.Add(new OpeningHoursRange { PracticeId = practice.Id, Day = IsoDayOfWeek.Saturday, Start = new LocalTime(9, 0), End = new LocalTime(11, 59, 30) });
        practice.Closures.Add(new PracticeClosure { PracticeId = practice.Id, FirstDay = new LocalDate(2026, 10, 27), LastDay = new LocalDate(2026, 10, 28), Reason = "Congés" });
        var practitioner = new Practitioner { PracticeId = practice.Id, DisplayName = "Dr Hasard" };

        // Withheld and unreadable caller ids among the numbers: none of them may make a repeat, on any path.
        string[] withheld = ["anonymous", "restricted", "", "+", "06 12 34 56 78", "+33 6 12 34 56 78", "+٣٣٦١٢٣٤٥٦٧٨", "+266696687", "+7378742833"];
        var numbers = Enumerable.Range(0, 60).Select(i => $"+3361{seed:D2}{i:D5}").Concat(withheld).ToArray();
        var calls = new List<Call>();
        var messages = new List<PractitionerMessage>();
        foreach (var period in periods is [] ? [Spring, Autumn] : periods)
        {
            var days = (int)(period.To - period.From).TotalDays;
            for (var i = 0; i < 450; i++)
            {
                var local = period.From.InZone(zone).Date.PlusDays(random.Next(days)).At(RandomTime(random));
                var startedAt = local.InZoneLeniently(zone).ToInstant();
                var call = RandomCall(random, practice.Id, random.Next(8) == 0 && calls.Count > 0 ? calls[^1].FromNumber : numbers[random.Next(numbers.Length)],
                    random.Next(10) == 0 && calls.Count > 0 ? calls[^1].StartedAt : startedAt);
                calls.Add(call);
                if (call.Outcome == CallOutcome.Answered && random.Next(10) == 0)
                {
                    call.Actions.Add(new CallAction { CallId = call.Id, Kind = random.Next(3) == 0 ? CallActionKind.Message : CallActionKind.Task, Note = "rappeler", At = call.StartedAt });
                }
                if (random.Next(12) == 0)
                {
                    messages.Add(new PractitionerMessage
                    {
                        PracticeId = practice.Id,
                        PractitionerId = practitioner.Id,
                        CallId = call.Id,
                        Kind = random.Next(3) switch { 0 => MessageKind.Callback, 1 => MessageKind.ResultsCallback, _ => MessageKind.Message },
                        Subject = "Rappel",
                        // Some left before the period starts: the service only counts those of the period.
                        CreatedAt = call.StartedAt + Duration.FromDays(random.Next(2) == 0 ? -30 : 0),
                        DueAt = call.StartedAt + Duration.FromHours(4),
                    });
                }
            }
        }
        await _app.WithDbAsync(async db =>
        {
            db.Practices.Add(practice);
            db.Practitioners.Add(practitioner);
            db.Calls.AddRange(calls);
            db.PractitionerMessages.AddRange(messages);
            return await db.SaveChangesAsync(_ct);
        });
        return practice.Id;
    }

    /// <summary>Mostly on the minute or on an opening bound, so that thresholds and bounds are hit exactly.</summary>
    private static LocalTime RandomTime(Random random) => random.Next(6) switch
    {
        0 => new LocalTime(8, 15).PlusSeconds(random.Next(-1, 2)),
        1 => new LocalTime(12, 30).PlusSeconds(random.Next(-1, 2)),
        2 => new LocalTime(2, 0).PlusMinutes(random.Next(120)),
        _ => new LocalTime(0, 0).PlusSeconds(random.Next(86_400)),
    };

    private static Call RandomCall(Random random, PracticeId practice, string from, Instant startedAt)
    {
        var outcome = random.Next(20) == 0 ? CallOutcome.InProgress : (CallOutcome)(1 + random.Next(3));
        var answered = outcome == CallOutcome.Answered;
        int? Seconds(int max) => random.Next(8) == 0 ? null : random.Next(max);
        return new Call
        {
            ProviderCallId = $"parity-{Guid.NewGuid():N}",
            PracticeId = practice,
            Line = random.Next(4) == 0 ? CallLine.Urgent : CallLine.Routine,
            FromNumber = from,
            ToNumber = "+33100000000",
            StartedAt = startedAt,
            Outcome = outcome,
            WaitSeconds = random.Next(3) == 0 ? (new int?[] { 4, 5, 15, 16, null })[random.Next(5)] : Seconds(40),
            TalkSeconds = Seconds(400),
            HoldSeconds = random.Next(4) == 0 ? random.Next(60) : 0,
            WrapUpSeconds = Seconds(90),
            AgentId = answered || random.Next(10) == 0 ? Agents[random.Next(Agents.Length)] : null,
            Category = random.Next(5) == 0 ? null : Enum.GetValues<CallCategory>()[random.Next(Enum.GetValues<CallCategory>().Length)],
            Urgency = random.Next(5) == 0 ? null : Enum.GetValues<UrgencyLevel>()[random.Next(Enum.GetValues<UrgencyLevel>().Length)],
            Disposition = random.Next(6) == 0 ? CallDisposition.CallbackPlanned : random.Next(2) == 0 ? CallDisposition.Resolved : null,
            SatisfactionScore = random.Next(4) == 0 ? 1 + random.Next(5) : null,
            CreatedAt = startedAt,
        };
    }

    /// <summary>The figures with the default thresholds, as docs/kpis.md gives them.</summary>
    private static KpiService Kpis(PermanenceDbContext db) => new(db, Options.Create(new QualityOptions()));
}

public sealed class KpiParityTestsOnSqlite(SqliteApp app) : KpiParityTests(app), IClassFixture<SqliteApp>;

public sealed class KpiParityTestsOnPostgres(PostgresApp app) : KpiParityTests(app), IClassFixture<PostgresApp>;
