using System.CommandLine;

var root = new RootCommand("Permanence command-line tools");
return await root.Parse(args).InvokeAsync();
