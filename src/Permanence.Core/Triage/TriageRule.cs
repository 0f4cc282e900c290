using Permanence.Core.Common;

namespace Permanence.Core.Triage;

/// <summary>Whether a rule detects a clinical presentation (sets urgency) or an administrative request (sets category).</summary>
public enum TriageRuleKind
{
    Signal,
    Intent,
}

/// <summary>
/// One compiled rule from the rule files. Patterns run against <see cref="Text.NormalisedText.Text"/>.
/// A signal rule fires when one of its patterns matches (or, with no pattern, when its required cues are present),
/// at least one <see cref="With"/> pattern also matches when given, and every cue in <see cref="Requires"/> is present.
/// </summary>
public sealed record TriageRule(
    string Id,
    TriageRuleKind Kind,
    string Description,
    RulePattern? Pattern,
    RulePattern? With,
    IReadOnlyList<string> Requires,
    Urgency? Level,
    TriageCategory Category,
    IReadOnlyDictionary<string, Urgency> Raise,
    IReadOnlyDictionary<Specialty, Urgency> Specialties,
    string? ActionCode,
    string SourceFile,
    int Line)
{
    /// <summary>The level this rule gives in a practice of <paramref name="specialty"/> when <paramref name="cues"/> are present.</summary>
    public Urgency LevelFor(Specialty specialty, IReadOnlySet<string> cues)
    {
        var level = Specialties.TryGetValue(specialty, out var modified) ? modified : Level ?? Urgency.Routine;
        foreach (var (cue, raised) in Raise)
        {
            if (raised > level && cues.Contains(cue))
            {
                level = raised;
            }
        }
        return level;
    }
}
