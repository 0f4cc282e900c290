using System.CommandLine;
using Permanence.Cli.Database;
using Permanence.Cli.Demo;

var root = new RootCommand("Permanence command-line tools");
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(SeedCommand.Create());
return await root.Parse(args).InvokeAsync();
