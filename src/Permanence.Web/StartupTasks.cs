using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Data;
using Permanence.Data.Demo;
using Permanence.Data.Staff;
using Permanence.Web.Demo;
using Permanence.Web.Security;

namespace Permanence.Web;

/// <summary>Work done once before the host serves requests: migrations, role rows, the bootstrap key, the demo.</summary>
public static partial class StartupTasks
{
    public static async Task PrepareAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Permanence.Startup");
        var db = services.GetRequiredService<PermanenceDbContext>();
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            await db.Database.MigrateAsync();
            var dataSource = DataSourceOf(db);
            LogMigrated(logger, db.Database.ProviderName ?? "unknown", dataSource);
        }
        await StaffRoleRows.EnsureAsync(services.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        var bootstrapKey = services.GetRequiredService<IOptions<BootstrapOptions>>().Value.ApiKey;
        if (!string.IsNullOrWhiteSpace(bootstrapKey))
        {
            await StartupSecurity.EnsureBootstrapKeyAsync(db, bootstrapKey.Trim(), services.GetRequiredService<IClock>());
            LogBootstrapKey(logger);
        }
        if (services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
        {
            var summary = await services.GetRequiredService<DemoSecretariatSeeder>().SeedAsync();
            app.Lifetime.ApplicationStarted.Register(() => System.Console.WriteLine(DemoBanner.Render(app.Urls, summary)));
        }
    }

    /// <summary>Where the data lives, without credentials: the file for SQLite, host and database for PostgreSQL.</summary>
    private static string DataSourceOf(PermanenceDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        return string.IsNullOrEmpty(connection.DataSource) ? connection.Database : $"{connection.DataSource} {connection.Database}".Trim();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database is up to date ({Provider}, {DataSource})")]
    private static partial void LogMigrated(ILogger logger, string provider, string dataSource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap administrator API key is active")]
    private static partial void LogBootstrapKey(ILogger logger);
}
