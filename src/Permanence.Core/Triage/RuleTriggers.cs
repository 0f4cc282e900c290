using System.Text.RegularExpressions;

namespace Permanence.Core.Triage;

/// <summary>
/// Words every match of an expression must contain, read from the expression itself: every match of
/// "douleur (\w+ ){0,3}poitrine|chest (pain|tightness)" contains a word beginning "poitrine" or "chest" (or "douleur" or
/// "pain"/"tightness": the reader keeps the choice least likely to occur). The engine runs an expression only when one
/// of the utterance's words begins with one of its triggers.
/// <para>
/// Soundness: a trigger is the run of literal letters the expression must match from a position where a word starts
/// (after a space, a non-word character or \b), so a match is impossible unless a word of the text begins with it. A
/// construct the reader does not know, or a part that may match nothing (optional, "{0,n}"), yields no trigger; an
/// expression with no certain trigger always runs. The filter may only skip work, never a match.
/// </para>
/// </summary>
internal static class RuleTriggers
{
    /// <summary>More than this many distinct word beginnings at one place are cut short (shorter is still sound).</summary>
    private const int MaxLeads = 256;

    /// <summary>Words so common that a trigger beginning like them lets an expression run on most utterances.</summary>
    private static readonly string[] CommonWords =
    [
        "a", "ai", "as", "au", "aux", "avec", "avoir", "c", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du",
        "elle", "elles", "en", "est", "et", "etait", "etre", "fait", "il", "ils", "j", "je", "l", "la", "le", "les", "leur",
        "lui", "m", "ma", "mais", "me", "mes", "moi", "mon", "n", "ne", "nous", "on", "ou", "par", "pas", "peu", "plus",
        "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "si", "son", "sur", "t", "ta", "te", "tes", "ton", "tout",
        "tres", "tu", "un", "une", "vous", "y", "an", "and", "are", "at", "be", "been", "but", "can", "could", "did",
        "do", "does", "for", "from", "get", "got", "had", "has", "have", "he", "her", "him", "his", "i", "if", "in", "is",
        "it", "just", "me", "my", "no", "not", "of", "on", "or", "our", "she", "so", "some", "that", "the", "their",
        "them", "there", "they", "this", "to", "up", "very", "was", "we", "were", "what", "when", "will", "with",
        "would", "you", "your",
    ];

    /// <summary>
    /// Word beginnings one of which every match of <paramref name="expression"/> contains at a word start, or null when
    /// the expression must always run.
    /// </summary>
    public static IReadOnlyList<string>? Read(Regex expression) =>
        expression.Options.HasFlag(RegexOptions.IgnoreCase) ? null : Read(expression.ToString());

    /// <summary>Triggers of an expression given as a pattern string (see <see cref="Read(Regex)"/>).</summary>
    public static IReadOnlyList<string>? Read(string pattern)
    {
        Node root;
        try
        {
            var parser = new Parser(pattern);
            root = parser.ParseAll();
        }
        catch (NotSupportedException)
        {
            return null;
        }
        return Analyse(root, wordStart: false).Triggers is { } triggers ? [.. triggers.Order(StringComparer.Ordinal)] : null;
    }

    /// <summary>How likely a word of an utterance begins with <paramref name="trigger"/>: short and common beginnings score high.</summary>
    private static double Likelihood(string trigger)
    {
        var byLength = Math.Pow(8, -(trigger.Length - 1)) / 15;
        return CommonWords.Any(w => w.StartsWith(trigger, StringComparison.Ordinal)) ? byLength + 0.5 : byLength;
    }

    private static double Likelihood(HashSet<string> triggers) => triggers.Sum(Likelihood);

    private static HashSet<string>? Rarer(HashSet<string>? a, HashSet<string>? b) =>
        a is null ? b : b is null ? a : Likelihood(b) < Likelihood(a) ? b : a;

    /// <summary>Whether the next position is certainly a word start, and the best triggers of the node so far.</summary>
    private readonly record struct Facts(bool WordStartAfter, HashSet<string>? Triggers);

