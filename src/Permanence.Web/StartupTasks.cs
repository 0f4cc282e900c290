using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Data;
using Permanence.Web.Security;

namespace Permanence.Web;

/// <summary>Work done once before the host serves requests: migrations, role rows, the bootstrap key.</summary>
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
            LogMigrated(logger, db.Database.ProviderName ?? "unknown");
        }
        await StartupSecurity.EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole<Guid>>>());
        var bootstrapKey = services.GetRequiredService<IOptions<BootstrapOptions>>().Value.ApiKey;
        if (!string.IsNullOrWhiteSpace(bootstrapKey))
        {
            await StartupSecurity.EnsureBootstrapKeyAsync(db, bootstrapKey.Trim(), services.GetRequiredService<IClock>());
            LogBootstrapKey(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database is up to date ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap administrator API key is active")]
    private static partial void LogBootstrapKey(ILogger logger);
}
