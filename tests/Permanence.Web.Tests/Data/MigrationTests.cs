using Microsoft.EntityFrameworkCore;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Data;

public abstract class MigrationTests
{
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected MigrationTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task Migrations_apply_on_an_empty_database_and_leave_nothing_pending() =>
        await _app.WithDbAsync(async db =>
        {
            (await db.Database.GetPendingMigrationsAsync(_ct)).ShouldBeEmpty();
            (await db.Database.GetAppliedMigrationsAsync(_ct)).ShouldNotBeEmpty();
            return 0;
        });

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations() =>
        await _app.WithDbAsync(db =>
        {
            db.Database.HasPendingModelChanges().ShouldBeFalse("run dotnet ef migrations add for both providers");
            return Task.FromResult(0);
        });
}

public sealed class MigrationTestsOnSqlite(SqliteApp app) : MigrationTests(app), IClassFixture<SqliteApp>;

public sealed class MigrationTestsOnPostgres(PostgresApp app) : MigrationTests(app), IClassFixture<PostgresApp>;
