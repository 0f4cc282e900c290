using System.Reflection;
using Permanence.Core.Common;

namespace Permanence.Core.Triage;

/// <summary>A rule file's name (shown in errors) and its UTF-8 JSON content.</summary>
public sealed record RuleFile(string Name, byte[] Content);

/// <summary>Where a rule file breaks the schema or a semantic rule: 1-based line of the offending element.</summary>
public sealed record RuleFileProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}({Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}): {Message}";
}

/// <summary>Rule files that cannot be loaded; <see cref="Problems"/> lists every problem found.</summary>
public sealed record RuleFileError(IReadOnlyList<RuleFileProblem> Problems)
    : Error(string.Join(Environment.NewLine, Problems.Select(p => p.ToString())));

/// <summary>The validated, compiled rules the engine runs; immutable and safe to share between threads.</summary>
public sealed class TriageRuleSet
{
    internal TriageRuleSet(IReadOnlyList<TriageRule> signals, IReadOnlyList<TriageRule> intents, IReadOnlyList<string> versions)
    {
        Signals = signals;
        Intents = intents;
        Versions = versions;
        WarmUp(Branches);
    }

    /// <summary>Clinical presentations, in file order.</summary>
    public IReadOnlyList<TriageRule> Signals { get; }

    /// <summary>Administrative requests, in file order.</summary>
    public IReadOnlyList<TriageRule> Intents { get; }

    /// <summary>"file@version" of each loaded file, for audit of which rules produced a suggestion.</summary>
    public IReadOnlyList<string> Versions { get; }

    public IEnumerable<TriageRule> All => Signals.Concat(Intents);

    /// <summary>Every expression the rules run, patterns and 'with' patterns alike.</summary>
    internal IEnumerable<PatternBranch> Branches =>
        All.SelectMany(rule => new[] { rule.Pattern, rule.With }).SelectMany(pattern => pattern?.Branches ?? []);

    /// <summary>Validates and compiles rule files.</summary>
    /// <param name="files">Terms, signal and intent files, in any order.</param>
    /// <param name="compiled">
    /// True builds every expression for speed per call, for long-lived hosts, at a start-up cost of a few seconds: a rule
    /// runs on the linear-time engine (<see cref="System.Text.RegularExpressions.RegexOptions.NonBacktracking"/>) when
    /// it accepts the rule, else as one expression per alternative compiled to IL (see <see cref="RulePatternCompiler"/>).
    /// False interprets them: instant start, for short-lived processes such as the CLI and tests. Both give the same results.
    /// </param>
    public static Result<TriageRuleSet> Load(IEnumerable<RuleFile> files, bool compiled = true) =>
        TriageRuleLoader.Load(files, compiled);

    /// <summary>The rule files shipped in Permanence.Core; a problem in them is a bug, hence an exception.</summary>
    /// <param name="compiled">See <see cref="Load"/>.</param>
    public static TriageRuleSet LoadBuiltIn(bool compiled = true)
    {
        var result = Load(BuiltInFiles(), compiled);
        return result.Value ?? throw new InvalidOperationException("Built-in triage rules are invalid:" + Environment.NewLine + result.Error!.Message);
    }

    public static IReadOnlyList<RuleFile> BuiltInFiles()
    {
        var assembly = typeof(TriageRuleSet).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new RuleFile(n[ResourcePrefix.Length..], Read(assembly, n)))];
    }

    /// <summary>
    /// Runs every pattern once so compiled patterns are JIT-compiled here rather than inside the first caller's match,
    /// where the time would count against the match timeout.
    /// </summary>
    private static void WarmUp(IEnumerable<PatternBranch> branches)
    {
        foreach (var branch in branches)
        {
            try
            {
                branch.Expression.IsMatch("warm up");
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
            {
                // Only JIT time can exceed the timeout on this input; the next match runs the compiled code.
            }
        }
    }

    private const string ResourcePrefix = "Triage/Rules/";

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
