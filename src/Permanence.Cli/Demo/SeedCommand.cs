using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Permanence.Data;
using Permanence.Data.Demo;

namespace Permanence.Cli.Demo;

/// <summary><c>seed</c>: migrates, then adds the demo secretariat (idempotent) to the configured database.</summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var command = new Command("seed", "Create the demo secretariat (practices, practitioners, patients, staff) if absent");
        CliHost.AddDatabaseOptions(command);
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async services =>
        {
            await services.GetRequiredService<PermanenceDbContext>().Database.MigrateAsync(ct);
            var summary = await ActivatorUtilities.CreateInstance<DemoSecretariatSeeder>(services).SeedAsync(ct);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(summary.CreatedAnything ? "demo secretariat created" : "demo secretariat already present");
            await output.WriteLineAsync($"{summary.Practices} practices, {summary.Practitioners} practitioners, {summary.AppointmentTypes} appointment types, {summary.Patients} patients, {summary.Appointments} appointments, {summary.StaffAccounts} staff accounts");
            foreach (var login in summary.Logins)
            {
                await output.WriteLineAsync($"  {login.RoleCode,-17} {login.Email}");
            }
            await output.WriteLineAsync($"password for all demo logins: {summary.Password}");
            return 0;
        }));
        return command;
    }
}
