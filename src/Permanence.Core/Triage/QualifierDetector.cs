using System.Text.RegularExpressions;
using Permanence.Core.Triage.Text;

namespace Permanence.Core.Triage;

/// <summary>
/// Reads the context of a match: is it denied, past, hypothetical, a relative's history, reported, or about someone else?
/// Scopes are deliberately narrow so that doubt leaves the signal in force:
/// a negation only covers the few words after it in the same clause; history and family history need an explicit
/// marker in the same clause and yield to any marker of the present ("depuis ce matin", "now").
/// </summary>
public static partial class QualifierDetector
{
    private const int NegationWindow = 6;

    private static readonly HashSet<string> SentenceEnds = new(StringComparer.Ordinal) { ".", "!", "?", ";" };

    private static readonly HashSet<string> ClauseBreaks = new(StringComparer.Ordinal)
    {
        ".", "!", "?", ";", ",", ":", "mais", "but", "however", "cependant", "pourtant", "sauf", "except", "although",
        "though", "whereas", "neanmoins", "toutefois",
    };

    private static readonly HashSet<string> NegationStops = new(StringComparer.Ordinal)
    {
        "et", "and", "puis", "then", "car", "because", "parce", "donc", "so", "alors", "now", "maintenant", "when", "quand",
        "lorsque", "depuis", "since",
    };

    private static readonly HashSet<string> NegationCues = new(StringComparer.Ordinal)
    {
        "pas", "sans", "aucun", "aucune", "jamais", "ni", "rien", "nie", "absence", "no", "not", "without", "never", "nor",
        "neither", "none", "denies", "deny", "denied", "negative",
    };

    /// <summary>Words after a negation cue that turn it into something else ("pas sûr", "not only", "n'arrête pas").</summary>
    private static readonly HashSet<string> PseudoNegationFollowers = new(StringComparer.Ordinal)
    {
        "sur", "sure", "certain", "certaine", "certains", "bien", "normal", "normale", "que", "seulement", "juste", "only",
        "just", "well", "stop", "stopping", "stopped", "better", "improving", "getting", "mieux", "know", "think", "pense",
        "crois", "sais", "savoir", "go", "going", "passer", "arreter", "arrete", "cesse", "cesser", "able", "capable",
        "responding", "reagir", "long", "longtemps",
    };

    private static readonly HashSet<string> PseudoNegationLeaders = new(StringComparer.Ordinal)
    {
        "sais", "sait", "savons", "arrete", "arretent", "cesse", "passe", "si",
    };

    /// <summary>The expressions run on clauses and sentences, skipped when none of their trigger words is said.</summary>
    private static readonly ExpressionFilter ClauseExpressions = new(
        HistoryCue(), HistoryTimeOnly(), PresentMarker(), HypotheticalCue(), IndirectQuestion(), FamilyMember(),
        FamilyHistoryCue(), ReportedSpeechCue(), ThirdPartyCaller());

    /// <summary>Decides how the match [start, end) of the normalised text is qualified.</summary>
    public static SignalQualifier Qualify(NormalisedText text, int start, int end) => Qualify(new Memo(text), start, end);

    internal static SignalQualifier Qualify(Memo memo, int start, int end)
    {
        if (memo.Spans.TryGetValue((start, end), out var known))
        {
            return known;
        }
        var qualifier = Decide(memo, start, end);
        memo.Spans[(start, end)] = qualifier;
        return qualifier;
    }

