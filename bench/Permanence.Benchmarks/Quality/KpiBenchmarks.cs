using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Data;
using Permanence.Data.Scope;
using Permanence.Web.Calls;
using Permanence.Web.Quality;

namespace Permanence.Benchmarks.Quality;

/// <summary>
/// The practice figures of one practice-year (25,000 calls of 2025 in a database) through <see cref="KpiService"/>
/// — load the practice, tally the calls in the database (service hours, repeats, callbacks, heatmap), count
/// scheduling errors, derive every KPI — against a plain aggregate query over the same rows (count, answered, sums of
/// wait, talk, hold and wrap-up), in the same run.
/// Goal: the figures cost at most 3 times the aggregate query. The provider is SQLite in a temp file, or PostgreSQL
/// when <c>PERMANENCE_BENCH_POSTGRES</c> holds a server connection string (a throwaway database is created on it).
/// </summary>
[MemoryDiagnoser]
public class KpiBenchmarks
{
    private const int CallsPerYear = 25_000;
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private static readonly CallPeriod Year = new(Instant.FromUtc(2024, 12, 31, 23, 0), Instant.FromUtc(2025, 12, 31, 23, 0));

    private Func<PermanenceDbContext> _newContext = null!;
    private string? _sqliteFile;
    private string? _postgresDatabase;
    private PracticeId _practice;

