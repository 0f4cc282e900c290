using System.CommandLine;
using Permanence.Cli.Calls;
using Permanence.Cli.Database;
using Permanence.Cli.Demo;
using Permanence.Cli.Quality;
using Permanence.Cli.Routing;
using Permanence.Cli.Triage;

var root = new RootCommand("Permanence command-line tools");
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(TriageCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(StaffingCommand.Create());
root.Subcommands.Add(ReplayDayCommand.Create());
return await root.Parse(args).InvokeAsync();
