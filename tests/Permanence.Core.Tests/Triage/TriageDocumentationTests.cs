using Permanence.Core.Triage;

namespace Permanence.Core.Tests.Triage;

public sealed class TriageDocumentationTests
{
    [Fact]
    public void Every_rule_appears_in_the_rule_table_of_docs_triage_md_with_its_level_or_category()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "triage.md"));
        var rules = TriageRuleSet.LoadBuiltIn(compiled: false);

        foreach (var rule in rules.Signals)
        {
            doc.ShouldContain($"| `{rule.Id}` | `{rule.Level!.Value.ToCode()}` |", customMessage: $"{rule.Id} is missing or stale in docs/triage.md");
        }
        foreach (var rule in rules.Intents)
        {
            doc.ShouldContain($"| `{rule.Id}` | `{rule.Category.ToCode()}` |", customMessage: $"{rule.Id} is missing or stale in docs/triage.md");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Permanence.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new DirectoryNotFoundException("Permanence.slnx not found above the test output.");
    }
}