    private static SignalQualifier Decide(Memo memo, int start, int end)
    {
        var text = memo.Text;
        var tokens = text.Tokens;
        if (tokens.Count == 0)
        {
            return SignalQualifier.None;
        }
        var first = text.TokenAt(start);
        var last = text.TokenAt(Math.Max(start, end - 1));

        if (IsNegated(tokens, first, last))
        {
            return SignalQualifier.Negated;
        }

        var (clauseStart, clauseEnd) = Scope(tokens, first, last, ClauseBreaks);
        var clause = memo.Clause(clauseStart, clauseEnd);

        if (clause.HypotheticalCueEnds.Any(e => e <= start) && !clause.IndirectQuestionEnds.Any(e => e <= start))
        {
            return SignalQualifier.Hypothetical;
        }

        var history = NamesPastEvent(tokens, first) || FollowedByAgeAtEvent(tokens, last) || clause.PastWithoutPresent;
        if (!clause.Present && clause.NamesRelative && (history || clause.FamilyHistoryMarker))
        {
            return SignalQualifier.FamilyHistory;
        }
        if (history)
        {
            return SignalQualifier.History;
        }

        var (sentenceStart, sentenceEnd) = Scope(tokens, first, last, SentenceEnds);
        if (memo.ReportedSpeech(sentenceStart, sentenceEnd))
        {
            return SignalQualifier.ReportedSpeech;
        }
        return memo.ThirdParty ? SignalQualifier.ThirdParty : SignalQualifier.None;
    }

