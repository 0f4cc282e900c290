using System.Text.RegularExpressions;

namespace Permanence.Core.Triage;

/// <summary>
/// Turns a rule's expanded patterns into a <see cref="RulePattern"/> and numbers its branches across one rule set.
/// <para>
/// A rule the linear-time engine (<see cref="RegexOptions.NonBacktracking"/>) accepts whole stays one expression: on
/// that engine the gaps of a few words ("(\w+ ){0,4}") most rules use cost one pass over the utterance. That engine
/// cannot run lookarounds and refuses large automata; such a rule is split into its top-level alternatives, each its
/// own expression. A lone alternative starts with a literal word the backtracking engine finds with a vectorised
/// search, where an alternation of a hundred words makes it try every position, and an alternative none of whose
/// trigger words (<see cref="RuleTriggers"/>) occurs in the utterance is not run at all. The split is decided the same way whether the expressions are then
/// compiled or interpreted, so both give the same results.
/// </para>
/// </summary>
internal sealed class RulePatternCompiler(bool compiled)
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private const RegexOptions Interpreted = RegexOptions.CultureInvariant;

    private int _nextSlot;

    public RulePattern Compile(IReadOnlyList<string> expandedPatterns)
    {
        var combined = WholeWords(string.Join("|", expandedPatterns.Select(e => "(?:" + e + ")")));
        if (LinearEngineAccepts(combined) is { } linear)
        {
            return new RulePattern([Branch(compiled ? linear : new Regex(combined, Interpreted, MatchTimeout))]);
        }
        var options = compiled ? Interpreted | RegexOptions.Compiled : Interpreted;
        return new RulePattern([.. expandedPatterns
            .SelectMany(Alternatives)
            .Select(alternative => Branch(new Regex(WholeWords(alternative), options, MatchTimeout)))]);
    }

    /// <summary>A branch whose triggers are read from the very expression it runs.</summary>
    private PatternBranch Branch(Regex expression) => new(_nextSlot++, expression, RuleTriggers.Read(expression));

    /// <summary>Patterns match whole words of the normalised text: no need for \b in every rule.</summary>
    private static string WholeWords(string pattern) => @"\b(?:" + pattern + @")\b";

    private static Regex? LinearEngineAccepts(string pattern)
    {
        if (HasLookaround(pattern))
        {
            return null;
        }
        try
        {
            return new Regex(pattern, Interpreted | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private static bool HasLookaround(string pattern) =>
        pattern.Contains("(?=", StringComparison.Ordinal) || pattern.Contains("(?!", StringComparison.Ordinal)
        || pattern.Contains("(?<=", StringComparison.Ordinal) || pattern.Contains("(?<!", StringComparison.Ordinal);

    /// <summary>
    /// "a|(?:b|c)|(d|e)f" → "a", "b", "c", "(d|e)f": the top-level alternatives, and those of a group that makes up a
    /// whole alternative (a term such as {chest_pain} expands to one). Groups only delimit here: the engine reads the
    /// span of a match, never its captures.
    /// </summary>
    internal static IEnumerable<string> Alternatives(string pattern) =>
        TopLevelAlternatives(pattern).SelectMany(alternative => WholeGroupContent(alternative) is { } inner ? Alternatives(inner) : [alternative]);

    /// <summary>The inside of "(...)" or "(?:...)" when that group is the whole of <paramref name="alternative"/>.</summary>
    private static string? WholeGroupContent(string alternative)
    {
        var opening = alternative.StartsWith("(?:", StringComparison.Ordinal) ? 3
            : alternative.StartsWith('(') && !alternative.StartsWith("(?", StringComparison.Ordinal) ? 1
            : 0;
        if (opening == 0)
        {
            return null;
        }
        // The first ')' that closes at depth 0 closes the opening group.
        var (close, _, _) = Structure(alternative).FirstOrDefault(s => s.Char == ')' && s.Depth == 1);
        return close == alternative.Length - 1 ? alternative[opening..close] : null;
    }

    /// <summary>"a|(b|c)d|[|]e" → "a", "(b|c)d", "[|]e": splits at the '|' outside groups and character classes.</summary>
    private static IEnumerable<string> TopLevelAlternatives(string pattern)
    {
        var start = 0;
        foreach (var (index, _, _) in Structure(pattern).Where(s => s.Char == '|' && s.Depth == 0))
        {
            yield return pattern[start..index];
            start = index + 1;
        }
        yield return pattern[start..];
    }

    /// <summary>
    /// The grouping characters '(', ')' and '|' of a pattern, outside escapes and character classes, with the group
    /// depth they stand at ('(' and ')' at the depth inside their group).
    /// </summary>
    private static IEnumerable<(int Index, char Char, int Depth)> Structure(string pattern)
    {
        var depth = 0;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
            }
            else if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '(')
            {
                yield return (i, c, ++depth);
            }
            else if (c == ')')
            {
                yield return (i, c, depth--);
            }
            else if (c == '|')
            {
                yield return (i, c, depth);
            }
        }
    }
}
