using BenchmarkDotNet.Running;
using Permanence.Benchmarks.Quality;

// Any benchmark type of this assembly names it: the web project referenced by the KPI benchmark has a Program too.
BenchmarkSwitcher.FromAssembly(typeof(KpiBenchmarks).Assembly).Run(args);
