using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Permanence.Data;

namespace Permanence.Cli.Database;

/// <summary><c>migrate</c>: applies pending migrations to the configured database and lists what it applied.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations (SQLite or PostgreSQL)");
        CliHost.AddDatabaseOptions(command);
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async services =>
        {
            var db = services.GetRequiredService<PermanenceDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            foreach (var migration in pending)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"applied {migration}");
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                pending.Count == 0 ? $"{db.Database.ProviderName}: already up to date" : $"{db.Database.ProviderName}: {pending.Count} migration(s) applied");
            return 0;
        }));
        return command;
    }
}