    /// <summary>SQLite always; PostgreSQL too when a server is given.</summary>
    public static IEnumerable<string> Providers =>
        Environment.GetEnvironmentVariable("PERMANENCE_BENCH_POSTGRES") is null ? ["Sqlite"] : ["Sqlite", "Postgres"];

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    [GlobalSetup]
    public void CreateYearOfCalls()
    {
        if (Provider == "Postgres")
        {
            var server = Environment.GetEnvironmentVariable("PERMANENCE_BENCH_POSTGRES")
                ?? throw new InvalidOperationException("PERMANENCE_BENCH_POSTGRES (a PostgreSQL connection string) is not set.");
            _postgresDatabase = $"permanence_bench_{Guid.NewGuid():N}";
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = _postgresDatabase }.ConnectionString;
            var options = new DbContextOptionsBuilder<PostgresPermanenceDbContext>();
            DatabaseRegistration.ConfigurePostgres(options, connection);
            _newContext = () => new PostgresPermanenceDbContext(options.Options, SystemPracticeScope.Instance);
        }
        else
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"permanence-bench-{Guid.NewGuid():N}.db");
            var options = new DbContextOptionsBuilder<SqlitePermanenceDbContext>();
            DatabaseRegistration.ConfigureSqlite(options, $"Data Source={_sqliteFile}");
            _newContext = () => new SqlitePermanenceDbContext(options.Options, SystemPracticeScope.Instance);
        }
        using var db = _newContext();
        db.Database.Migrate();
        var practice = new Practice
        {
            Name = "Cabinet du Banc d'Essai",
            GreetingText = "{practice}, bonjour",
            TimeZoneId = "Europe/Paris",
            RoutineNumber = "+33142869999",
        };
        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
        {
            practice.OpeningHours.Add(new OpeningHoursRange { PracticeId = practice.Id, Day = day, Start = new LocalTime(8, 0), End = new LocalTime(12, 30) });
            practice.OpeningHours.Add(new OpeningHoursRange { PracticeId = practice.Id, Day = day, Start = new LocalTime(14, 0), End = new LocalTime(19, 0) });
        }
        db.Practices.Add(practice);
        db.SaveChanges();
        _practice = practice.Id;
        var random = new Random(2025);
        var categories = Enum.GetValues<CallCategory>();
        for (var batch = 0; batch < CallsPerYear / 1000; batch++)
        {
            db.ChangeTracker.Clear();
            for (var i = 0; i < 1000; i++)
            {
                db.Calls.Add(RandomCall(random, categories));
            }
            db.SaveChanges();
        }
        // Statistics for the planner over the rows both the aggregate and the figures read, as autovacuum would gather
        // them on a live database.
        db.Database.ExecuteSqlRaw("ANALYZE");
    }

    [GlobalCleanup]
    public void DropDatabase()
    {
        using var db = _newContext();
        db.Database.EnsureDeleted();
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(_sqliteFile);
        }
    }

    [Benchmark(Baseline = true, Description = "Plain aggregate query: count, answered, sums of wait/talk/hold/wrap-up")]
    public async Task<int> AggregateQuery()
    {
        await using var db = _newContext();
        var (from, to) = (Year.From, Year.To);
        var totals = await db.Calls.AsNoTracking()
            .Where(c => c.PracticeId == _practice && c.StartedAt >= from && c.StartedAt < to && c.Outcome != CallOutcome.InProgress)
            .GroupBy(c => c.PracticeId)
            .Select(g => new
            {
                Offered = g.Count(),
                Answered = g.Count(c => c.Outcome == CallOutcome.Answered),
                Wait = g.Sum(c => c.WaitSeconds ?? 0),
                Handling = g.Sum(c => (c.TalkSeconds ?? 0) + c.HoldSeconds + (c.WrapUpSeconds ?? 0)),
            })
            .SingleAsync();
        return totals.Offered + totals.Answered + totals.Wait + totals.Handling;
    }

    [Benchmark(Description = "Read the year's call rows only (the columns the figures need)")]
    public async Task<int> ReadRowsOnly()
    {
        await using var db = _newContext();
        var (from, to) = (Year.From, Year.To);
        var rows = await db.Calls.AsNoTracking()
            .Where(c => c.PracticeId == _practice && c.StartedAt >= from && c.StartedAt < to && c.Outcome != CallOutcome.InProgress)
            .Select(c => new { c.Id, c.AgentId, c.Line, c.FromNumber, c.StartedAt, c.Outcome, c.WaitSeconds, c.TalkSeconds, c.HoldSeconds, c.WrapUpSeconds,
                c.Category, c.Urgency, c.Disposition, c.SatisfactionScore })
            .ToListAsync();
        return rows.Count;
    }

    /// <summary>
    /// A floor under the figures: the year's calls put into the two groupings the figures are tallied by (per
    /// secretary; per secretary, category and urgency), counting only — no hour of the week, no service hours, no
    /// figure. Whatever tallies the figures when they are asked for does at least this.
    /// </summary>
    [Benchmark(Description = "Floor: the figures' two groupings, counting only")]
    public async Task<int> GroupingsOnly()
    {
        await using var db = _newContext();
        var calls = db.Model.FindEntityType(typeof(Call))!;
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var startedAt = calls.FindProperty(nameof(Call.StartedAt))!.GetRelationalTypeMapping();
        command.Parameters.Add(calls.FindProperty(nameof(Call.PracticeId))!.GetRelationalTypeMapping().CreateParameter(command, "practice", _practice));
        command.Parameters.Add(startedAt.CreateParameter(command, "from", Year.From));
        command.Parameters.Add(startedAt.CreateParameter(command, "to", Year.To));
        const string Calls = """
            SELECT "PracticeId" AS practice, "AgentId" AS agent, "Category" AS category, "Urgency" AS urgency FROM calls
            WHERE "PracticeId" = @practice AND "StartedAt" >= @from AND "StartedAt" < @to AND "Outcome" <> 'InProgress'
            """;
        // SQLite has no GROUPING SETS: the same two groupings one after the other, over the calls read once.
        command.CommandText = Provider == "Postgres"
            ? $"SELECT COUNT(*) FROM ({Calls}) c GROUP BY GROUPING SETS ((practice, agent), (agent, category, urgency))"
            : $"""
               WITH c AS MATERIALIZED ({Calls})
               SELECT COUNT(*) FROM c GROUP BY practice, agent UNION ALL SELECT COUNT(*) FROM c GROUP BY agent, category, urgency
               """;
        var groups = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            groups++;
        }
        return groups;
    }

    [Benchmark(Description = "Practice KPIs for the year (KpiService: tallied in the database)")]
    public async Task<int> PracticeKpis()
    {
        await using var db = _newContext();
        var (report, _) = await new KpiService(db, Options.Create(new QualityOptions())).ForPracticeAsync(_practice, Year, null, CancellationToken.None);
        return report.Offered;
    }

    /// <summary>
    /// A call of 2025 at a realistic hour: mostly weekdays in opening hours; 85 % answered (wait ~ exponential, mean
    /// 12 s), 10 % abandoned, 5 % to voicemail; 8,000 distinct callers so numbers repeat; 10 % surveyed; 5 % left a task.
    /// </summary>
    private Call RandomCall(Random random, CallCategory[] categories)
    {
        var day = new LocalDate(2025, 1, 1).PlusDays(random.Next(365));
        var hour = random.NextDouble() < 0.9 ? 8 + random.Next(11) : random.Next(24);
        var startedAt = day.At(new LocalTime(hour, random.Next(60), random.Next(60))).InZoneLeniently(Paris).ToInstant();
        var roll = random.NextDouble();
        var outcome = roll < 0.85 ? CallOutcome.Answered : roll < 0.95 ? CallOutcome.Abandoned : CallOutcome.Voicemail;
        var answered = outcome == CallOutcome.Answered;
        var wait = (int)(-12 * Math.Log(1 - random.NextDouble()));
        var talk = answered ? 60 + random.Next(300) : (int?)null;
        var call = new Call
        {
            ProviderCallId = $"bench-{Guid.NewGuid():N}",
            PracticeId = _practice,
            Line = random.NextDouble() < 0.1 ? CallLine.Urgent : CallLine.Routine,
            FromNumber = $"+336{random.Next(8000):D8}",
            ToNumber = "+33142869999",
            StartedAt = startedAt,
            AnsweredAt = answered ? startedAt + Duration.FromSeconds(wait) : null,
            EndedAt = startedAt + Duration.FromSeconds(wait + (talk ?? 0)),
            Outcome = outcome,
            WaitSeconds = wait,
            TalkSeconds = talk,
            HoldSeconds = answered && random.NextDouble() < 0.2 ? random.Next(60) : 0,
            WrapUpSeconds = answered ? 10 + random.Next(90) : null,
            AgentId = answered ? new StaffUserId(new Guid(random.Next(12), 0, 0, new byte[8])) : null,
            Category = answered ? categories[random.Next(categories.Length)] : null,
            Urgency = answered ? (random.NextDouble() < 0.1 ? UrgencyLevel.SameDay : UrgencyLevel.Routine) : null,
            Disposition = answered ? CallDisposition.Resolved : null,
            Reason = answered ? "Demande de rendez-vous pour un renouvellement d'ordonnance la semaine prochaine." : null,
            SatisfactionScore = answered && random.NextDouble() < 0.1 ? 1 + random.Next(5) : null,
            CreatedAt = startedAt,
        };
        if (answered && random.NextDouble() < 0.05)
        {
            call.Actions.Add(new CallAction { CallId = call.Id, Kind = CallActionKind.Task, TargetId = Guid.NewGuid(), Note = "rappeler", At = startedAt });
        }
        return call;
    }
}
