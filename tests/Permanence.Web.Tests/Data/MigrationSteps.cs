using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Data;

/// <summary>Moves a test host's database to just before a migration, or back to the latest, to test what it does to rows.</summary>
internal static class MigrationSteps
{
    public static Task<int> MigrateAsync(this PermanenceApp app, string migration, bool before, CancellationToken ct) => app.WithDbAsync(async db =>
    {
        var migrations = db.Database.GetMigrations().ToList();
        var index = migrations.FindIndex(m => m.EndsWith($"_{migration}", StringComparison.Ordinal));
        index.ShouldBeGreaterThan(0, $"no migration named {migration}");
        await db.GetService<IMigrator>().MigrateAsync(before ? migrations[index - 1] : migrations[^1], cancellationToken: ct);
        return 0;
    });
}
