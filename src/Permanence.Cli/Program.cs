using System.CommandLine;
using Permanence.Cli.Calls;
using Permanence.Cli.Database;
using Permanence.Cli.Demo;

var root = new RootCommand("Permanence command-line tools");
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(SeedCommand.Create());
root.Subcommands.Add(SimulateCommand.Create());
return await root.Parse(args).InvokeAsync();
