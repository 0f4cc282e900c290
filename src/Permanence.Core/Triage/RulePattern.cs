using System.Text.RegularExpressions;

namespace Permanence.Core.Triage;

/// <summary>
/// A rule's patterns as the engine runs them: one or more branches, each a regular expression matched against
/// <see cref="Text.NormalisedText.Text"/>. Together the branches find every match the rule's combined alternation
/// finds, so a rule split into branches can only see more, never less.
/// </summary>
public sealed class RulePattern
{
    internal RulePattern(IReadOnlyList<PatternBranch> branches)
    {
        if (branches.Count == 0)
        {
            throw new ArgumentException("A rule pattern needs at least one branch.", nameof(branches));
        }
        Branches = branches;
    }

    internal IReadOnlyList<PatternBranch> Branches { get; }

    /// <summary>Whether a branch can match, given which branches the utterance's words allow (null: all of them).</summary>
    internal bool MayMatch(bool[]? runnable)
    {
        if (runnable is null)
        {
            return true;
        }
        foreach (var branch in Branches)
        {
            if (runnable[branch.Slot])
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Matches of the runnable branches, leftmost first; at one position the earlier branch first, as one alternation
    /// would choose.
    /// </summary>
    internal IReadOnlyList<(int Start, int End)> Matches(string text, bool[]? runnable)
    {
        List<(int Start, int End, int Branch)>? found = null;
        for (var b = 0; b < Branches.Count; b++)
        {
            if (runnable is not null && !runnable[Branches[b].Slot])
            {
                continue;
            }
            foreach (var match in Branches[b].Expression.EnumerateMatches(text))
            {
                (found ??= []).Add((match.Index, match.Index + match.Length, b));
            }
        }
        if (found is null)
        {
            return [];
        }
        if (found.Count > 1)
        {
            found.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.Branch.CompareTo(y.Branch));
        }
        return [.. found.Select(f => (f.Start, f.End))];
    }
}

/// <summary>
/// One expression of a <see cref="RulePattern"/>. <see cref="Slot"/> numbers the branch within its rule set so the
/// engine can mark runnable branches in an array; <see cref="Triggers"/> are word beginnings one of
/// which every match contains (null: it always runs).
/// </summary>
internal sealed record PatternBranch(int Slot, Regex Expression, IReadOnlyList<string>? Triggers);
