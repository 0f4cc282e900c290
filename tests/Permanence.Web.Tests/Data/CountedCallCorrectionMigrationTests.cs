using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Data;

/// <summary>
/// Corrections of urgency, category and disposition made before they replaced the call's value: upgrading applies them
/// (the latest of each field wins) and records what each replaced; going back down puts the recorded values back.
/// </summary>
public abstract class CountedCallCorrectionMigrationTests
{
    private const string Migration = "ApplyCountedCallCorrections";
    private static readonly Instant Nine = Instant.FromUtc(2026, 11, 16, 8, 0);
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected CountedCallCorrectionMigrationTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task Upgrading_applies_the_latest_correction_of_each_counted_field_and_downgrading_restores_the_recorded_values()
    {
        using var admin = _app.AdminClient();
        var practice = new PracticeId((await admin.CreatePracticeWithLinesAsync()).Id);
        var call = WrappedUp(practice);
        await _app.WithDbAsync(async db =>
        {
            db.Calls.Add(call);
            return await db.SaveChangesAsync(_ct);
        });

        await _app.MigrateAsync(Migration, before: true, _ct);
        // As the API stored them before: the code as typed, the call left as recorded. The instants are the call's own
        // (started, answered, ended), so that they are written as the provider stores instants.
        await InsertOldCorrectionAsync(call, "category", "Clinical", "StartedAt");
        await InsertOldCorrectionAsync(call, "category", "prescription", "EndedAt");
        await InsertOldCorrectionAsync(call, "urgency", "urgent", "AnsweredAt");
        await InsertOldCorrectionAsync(call, "reason", "Renouvellement", "AnsweredAt");

        await _app.MigrateAsync(Migration, before: false, _ct);
        (await CountedAsync(call)).ShouldBe((UrgencyLevel.Urgent, CallCategory.Prescription, CallDisposition.Resolved));
        (await CorrectionsAsync(call)).ShouldBe(
        [
            ("category", "clinical", "information"),
            ("reason", "Renouvellement", null),
            ("urgency", "urgent", "routine"),
            ("category", "prescription", "clinical"),
        ]);

        await _app.MigrateAsync(Migration, before: true, _ct);
        (await CountedAsync(call)).ShouldBe((UrgencyLevel.Routine, CallCategory.Information, CallDisposition.Resolved));
        await _app.MigrateAsync(Migration, before: false, _ct);
    }

    private Task<int> InsertOldCorrectionAsync(Call call, string field, string newValue, string atColumn) => _app.WithDbAsync(db =>
    {
        var id = Guid.CreateVersion7();
        // EF Core keeps GUIDs as upper-case text on SQLite.
        object idValue = db.Database.IsNpgsql() ? id : id.ToString().ToUpperInvariant();
        var sql = """
            INSERT INTO "call_corrections" ("Id", "CallId", "Field", "NewValue", "Reason", "At", "By")
            SELECT {0}, c."Id", {1}, {2}, 'Misheard', c."AT_COLUMN", 'chef' FROM "calls" AS c WHERE c."ProviderCallId" = {3}
            """.Replace("AT_COLUMN", atColumn, StringComparison.Ordinal);
        return db.Database.ExecuteSqlRawAsync(sql, [idValue, field, newValue, call.ProviderCallId], _ct);
    });

    private Task<(UrgencyLevel?, CallCategory?, CallDisposition?)> CountedAsync(Call call) => _app.WithDbAsync(async db =>
    {
        var stored = await db.Calls.AsNoTracking().SingleAsync(c => c.Id == call.Id, _ct);
        return (stored.Urgency, stored.Category, stored.Disposition);
    });

    private async Task<List<(string, string, string?)>> CorrectionsAsync(Call call) =>
        [.. (await _app.WithDbAsync(db => db.CallCorrections.AsNoTracking().Where(k => k.CallId == call.Id).ToListAsync(_ct)))
            .OrderBy(k => k.At).ThenBy(k => k.Field, StringComparer.Ordinal).Select(k => (k.Field, k.NewValue, k.PreviousValue))];

    private static Call WrappedUp(PracticeId practice) => new()
    {
        ProviderCallId = $"migration-{Guid.NewGuid():N}",
        PracticeId = practice,
        Line = CallLine.Routine,
        FromNumber = "+33612345678",
        ToNumber = "+33100000000",
        StartedAt = Nine,
        AnsweredAt = Nine + Duration.FromSeconds(10),
        EndedAt = Nine + Duration.FromMinutes(3),
        Outcome = CallOutcome.Answered,
        WaitSeconds = 10,
        TalkSeconds = 170,
        Urgency = UrgencyLevel.Routine,
        Category = CallCategory.Information,
        Disposition = CallDisposition.Resolved,
        WrappedUpAt = Nine + Duration.FromMinutes(4),
        WrappedUpBy = "julie",
        CreatedAt = Nine,
    };
}

public sealed class CountedCallCorrectionMigrationTestsOnSqlite(SqliteApp app) : CountedCallCorrectionMigrationTests(app), IClassFixture<SqliteApp>;

public sealed class CountedCallCorrectionMigrationTestsOnPostgres(PostgresApp app) : CountedCallCorrectionMigrationTests(app), IClassFixture<PostgresApp>;