    private static Facts Analyse(Node node, bool wordStart)
    {
        switch (node)
        {
            case Literal literal:
                return new Facts(!IsAsciiWordChar(literal.Char) && literal.Char < 128, null);
            case AnyOf any:
                return new Facts(any.OnlyNonWord, null);
            case Assertion assertion:
                return new Facts(assertion.StartsWord || wordStart, null);
            case Sequence sequence:
                {
                    HashSet<string>? best = null;
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        if (wordStart)
                        {
                            best = Rarer(best, WordBeginnings(sequence.Items, i));
                        }
                        var facts = Analyse(sequence.Items[i], wordStart);
                        best = Rarer(best, facts.Triggers);
                        wordStart = facts.WordStartAfter;
                    }
                    return new Facts(wordStart, best);
                }
            case Alternation alternation:
                {
                    var after = true;
                    HashSet<string>? union = [];
                    foreach (var alternative in alternation.Alternatives)
                    {
                        var facts = Analyse(alternative, wordStart);
                        after &= facts.WordStartAfter;
                        if (facts.Triggers is null)
                        {
                            union = null;
                        }
                        else
                        {
                            union?.UnionWith(facts.Triggers);
                        }
                    }
                    return new Facts(after, union is null ? null : Minimal(union));
                }
            case Repeat repeat:
                {
                    if (repeat.Max == 0)
                    {
                        return new Facts(wordStart, null);
                    }
                    var first = Analyse(repeat.Item, wordStart);
                    // Later repetitions start after an earlier one; reading them as not at a word start is the safe side.
                    var after = repeat.Max == 1 ? first.WordStartAfter : first.WordStartAfter && Analyse(repeat.Item, false).WordStartAfter;
                    return repeat.Min == 0 ? new Facts(wordStart && after, null) : new Facts(after, first.Triggers);
                }
            default:
                throw new InvalidOperationException("Unknown node " + node.GetType().Name);
        }
    }

    /// <summary>
    /// The letters a match must begin with from item <paramref name="start"/> of a sequence that begins a word, as the
    /// set of possible beginnings; null when one of them may be empty.
    /// </summary>
    private static HashSet<string>? WordBeginnings(IReadOnlyList<Node> items, int start)
    {
        var leads = Leads(new Sequence([.. items.Skip(start)]));
        if (leads.Any(l => l.Letters.Length == 0))
        {
            return null;
        }
        return Minimal([.. leads.Select(l => l.Letters)]);
    }

    /// <summary>Drops a beginning that starts with another one ("douleurs" when "douleur" is there): the shorter covers it.</summary>
    private static HashSet<string> Minimal(HashSet<string> beginnings) =>
        [.. beginnings.Where(b => !beginnings.Any(o => o.Length < b.Length && b.StartsWith(o, StringComparison.Ordinal)))];

    /// <summary>
    /// The letters each match of a node begins with; Open when the match is exactly those letters, so what follows
    /// the node may extend the word.
    /// </summary>
    private readonly record struct Lead(string Letters, bool Open);

    private static List<Lead> Leads(Node node)
    {
        switch (node)
        {
            case Literal literal:
                return [literal.Char is >= 'a' and <= 'z' ? new Lead(literal.Char.ToString(), Open: true) : new Lead(string.Empty, Open: false)];
            case AnyOf:
                return [new Lead(string.Empty, Open: false)];
            case Assertion:
                return [new Lead(string.Empty, Open: true)];
            case Sequence sequence:
                {
                    List<Lead> leads = [new Lead(string.Empty, Open: true)];
                    foreach (var item in sequence.Items)
                    {
                        if (!leads.Any(l => l.Open))
                        {
                            break;
                        }
                        var next = Leads(item);
                        var combined = new List<Lead>();
                        foreach (var lead in leads)
                        {
                            if (lead.Open)
                            {
                                combined.AddRange(next.Select(n => new Lead(lead.Letters + n.Letters, n.Open)));
                            }
                            else
                            {
                                combined.Add(lead);
                            }
                        }
                        leads = [.. combined.Distinct()];
                        if (leads.Count > MaxLeads)
                        {
                            leads = [.. leads.Select(l => l with { Open = false }).Distinct()];
                        }
                    }
                    return leads;
                }
            case Alternation alternation:
                return [.. alternation.Alternatives.SelectMany(Leads).Distinct()];
            case Repeat repeat:
                {
                    if (repeat.Max == 0)
                    {
                        return [new Lead(string.Empty, Open: true)];
                    }
                    var item = Leads(repeat.Item);
                    // After one repetition another may follow: the letters so far are a beginning, not the whole word.
                    var once = repeat.Max == 1 ? item : [.. item.Select(l => l with { Open = false }).Distinct()];
                    return repeat.Min == 0 ? [new Lead(string.Empty, Open: true), .. once.Select(l => l with { Open = false }).Distinct()] : once;
                }
            default:
                throw new InvalidOperationException("Unknown node " + node.GetType().Name);
        }
    }

    private static bool IsAsciiWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private abstract record Node;

    /// <summary>One character matched as itself.</summary>
    private sealed record Literal(char Char) : Node;

    /// <summary>One character of a class (\w, \d, [...], '.'); <see cref="OnlyNonWord"/> when it can never be a word character.</summary>
    private sealed record AnyOf(bool OnlyNonWord) : Node;

    /// <summary>A zero-width test: \b, ^, $ or a lookaround. <see cref="StartsWord"/> when a letter right after it begins a word.</summary>
    private sealed record Assertion(bool StartsWord) : Node;

    private sealed record Sequence(IReadOnlyList<Node> Items) : Node;

    private sealed record Alternation(IReadOnlyList<Node> Alternatives) : Node;

    private sealed record Repeat(Node Item, int Min, int Max) : Node;

    /// <summary>
    /// Reads the subset of .NET regular expressions the rules use; anything else throws <see cref="NotSupportedException"/>
    /// so the expression gets no trigger and always runs.
    /// </summary>
    private sealed class Parser(string pattern)
    {
        private int _position;

        public Node ParseAll()
        {
            var node = ParseAlternation();
            if (_position != pattern.Length)
            {
                throw new NotSupportedException("Unbalanced ')' at " + _position.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return node;
        }

        private Node ParseAlternation()
        {
            var alternatives = new List<Node> { ParseSequence() };
            while (_position < pattern.Length && pattern[_position] == '|')
            {
                _position++;
                alternatives.Add(ParseSequence());
            }
            return alternatives.Count == 1 ? alternatives[0] : new Alternation(alternatives);
        }

        private Sequence ParseSequence()
        {
            var items = new List<Node>();
            while (_position < pattern.Length && pattern[_position] is not ('|' or ')'))
            {
                var atom = ParseAtom();
                items.Add(ParseQuantifier(atom));
            }
            return new Sequence(items);
        }

        private Node ParseAtom()
        {
            var c = pattern[_position++];
            switch (c)
            {
                case '(':
                    return ParseGroup();
                case '[':
                    SkipClass();
                    return new AnyOf(OnlyNonWord: false);
                case '.':
                    return new AnyOf(OnlyNonWord: false);
                case '^':
                    return new Assertion(StartsWord: true);
                case '$':
                    return new Assertion(StartsWord: false);
                case '\\':
                    return ParseEscape();
                case '*' or '+' or '?' or '{':
                    throw new NotSupportedException("Quantifier without an item.");
                default:
                    return new Literal(c);
            }
        }

        private Node ParseGroup()
        {
            if (Peek("?:") || Peek("?>"))
            {
                _position += 2;
            }
            else if (Peek("?=") || Peek("?!") || Peek("?<=") || Peek("?<!"))
            {
                // The inside of a lookaround is checked, not consumed: nothing in it is a required word.
                _position += pattern[_position + 1] == '<' ? 3 : 2;
                ParseAlternation();
                Expect(')');
                return new Assertion(StartsWord: false);
            }
            else if (Peek("?<") || Peek("?'"))
            {
                var close = pattern.IndexOf(pattern[_position + 1] == '<' ? '>' : '\'', _position + 2);
                if (close < 0)
                {
                    throw new NotSupportedException("Unterminated group name.");
                }
                _position = close + 1;
            }
            else if (Peek("?"))
            {
                throw new NotSupportedException("Group construct not read.");
            }
            var inner = ParseAlternation();
            Expect(')');
            return inner;
        }

        private Node ParseEscape()
        {
            if (_position >= pattern.Length)
            {
                throw new NotSupportedException("Trailing backslash.");
            }
            var c = pattern[_position++];
            return c switch
            {
                'w' or 'd' or 'W' or 'D' or 'S' => new AnyOf(OnlyNonWord: c == 'W'),
                's' => new AnyOf(OnlyNonWord: true),
                'b' => new Assertion(StartsWord: true),
                't' => new Literal('\t'),
                'n' => new Literal('\n'),
                'r' => new Literal('\r'),
                _ when !char.IsAsciiLetterOrDigit(c) && c < 128 => new Literal(c),
                _ => throw new NotSupportedException("Escape \\" + c + " not read."),
            };
        }

        private Node ParseQuantifier(Node atom)
        {
            if (_position >= pattern.Length)
            {
                return atom;
            }
            int min, max;
            switch (pattern[_position])
            {
                case '?':
                    (min, max) = (0, 1);
                    _position++;
                    break;
                case '*':
                    (min, max) = (0, int.MaxValue);
                    _position++;
                    break;
                case '+':
                    (min, max) = (1, int.MaxValue);
                    _position++;
                    break;
                case '{' when ReadBraces() is { } braces:
                    (min, max) = braces;
                    break;
                default:
                    return atom;
            }
            if (_position < pattern.Length && pattern[_position] == '?')
            {
                _position++; // lazy: the same matches are possible, only the preference changes
            }
            if (_position < pattern.Length && pattern[_position] is '*' or '+' or '?' or '{')
            {
                throw new NotSupportedException("Nested quantifier.");
            }
            return new Repeat(atom, min, max);
        }

        /// <summary>"{n}", "{n,}" or "{n,m}" at the position; null (a literal '{') otherwise.</summary>
        private (int Min, int Max)? ReadBraces()
        {
            var close = pattern.IndexOf('}', _position);
            if (close < 0)
            {
                return null;
            }
            var parts = pattern[(_position + 1)..close].Split(',');
            if (parts.Length > 2 || !TryReadCount(parts[0], out var min))
            {
                return null;
            }
            var max = min;
            if (parts.Length == 2)
            {
                if (parts[1].Length == 0)
                {
                    max = int.MaxValue;
                }
                else if (!TryReadCount(parts[1], out max))
                {
                    return null;
                }
            }
            _position = close + 1;
            return (min, max);
        }

        private static bool TryReadCount(string text, out int count) =>
            int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count);

        private void SkipClass()
        {
            if (_position < pattern.Length && pattern[_position] == '^')
            {
                _position++;
            }
            if (_position < pattern.Length && pattern[_position] == ']')
            {
                _position++;
            }
            while (_position < pattern.Length && pattern[_position] != ']')
            {
                if (pattern[_position] == '\\')
                {
                    _position++;
                }
                else if (pattern[_position] == '[')
                {
                    throw new NotSupportedException("Class subtraction not read.");
                }
                _position++;
            }
            Expect(']');
        }

        private bool Peek(string text) => string.CompareOrdinal(pattern, _position, text, 0, text.Length) == 0;

        private void Expect(char c)
        {
            if (_position >= pattern.Length || pattern[_position] != c)
            {
                throw new NotSupportedException("Expected '" + c + "'.");
            }
            _position++;
        }
    }
}