    private static readonly HashSet<string> SinceWords = new(StringComparer.Ordinal)
    {
        "depuis", "since", "after", "apres", "following",
    };

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal)
    {
        "son", "sa", "mon", "ma", "ses", "mes", "his", "her", "my", "their", "the", "l", "le", "la", "un", "une", "a",
    };

    /// <summary>The match names a past event the caller refers to: "depuis son AVC", "since her stroke", "suite à l'opération".</summary>
    private static bool NamesPastEvent(IReadOnlyList<Token> tokens, int first) =>
        first >= 2 && Determiners.Contains(tokens[first - 1].Value)
        && (SinceWords.Contains(tokens[first - 2].Value) || (first >= 3 && tokens[first - 3].Value == "suite" && tokens[first - 2].Value == "a"));

    /// <summary>The match is followed by the age at which it happened: "un infarctus à 45 ans", "a heart attack at 50".</summary>
    private static bool FollowedByAgeAtEvent(IReadOnlyList<Token> tokens, int last)
    {
        string At(int i) => i < tokens.Count ? tokens[i].Value : string.Empty;
        static bool IsNumber(string v) => v.Length > 0 && v.All(char.IsAsciiDigit);

        var next = At(last + 1);
        return next switch
        {
            "a" => IsNumber(At(last + 2)) && At(last + 3) == "ans",
            "aged" => IsNumber(At(last + 2)),
            "at" => IsNumber(At(last + 2)) || (At(last + 2) == "age" && (IsNumber(At(last + 3)) || (At(last + 3) == "of" && IsNumber(At(last + 4))))),
            _ => false,
        };
    }

    /// <summary>
    /// What is known about one clause, each fact read at most once per utterance and only when a decision needs it:
    /// most matches are settled by the first facts, and each fact is a scan of the clause.
    /// </summary>
    internal sealed class ClauseFacts(Memo memo, int startToken, string clause, int offset)
    {
        private bool? _present;
        private bool? _pastWithoutPresent;
        private bool? _namesRelative;
        private bool? _familyHistoryMarker;
        private int[]? _hypotheticalCueEnds;
        private int[]? _indirectQuestionEnds;

        /// <summary>The clause says now ("depuis ce matin", "right now").</summary>
        public bool Present => _present ??= memo.IsMatch(PresentMarker(), clause);

        /// <summary>The clause has a history marker and no marker of the present.</summary>
        public bool PastWithoutPresent => _pastWithoutPresent ??=
            !Present && (memo.IsMatch(HistoryCue(), clause) || PrecedingClauseIsHistory(memo, startToken));

        /// <summary>The clause names a relative ("mon père", "my mother").</summary>
        public bool NamesRelative => _namesRelative ??= memo.IsMatch(FamilyMember(), clause);

        /// <summary>The clause says family history or death ("décédé de", "runs in the family").</summary>
        public bool FamilyHistoryMarker => _familyHistoryMarker ??= memo.IsMatch(FamilyHistoryCue(), clause);

        /// <summary>Normalised-text offsets where a hypothetical cue ("si jamais", "what if") ends.</summary>
        public int[] HypotheticalCueEnds => _hypotheticalCueEnds ??= Ends(HypotheticalCue());

        /// <summary>Offsets where an indirect question ("je ne sais pas si", "I don't know if") ends.</summary>
        public int[] IndirectQuestionEnds => _indirectQuestionEnds ??= Ends(IndirectQuestion());

        private int[] Ends(Regex regex)
        {
            if (!memo.Said.MayMatch(regex))
            {
                return [];
            }
            var ends = new List<int>();
            foreach (var m in regex.EnumerateMatches(clause))
            {
                ends.Add(offset + m.Index + m.Length);
            }
            return [.. ends];
        }
    }

    /// <summary>Per-utterance memo of qualifier decisions and clause facts; one per evaluation, never shared between threads.</summary>
    /// <param name="filter">False runs every clause expression; tests use it to prove the word filter never changes a qualifier.</param>
    internal sealed class Memo(NormalisedText text, bool filter = true)
    {
        private readonly Dictionary<(int, int), ClauseFacts> _clauses = [];
        private readonly Dictionary<(int, int), bool> _reported = [];
        private bool? _thirdParty;
        private ExpressionFilter.Candidates? _said;

        public NormalisedText Text => text;

        public Dictionary<(int, int), SignalQualifier> Spans { get; } = [];

        /// <summary>True when the caller speaks for someone else ("j'appelle pour ma mère", "my son has…").</summary>
        public bool ThirdParty => _thirdParty ??= IsMatch(ThirdPartyCaller(), text.Text);

        /// <summary>The clause expressions whose trigger words occur in the utterance, read on first use.</summary>
        public ExpressionFilter.Candidates Said => _said ??= ClauseExpressions.For(text, filter);

        /// <summary>Whether <paramref name="regex"/> matches <paramref name="slice"/>, a token-aligned slice of the utterance.</summary>
        public bool IsMatch(Regex regex, string slice) => Said.MayMatch(regex) && regex.IsMatch(slice);

        public ClauseFacts Clause(int startToken, int endToken)
        {
            if (!_clauses.TryGetValue((startToken, endToken), out var facts))
            {
                facts = new ClauseFacts(this, startToken, Slice(text, startToken, endToken), text.Tokens[startToken].Start);
                _clauses[(startToken, endToken)] = facts;
            }
            return facts;
        }

        public bool ReportedSpeech(int startToken, int endToken)
        {
            if (!_reported.TryGetValue((startToken, endToken), out var reported))
            {
                reported = Said.MayMatch(ReportedSpeechCue()) && ReportedSpeechCue().IsMatch(Slice(text, startToken, endToken));
                _reported[(startToken, endToken)] = reported;
            }
            return reported;
        }
    }

    private static bool IsNegated(IReadOnlyList<Token> tokens, int first, int last)
    {
        var limit = Math.Max(0, first - NegationWindow);
        for (var i = first - 1; i >= limit; i--)
        {
            var word = tokens[i].Value;
            if (ClauseBreaks.Contains(word) || NegationStops.Contains(word))
            {
                break;
            }
            if (IsNegationCue(tokens, i))
            {
                return true;
            }
        }

        // French "ne … pas" around a verb: "il ne saigne pas", "elle ne tousse plus".
        var hasNe = (first >= 1 && tokens[first - 1].Value is "ne" or "n")
            || (first >= 2 && tokens[first - 2].Value is "ne" or "n" && tokens[first - 1].Value is "se" or "s" or "me" or "m" or "te" or "t" or "lui" or "en" or "y");
        return hasNe && last + 1 < tokens.Count && tokens[last + 1].Value is "pas" or "plus" or "jamais" or "guere";
    }

    private static bool IsNegationCue(IReadOnlyList<Token> tokens, int i)
    {
        var word = tokens[i].Value;
        var next = i + 1 < tokens.Count ? tokens[i + 1].Value : string.Empty;
        var previous = i > 0 ? tokens[i - 1].Value : string.Empty;
        if (word == "plus")
        {
            return (previous is "ne" or "n" || (i >= 2 && tokens[i - 2].Value is "ne" or "n")) && next != "que";
        }
        if (!NegationCues.Contains(word))
        {
            return false;
        }
        if (PseudoNegationFollowers.Contains(next) || PseudoNegationLeaders.Contains(previous))
        {
            return false;
        }
        if (word == "pas" && next == "mal" && i + 2 < tokens.Count && tokens[i + 2].Value is "de" or "d")
        {
            return false;
        }
        if (word == "no" && next is "idea" or "clue" or "doubt")
        {
            return false;
        }
        if (word == "not" && previous is "can" or "could" && next is "stop" or "help")
        {
            return false;
        }
        return word != "jamais" || previous != "si";
    }

    private static (int Start, int End) Scope(IReadOnlyList<Token> tokens, int first, int last, HashSet<string> breaks)
    {
        var start = first;
        while (start > 0 && !breaks.Contains(tokens[start - 1].Value))
        {
            start--;
        }
        var end = last;
        while (end + 1 < tokens.Count && !breaks.Contains(tokens[end + 1].Value))
        {
            end++;
        }
        return (start, end);
    }

    private static bool PrecedingClauseIsHistory(Memo memo, int clauseStart)
    {
        var text = memo.Text;
        var tokens = text.Tokens;
        if (clauseStart < 2 || tokens[clauseStart - 1].Value != ",")
        {
            return false;
        }
        var end = clauseStart - 2;
        var start = end;
        while (start > 0 && !ClauseBreaks.Contains(tokens[start - 1].Value))
        {
            start--;
        }
        return memo.Said.MayMatch(HistoryTimeOnly()) && HistoryTimeOnly().IsMatch(Slice(text, start, end));
    }

    private static string Slice(NormalisedText text, int firstToken, int lastToken)
    {
        if (lastToken < firstToken)
        {
            return string.Empty;
        }
        var tokens = text.Tokens;
        return text.Text[tokens[firstToken].Start..tokens[lastToken].End];
    }

    [GeneratedRegex(@"\b(il y a|ca fait|voici|voila) (plus de |environ |presque )?\d+(\.\d+)? (ans?|annees?|mois)\b|\b\d+(\.\d+)? (years?|months?) ago\b|\b(en|in) (19|20)\d\d\b|\bl an dernier\b|\bl annee derniere\b|\blast year\b|\ble mois (dernier|passe)\b|\blast month\b|\bantecedents?\b|\bhistory of\b|\ba history\b|\bdeja (eu|fait)\b|\bhave had\b.*\bbefore\b|\bpreviously\b|\bin the past\b|\bdans le passe\b|\bautrefois\b|\bquand (j|il|elle) etai(s|t) (petit|petite|enfant|jeune|bebe)\b|\bwhen (i|he|she) was (a child|a kid|little|young|younger|a baby)\b|\bas a (child|kid)\b|\bancien(ne)? (infarctus|avc|cancer|embolie)\b|\bold (stroke|heart attack|injury)\b|\byears ago\b|\bdes annees\b|\bit y a longtemps\b|\bil y a longtemps\b|\blong ago\b|\bgueri\w*\b|\bhas recovered\b|\brecovered from\b", RegexOptions.CultureInvariant)]
    private static partial Regex HistoryCue();

    [GeneratedRegex(@"^\s*(il y a|ca fait) (plus de |environ )?\d+(\.\d+)? (ans?|annees?|mois)\s*$|^\s*\d+ (years?|months?) ago\s*$|^\s*(en|in) (19|20)\d\d\s*$|^\s*(l an dernier|l annee derniere|last year|a few years ago|il y a quelques annees)\s*$|^\s*(when|quand) .{0,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex HistoryTimeOnly();

    [GeneratedRegex(@"\b(depuis|since|maintenant|now|right now|currently|actuellement|en ce moment|aujourd hui|today|tonight|ce soir|ce matin|this morning|cet apres midi|this afternoon|cette nuit|last night|hier|yesterday|just|vient de|viens de|venons de|a l instant|tout a l heure|minutes?|heures?|hours?|encore|again|de nouveau|a nouveau|recommence|still|toujours|is having|are having|en train de|right away)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PresentMarker();

    [GeneratedRegex(@"\b(si jamais|au cas ou|en cas (de|d)|et si|que faire si|faire si|faut il faire si|si (un|1) jour|if ever|what if|what (do|should|would|can) (i|we) do if|what to do if|in case|in the event|should (he|she|i|it|they) ever|if (he|she|i|it|they|my \w+|the \w+|our \w+) (ever )?(has|have|gets?|starts?|develops?|had|becomes?|does|were|was|is|are)|(si|s) (il|ils|elle|elles|je|j|on|mon \w+|ma \w+|les|le|la|c|ca) (a|ai|as|avait|avais|ont|fait|fais|faisait|devient|commence|recommence|presente|developpe|est|etait|refait|refais)|quels sont les (signes|symptomes)|what are the (signs|symptoms)|comment reconnaitre|how (do|can) (i|you) (recognise|recognize|tell)|est ce que .{0,40} (peut|peuvent|pourrait) (provoquer|donner|causer|entrainer)|(peut|pourrait) (il|elle|ils|elles|ca|cela) (provoquer|donner|causer|entrainer)|(can|could|does|do|might|will|would) (it|this|that|these|those|the|my|your|his|her)( \w+){0,2} (cause|give|trigger|lead to)|(y a t il|est ce qu il y a) un risque|is there a risk of)(?![a-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex HypotheticalCue();

    [GeneratedRegex(@"\b(sais|sait|savoir|demande|demandais|verifier|voir|know|knows|sure|wonder|wondering|check|see|tell) (pas )?(si|s|if)\b", RegexOptions.CultureInvariant)]
    private static partial Regex IndirectQuestion();

    [GeneratedRegex(@"\b(pere|mere|papa|maman|frere|soeur|oncle|tante|grand pere|grand mere|grands parents|cousin|cousine|parents|famille|father|mother|dad|mum|mom|brother|sister|uncle|aunt|grandfather|grandmother|grandma|grandpa|grandparents|family)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FamilyMember();

    [GeneratedRegex(@"\b(antecedents? familia\w*|family history|dans (la|ma|sa|notre) famille|hereditaire|runs in (the|my|our|his|her) family|genetique|genetic|decede\w*|mort|morte|morts|died|passed away|dead|deceased|est parti d)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FamilyHistoryCue();

    [GeneratedRegex(@"\b(il|elle|ils|elles|on) (me |m )?(dit|dis|disent|a dit|ont dit|raconte|pretend|affirme|se plaint|se plaignent|explique)\b|\b(he|she|they|it) (says|said|tells me|told me|complains|complained|claims|is complaining|keeps saying)\b|\b(d apres|selon) (lui|elle|eux)\b|\baccording to (him|her|them)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReportedSpeechCue();

    [GeneratedRegex(@"\b(j appelle|appelle|c est|je vous appelle|je telephone) (pour|au sujet de|a propos de|de la part de) (mon|ma|mes|notre|nos|la|le|un|une)\b|\b(calling|ringing|phoning|call) (for|about|on behalf of|regarding) (my|our|a|the)\b|\b(mon|ma|notre) (mari|femme|fils|fille|bebe|enfant|pere|mere|compagnon|compagne|conjoint|conjointe|voisin|voisine|ami|amie|grand mere|grand pere|frere|soeur|patient|patiente|petit|petite|copain|copine|belle mere|beau pere)\b|\b(my|our) (husband|wife|son|daughter|baby|child|kid|father|mother|dad|mum|mom|partner|neighbour|neighbor|friend|grandmother|grandfather|grandma|grandpa|brother|sister|boy|girl|toddler|little one|patient)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ThirdPartyCaller();
}
