using System.Text;
using Permanence.Core.Triage;

namespace Permanence.Core.Tests.Triage;

public sealed class TriageRuleFileTests
{
    private static RuleFile File(string name, string json) => new(name, Encoding.UTF8.GetBytes(json));

    private static readonly RuleFile Terms = File("terms.json", """
        {
          "version": "1",
          "kind": "terms",
          "terms": { "chest": "poitrine|chest" }
        }
        """);

    private static IReadOnlyList<RuleFileProblem> Problems(params RuleFile[] files)
    {
        var result = TriageRuleSet.Load([Terms, .. files], compiled: false);
        result.IsSuccess.ShouldBeFalse();
        return result.Error.ShouldBeOfType<RuleFileError>().Problems;
    }

    [Fact]
    public void The_built_in_rule_files_load()
    {
        var rules = TriageRuleSet.LoadBuiltIn(compiled: false);

        rules.Signals.Count.ShouldBeGreaterThan(50);
        rules.Intents.Count.ShouldBe(7);
        rules.Signals.ShouldContain(r => r.Level == Urgency.Emergency);
        rules.Versions.ShouldContain(v => v.StartsWith("signals.emergency.json@", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_json_is_reported_with_file_and_line()
    {
        var problem = Problems(File("broken.json", """
            {
              "version": "1",
              "kind": "signals",
              "rules": [
                { "id": "EMR-X", "description": "x", "level": "emergency", "patterns": ["a"] },
                { "id": "EMR-Y" "description": "missing comma" }
              ]
            }
            """)).Single();

        problem.File.ShouldBe("broken.json");
        problem.Line.ShouldBe(6);
        problem.Message.ShouldStartWith("invalid JSON");
    }

    [Fact]
    public void Semantic_errors_name_the_file_and_the_line_of_the_rule()
    {
        var problems = Problems(File("signals.bad.json", """
            {
              "version": "1",
              "kind": "signals",
              "rules": [
                {
                  "id": "EMR-OK",
                  "description": "fine",
                  "level": "emergency",
                  "patterns": ["{chest}"]
                },
                {
                  "id": "EMR-BAD-LEVEL",
                  "description": "unknown level",
                  "level": "severe",
                  "patterns": ["x"]
                },
                {
                  "id": "EMR-OK",
                  "description": "duplicate id",
                  "level": "urgent",
                  "patterns": ["y"]
                },
                {
                  "id": "EMR-BAD-REGEX",
                  "description": "bad regex and unknown term",
                  "level": "urgent",
                  "patterns": ["(unclosed", "{nope}"],
                  "requires": ["toddler"],
                  "specialties": { "astrology": "urgent" },
                  "colour": "red"
                }
              ]
            }
            """));

        problems.ShouldContain(p => p.Line == 11 && p.Message.Contains("unknown level 'severe'", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Line == 17 && p.Message.Contains("duplicate rule id 'EMR-OK'", StringComparison.Ordinal)
            && p.Message.Contains("line 5", StringComparison.Ordinal));
        var bad = problems.Where(p => p.Line == 23).Select(p => p.Message).ToList();
        bad.ShouldContain(m => m.Contains("invalid regular expression \"(unclosed\"", StringComparison.Ordinal));
        bad.ShouldContain(m => m.Contains("unknown term '{nope}'", StringComparison.Ordinal));
        bad.ShouldContain(m => m.Contains("unknown cue 'toddler'", StringComparison.Ordinal));
        bad.ShouldContain(m => m.Contains("unknown specialty 'astrology'", StringComparison.Ordinal));
        bad.ShouldContain(m => m.Contains("unknown property 'colour'", StringComparison.Ordinal));
        problems.ShouldAllBe(p => p.File == "signals.bad.json");
    }

    [Fact]
    public void The_error_message_lists_each_problem_as_file_and_line()
    {
        var result = TriageRuleSet.Load([Terms, File("intents.json", """
            {
              "version": "1",
              "kind": "intents",
              "rules": [
                { "id": "INT-X", "description": "no category", "patterns": ["x"] }
              ]
            }
            """)], compiled: false);

        result.Error!.Message.ShouldBe("intents.json(5): rule 'INT-X': an intent rule needs a 'category'.");
    }

    [Fact]
    public void A_file_of_unknown_kind_is_rejected()
    {
        var problem = Problems(File("odd.json", """{ "version": "1", "kind": "spells", "rules": [] }""")).Single();

        problem.Message.ShouldContain("'kind' must be 'signals', 'intents' or 'terms'");
    }
}