/// <summary>
/// Which pattern branches can match an utterance, from the beginnings of its words; built once per rule set,
/// immutable and thread-safe.
/// </summary>
internal sealed class TriggerIndex
{
    private const int Letters = 26;

    /// <summary>A trie over the letters a-z of every trigger: node n's child for letter c is at [n * 26 + c] (0: none).</summary>
    private readonly int[] _children;

    /// <summary>The branch slots whose trigger ends at each node of the trie.</summary>
    private readonly int[][] _slotsAt;

    private readonly bool[] _alwaysRun;

    /// <param name="branches">Every branch of the rule set; <paramref name="filter"/> false makes every branch run.</param>
    public TriggerIndex(IReadOnlyCollection<PatternBranch> branches, bool filter = true)
    {
        _alwaysRun = new bool[branches.Count == 0 ? 0 : branches.Max(b => b.Slot) + 1];
        var children = new List<int>(new int[Letters]);
        var slots = new List<List<int>> { new() };
        foreach (var branch in branches)
        {
            if (!filter || branch.Triggers is not { } triggers)
            {
                _alwaysRun[branch.Slot] = true;
                continue;
            }
            foreach (var trigger in triggers)
            {
                var node = 0;
                foreach (var c in trigger)
                {
                    var at = node * Letters + (c - 'a');
                    if (children[at] == 0)
                    {
                        children[at] = slots.Count;
                        slots.Add([]);
                        children.AddRange(new int[Letters]);
                    }
                    node = children[at];
                }
                slots[node].Add(branch.Slot);
            }
        }
        _children = [.. children];
        _slotsAt = [.. slots.Select(s => s.ToArray())];
    }

