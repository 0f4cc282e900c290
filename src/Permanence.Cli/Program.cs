using System.CommandLine;

var root = new RootCommand("Permanence command-line tools");
root.Subcommands.Add(Permanence.Cli.Triage.TriageCommand.Create());
return await root.Parse(args).InvokeAsync();
