using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Data.Quality;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Data;

/// <summary>
/// The repeat-call links stored before withheld caller ids were ruled out: the migrations that rule them out (words and
/// numbers as typed, then Twilio's stand-ins in E.164 form) forget the links between such ids and keep the links
/// between numbers; going back down stores them as they were.
/// </summary>
public abstract class RepeatCallLinkMigrationTests
{
    private static readonly Instant Nine = Instant.FromUtc(2026, 11, 16, 8, 0);
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected RepeatCallLinkMigrationTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task Upgrading_forgets_the_links_between_withheld_caller_ids_and_keeps_those_between_numbers()
    {
        using var admin = _app.AdminClient();
        var practice = new PracticeId((await admin.CreatePracticeWithLinesAsync()).Id);
        // Two calls an hour apart from each caller id.
        string[] callers = ["anonymous", "", "+33612345678"];
        await _app.WithDbAsync(async db =>
        {
            db.Calls.AddRange(callers.SelectMany(from => new[] { Answered(practice, from, Nine), Answered(practice, from, Nine + Duration.FromHours(1)) }));
            return await db.SaveChangesAsync(_ct);
        });

        const string migration = "ForgetRepeatLinksOfWithheldNumbers";
        await _app.MigrateAsync(migration, before: true, _ct);
        (await SecondCallLinksAsync(practice)).ShouldBe(callers.ToDictionary(from => from, _ => (Instant?)Nine), ignoreOrder: true);

        await _app.MigrateAsync(migration, before: false, _ct);
        (await SecondCallLinksAsync(practice)).ShouldBe(new Dictionary<string, Instant?> { ["anonymous"] = null, [""] = null, ["+33612345678"] = Nine }, ignoreOrder: true);
    }

    [Fact]
    public async Task Upgrading_forgets_the_links_between_calls_from_a_stand_in_for_a_withheld_number()
    {
        using var admin = _app.AdminClient();
        var practice = new PracticeId((await admin.CreatePracticeWithLinesAsync()).Id);
        string[] callers = ["+266696687", "+7378742833", "+33612345678"];
        await _app.WithDbAsync(async db =>
        {
            db.Calls.AddRange(callers.SelectMany(from => new[] { Answered(practice, from, Nine), Answered(practice, from, Nine + Duration.FromHours(1)) }));
            return await db.SaveChangesAsync(_ct);
        });

        const string migration = "ForgetRepeatLinksOfCallerIdStandIns";
        await _app.MigrateAsync(migration, before: true, _ct);
        (await SecondCallLinksAsync(practice)).ShouldBe(callers.ToDictionary(from => from, _ => (Instant?)Nine), ignoreOrder: true);

        await _app.MigrateAsync(migration, before: false, _ct);
        (await SecondCallLinksAsync(practice)).ShouldBe(new Dictionary<string, Instant?> { ["+266696687"] = null, ["+7378742833"] = null, ["+33612345678"] = Nine }, ignoreOrder: true);
    }

    /// <summary>The stored link of each caller id's later call.</summary>
    private async Task<Dictionary<string, Instant?>> SecondCallLinksAsync(PracticeId practice) =>
        (await _app.WithDbAsync(db => db.Calls.AsNoTracking()
            .Where(c => c.PracticeId == practice && c.StartedAt > Nine)
            .Select(c => new { c.FromNumber, Link = EF.Property<Instant?>(c, RepeatCallLinks.Column) })
            .ToListAsync(_ct)))
        .ToDictionary(c => c.FromNumber, c => c.Link);

    private static Call Answered(PracticeId practice, string from, Instant at) => new()
    {
        ProviderCallId = $"migration-{Guid.NewGuid():N}",
        PracticeId = practice,
        Line = CallLine.Routine,
        FromNumber = from,
        ToNumber = "+33100000000",
        StartedAt = at,
        AnsweredAt = at + Duration.FromSeconds(10),
        EndedAt = at + Duration.FromMinutes(3),
        Outcome = CallOutcome.Answered,
        WaitSeconds = 10,
        TalkSeconds = 170,
        CreatedAt = at,
    };
}

public sealed class RepeatCallLinkMigrationTestsOnSqlite(SqliteApp app) : RepeatCallLinkMigrationTests(app), IClassFixture<SqliteApp>;

public sealed class RepeatCallLinkMigrationTestsOnPostgres(PostgresApp app) : RepeatCallLinkMigrationTests(app), IClassFixture<PostgresApp>;