    /// <summary>For each branch slot, whether its expression has to run on this utterance.</summary>
    public bool[] Runnable(Text.NormalisedText text)
    {
        var runnable = (bool[])_alwaysRun.Clone();
        var s = text.Text;
        for (var i = 0; i < s.Length; i++)
        {
            // Every place a word can start for the regular expression engine: after anything but an ASCII word character.
            if (s[i] is < 'a' or > 'z' || (i > 0 && (char.IsAsciiLetterOrDigit(s[i - 1]) || s[i - 1] == '_')))
            {
                continue;
            }
            var node = 0;
            for (var j = i; j < s.Length && s[j] is >= 'a' and <= 'z'; j++)
            {
                node = _children[node * Letters + (s[j] - 'a')];
                if (node == 0)
                {
                    break;
                }
                foreach (var slot in _slotsAt[node])
                {
                    runnable[slot] = true;
                }
            }
        }
        return runnable;
    }
}

/// <summary>
/// Which of a fixed set of expressions can match an utterance, from the beginnings of its words (<see cref="RuleTriggers"/>):
/// the cue and qualifier expressions are skipped when none of their trigger words is said. Also sound for a run on a
/// slice of the normalised text that starts at a token, since a token is always preceded by a space there.
/// Built once; immutable and thread-safe.
/// </summary>
internal sealed class ExpressionFilter
{
    private readonly Dictionary<Regex, int> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly TriggerIndex _index;

    public ExpressionFilter(params Regex[] expressions)
    {
        var branches = new List<PatternBranch>();
        foreach (var expression in expressions)
        {
            _slots[expression] = branches.Count;
            branches.Add(new PatternBranch(branches.Count, expression, RuleTriggers.Read(expression)));
        }
        _index = new TriggerIndex(branches);
    }

    /// <summary>The expressions that may match <paramref name="text"/>; every one of them when <paramref name="filter"/> is false.</summary>
    public Candidates For(Text.NormalisedText text, bool filter = true) => new(this, filter ? _index.Runnable(text) : null);

    /// <summary>The outcome of <see cref="For"/> for one utterance.</summary>
    public readonly struct Candidates(ExpressionFilter filter, bool[]? runnable)
    {
        /// <summary>False only when <paramref name="expression"/> certainly has no match in the utterance or a slice of it.</summary>
        public bool MayMatch(Regex expression) => runnable is null || runnable[filter._slots[expression]];
    }
}
