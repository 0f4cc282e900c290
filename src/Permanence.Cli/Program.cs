using System.CommandLine;
using Permanence.Cli.Database;

var root = new RootCommand("Permanence command-line tools");
root.Subcommands.Add(MigrateCommand.Create());
return await root.Parse(args).InvokeAsync();
