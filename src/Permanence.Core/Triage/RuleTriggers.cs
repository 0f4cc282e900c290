namespace Permanence.Core.Triage;

/// <summary>
/// The words a rule's match can start with, read from its regular expression: "douleurs?|mal a la (tete|gorge)"
/// can only start with a word beginning "douleur" or "mal". The engine runs a rule's expression only when one of
/// the utterance's words starts with one of its triggers. Whenever the start of a pattern cannot be read with
/// certainty (a class, a wildcard, an optional group…) the rule gets no triggers and always runs: the filter may
/// only skip work, never a match.
/// </summary>
internal static class RuleTriggers
{
    /// <summary>First-word prefixes of every possible match, or null when the rule must always run.</summary>
    public static IReadOnlyList<string>? Read(IEnumerable<string> expandedPatterns)
    {
        var triggers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in expandedPatterns)
        {
            var position = 0;
            var prefixes = Alternation(pattern, ref position);
            if (prefixes is null || position != pattern.Length)
            {
                return null;
            }
            triggers.UnionWith(prefixes);
        }
        // A match may start inside a number ("38.5"); digits are left to the full scan.
        return triggers.Count == 0 || triggers.Any(t => char.IsAsciiDigit(t[0])) ? null : [.. triggers];
    }

    /// <summary>Reads alternatives until ')' or the end; null when any alternative has no certain start.</summary>
    private static HashSet<string>? Alternation(string pattern, ref int position)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        var certain = true;
        while (true)
        {
            var prefix = Alternative(pattern, ref position);
            if (prefix is null)
            {
                certain = false;
            }
            else
            {
                all.UnionWith(prefix);
            }
            SkipToAlternativeEnd(pattern, ref position);
            if (position < pattern.Length && pattern[position] == '|')
            {
                position++;
                continue;
            }
            return certain ? all : null;
        }
    }

    /// <summary>The prefixes one alternative starts with, reading only as far as needed.</summary>
    private static HashSet<string>? Alternative(string pattern, ref int position)
    {
        var literal = new System.Text.StringBuilder();
        while (position < pattern.Length)
        {
            var c = pattern[position];
            if (c is '|' or ')')
            {
                break;
            }
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (IsQuantifier(pattern, position + 1))
                {
                    var optional = IsOptionalQuantifier(pattern, position + 1);
                    if (!optional)
                    {
                        literal.Append(c);
                    }
                    break;
                }
                literal.Append(c);
                position++;
                continue;
            }
            if (c == ' ')
            {
                break;
            }
            if (literal.Length > 0)
            {
                break;
            }
            if (c == '(')
            {
                if (IsLookaround(pattern, position))
                {
                    SkipGroup(pattern, ref position);
                    continue;
                }
                position += GroupOpeningLength(pattern, position);
                var inner = Alternation(pattern, ref position);
                if (position >= pattern.Length || pattern[position] != ')')
                {
                    return null;
                }
                position++;
                if (inner is null || IsOptionalQuantifier(pattern, position))
                {
                    return null;
                }
                return inner;
            }
            if (c == '\\' && position + 1 < pattern.Length && pattern[position + 1] == 'b')
            {
                position += 2;
                continue;
            }
            return null;
        }
        return literal.Length > 0 ? [literal.ToString()] : null;
    }

    private static bool IsQuantifier(string pattern, int position) =>
        position < pattern.Length && pattern[position] is '?' or '*' or '+' or '{';

    private static bool IsOptionalQuantifier(string pattern, int position) =>
        position < pattern.Length && (pattern[position] is '?' or '*'
            || (pattern[position] == '{' && position + 1 < pattern.Length && pattern[position + 1] == '0'));

    private static bool IsLookaround(string pattern, int position) =>
        position + 2 < pattern.Length && pattern[position + 1] == '?'
        && (pattern[position + 2] is '=' or '!' || (pattern[position + 2] == '<' && position + 3 < pattern.Length && pattern[position + 3] is '=' or '!'));

    private static int GroupOpeningLength(string pattern, int position)
    {
        if (position + 2 < pattern.Length && pattern[position + 1] == '?' && pattern[position + 2] == ':')
        {
            return 3;
        }
        if (position + 2 < pattern.Length && pattern[position + 1] == '?' && pattern[position + 2] == '<')
        {
            return pattern.IndexOf('>', position) - position + 1;
        }
        return 1;
    }

    /// <summary>Moves past a group starting at <paramref name="position"/>, escapes and nesting included.</summary>
    private static void SkipGroup(string pattern, ref int position)
    {
        var depth = 0;
        for (; position < pattern.Length; position++)
        {
            var c = pattern[position];
            if (c == '\\')
            {
                position++;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                position++;
                return;
            }
        }
    }

    /// <summary>Moves to the '|' or ')' that ends the current alternative at this nesting level.</summary>
    private static void SkipToAlternativeEnd(string pattern, ref int position)
    {
        var depth = 0;
        var inClass = false;
        for (; position < pattern.Length; position++)
        {
            var c = pattern[position];
            if (c == '\\')
            {
                position++;
                continue;
            }
            if (inClass)
            {
                inClass = c != ']';
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when depth == 0:
                    return;
                case ')':
                    depth--;
                    break;
                case '|' when depth == 0:
                    return;
            }
        }
    }
}

/// <summary>Which pattern branches can match an utterance, from the first letters of its words; built once per rule set.</summary>
internal sealed class TriggerIndex
{
    private readonly Dictionary<string, List<(string Trigger, int Slot)>> _byStart = new(StringComparer.Ordinal);
    private readonly bool[] _alwaysRun;

    /// <param name="branches">Every branch of the rule set; <paramref name="filter"/> false makes every branch run.</param>
    public TriggerIndex(IReadOnlyCollection<PatternBranch> branches, bool filter = true)
    {
        _alwaysRun = new bool[branches.Count == 0 ? 0 : branches.Max(b => b.Slot) + 1];
        foreach (var branch in branches)
        {
            if (!filter || branch.Triggers is not { } triggers)
            {
                _alwaysRun[branch.Slot] = true;
                continue;
            }
            foreach (var trigger in triggers)
            {
                var key = trigger.Length >= 2 ? trigger[..2] : trigger;
                if (!_byStart.TryGetValue(key, out var list))
                {
                    list = [];
                    _byStart[key] = list;
                }
                list.Add((trigger, branch.Slot));
            }
        }
    }

    /// <summary>For each branch slot, whether its expression has to run on this utterance.</summary>
    public bool[] Runnable(Text.NormalisedText text)
    {
        var runnable = (bool[])_alwaysRun.Clone();
        foreach (var token in text.Tokens)
        {
            var word = token.Value;
            Mark(word, word[..1], runnable);
            if (word.Length >= 2)
            {
                Mark(word, word[..2], runnable);
            }
        }
        return runnable;
    }

    private void Mark(string word, string key, bool[] runnable)
    {
        if (!_byStart.TryGetValue(key, out var entries))
        {
            return;
        }
        foreach (var (trigger, slot) in entries)
        {
            if (!runnable[slot] && word.StartsWith(trigger, StringComparison.Ordinal))
            {
                runnable[slot] = true;
            }
        }
    }
}
