using System.Globalization;
using System.Text.RegularExpressions;
using Permanence.Core.Triage.Text;

namespace Permanence.Core.Triage;

/// <summary>A fact read from the caller's words that rules can require: fever, age band, pregnancy, sudden onset…</summary>
/// <param name="Name">One of <see cref="ClinicalCues.Names"/>.</param>
/// <param name="Start">Offset in the normalised text.</param>
/// <param name="End">End (exclusive) in the normalised text.</param>
public readonly record struct Cue(string Name, int Start, int End);

/// <summary>
/// Extracts numbers with a clinical meaning (temperature in °C or °F, age, duration) and the age, pregnancy and
/// onset cues used by the rules. Works on <see cref="NormalisedText"/>, so "39,5", "39°5", "trente-neuf" and
/// "a hundred and three" all arrive as digits.
/// </summary>
public static partial class ClinicalCues
{
    public const string Fever = "fever";
    public const string HighFever = "high_fever";
    public const string Infant = "infant";
    public const string InfantUnder3Months = "infant_under_3_months";
    public const string Child = "child";
    public const string Elderly = "elderly";
    public const string Pregnant = "pregnant";
    public const string Sudden = "sudden";
    public const string Prolonged = "prolonged";

    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Fever, HighFever, Infant, InfantUnder3Months, Child, Elderly, Pregnant, Sudden, Prolonged,
    };

    /// <summary>Fever at or above this temperature (°C).</summary>
    public const decimal FeverThreshold = 38.0m;

    /// <summary>High fever at or above this temperature (°C).</summary>
    public const decimal HighFeverThreshold = 40.0m;

    /// <summary>The expressions run on the whole utterance, skipped when none of their trigger words is said.</summary>
    private static readonly ExpressionFilter WordExpressions = new(
        FeverWord(), Newborn(), InfantWord(), ChildWord(), ElderlyWord(), PregnancyWord(), SuddenOnset(), AgePhrase(), Duration());

    public static List<Cue> Extract(NormalisedText text) => Extract(text, filter: true);

    /// <param name="filter">False runs every expression; tests use it to prove the word filter never changes a cue.</param>
    internal static List<Cue> Extract(NormalisedText text, bool filter)
    {
        var s = text.Text;
        var cues = new List<Cue>(4);
        var said = WordExpressions.For(text, filter);
        // Temperatures, ages and durations are all numbers; most utterances have none, so skip their expressions.
        var hasNumber = s.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

        foreach (Match m in Matches(said, FeverWord(), s))
        {
            cues.Add(new Cue(Fever, m.Index, m.Index + m.Length));
        }
        foreach (var (celsius, start, end) in hasNumber ? Temperatures(s) : [])
        {
            if (celsius >= FeverThreshold)
            {
                cues.Add(new Cue(Fever, start, end));
            }
            if (celsius >= HighFeverThreshold)
            {
                cues.Add(new Cue(HighFever, start, end));
            }
        }

        foreach (var (months, start, end) in hasNumber && said.MayMatch(AgePhrase()) ? Ages(s) : [])
        {
            if (months < 3m)
            {
                cues.Add(new Cue(InfantUnder3Months, start, end));
            }
            if (months < 12m)
            {
                cues.Add(new Cue(Infant, start, end));
            }
            if (months < 16m * 12m)
            {
                cues.Add(new Cue(Child, start, end));
            }
            if (months >= 75m * 12m)
            {
                cues.Add(new Cue(Elderly, start, end));
            }
        }
        AddAll(cues, said, Newborn(), s, InfantUnder3Months, Infant, Child);
        AddAll(cues, said, InfantWord(), s, Infant, Child);
        AddAll(cues, said, ChildWord(), s, Child);
        AddAll(cues, said, ElderlyWord(), s, Elderly);
        AddAll(cues, said, PregnancyWord(), s, Pregnant);
        AddAll(cues, said, SuddenOnset(), s, Sudden);

        foreach (Match m in hasNumber ? Matches(said, Duration(), s) : [])
        {
            if (Hours(m) >= 72m)
            {
                cues.Add(new Cue(Prolonged, m.Index, m.Index + m.Length));
            }
        }
        return cues;
    }

    /// <summary>Temperatures stated in the text, converted to °C; Fahrenheit is recognised in 95–110 with a fever context.</summary>
    public static IEnumerable<(decimal Celsius, int Start, int End)> Temperatures(string normalised)
    {
        foreach (Match m in NumberNotFollowedByUnit().Matches(normalised))
        {
            var value = decimal.Parse(m.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var before = normalised[Math.Max(0, m.Index - 40)..m.Index];
            // A fever word said after the number counts only in the same sentence: "38,9. Il n'a pas de fièvre." does not
            // make 38,9 a temperature. Before the number it may close the previous sentence ("Fièvre. 39,5 ce matin").
            var after = UpToSentenceEnd(normalised[(m.Index + m.Length)..Math.Min(normalised.Length, m.Index + m.Length + 30)]);
            var context = before + " " + after;
            if (BloodPressureOrOther().IsMatch(before))
            {
                continue;
            }
            var feverContext = FeverContext().IsMatch(context);
            if (value is >= 34m and <= 43.5m && (feverContext || TemperaturePhrase().IsMatch(before)))
            {
                yield return (value, m.Index, m.Index + m.Length);
            }
            else if (value is >= 95m and <= 110m && (feverContext || FahrenheitMark().IsMatch(after)))
            {
                yield return (Math.Round((value - 32m) * 5m / 9m, 1), m.Index, m.Index + m.Length);
            }
        }
    }

    private static string UpToSentenceEnd(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var decimalPoint = text[i] == '.' && i > 0 && char.IsAsciiDigit(text[i - 1]) && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (text[i] is '.' or '!' or '?' && !decimalPoint)
            {
                return text[..i];
            }
        }
        return text;
    }

    /// <summary>Ages stated in the text, in months ("bébé de 2 mois", "my 3 week old", "elle a 85 ans").</summary>
    public static IEnumerable<(decimal Months, int Start, int End)> Ages(string normalised)
    {
        foreach (Match m in AgePhrase().Matches(normalised))
        {
            var n = decimal.Parse(m.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var unit = m.Groups["u"].Value;
            var months = unit[0] switch
            {
                'a' or 'y' => n * 12m,
                'm' => n,
                's' or 'w' => n / 4.345m,
                _ => n / 30m,
            };
            yield return (months, m.Index, m.Index + m.Length);
        }
    }

    private static decimal Hours(Match m)
    {
        var n = decimal.Parse(m.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return m.Groups["u"].Value[0] switch
        {
            'h' => n,
            'j' or 'd' => n * 24m,
            's' or 'w' => n * 24m * 7m,
            'm' => n * 24m * 30m,
            _ => n * 24m * 365m,
        };
    }

    private static IReadOnlyList<Match> Matches(ExpressionFilter.Candidates said, Regex regex, string s) =>
        said.MayMatch(regex) ? regex.Matches(s) : Array.Empty<Match>();

    private static void AddAll(List<Cue> cues, ExpressionFilter.Candidates said, Regex regex, string s, params string[] names)
    {
        foreach (var m in Matches(said, regex, s))
        {
            foreach (var name in names)
            {
                cues.Add(new Cue(name, m.Index, m.Index + m.Length));
            }
        }
    }

    [GeneratedRegex(@"\b(fievre\w*|febrile|fievreu\w*|fever\w*|feverish|temperature|hyperthermie|pyrexia|burning up|brulant|brulante|hot to the touch)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FeverWord();

    [GeneratedRegex(@"\b(?<n>\d{2,3}(\.\d+)?)\b(?! ?(ans|an|annees?|mois|semaines?|jours?|heures?|h|minutes?|min|kg|kilos?|g|mg|ml|cm|mm|ml|euros?|%|years?|months?|weeks?|days?|hours?|mins?|lbs?|pounds?|bpm|sa|eme|e)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex NumberNotFollowedByUnit();

    [GeneratedRegex(@"\b(fievre|febrile|temperature|degres?|thermometre|fever|feverish|degrees?|thermometer|c|celsius|f|fahrenheit|monte|montee|running|spiking|spiked|chaud|chaude|warm|hot|burning|brulant|brulante)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FeverContext();

    [GeneratedRegex(@"\b(a|ai|est a|fait|fait du|monte a|jusqu a|at|of|is|hit|reached|up to)\s$", RegexOptions.CultureInvariant)]
    private static partial Regex TemperaturePhrase();

    [GeneratedRegex(@"\b(tension|ta|pression|saturation|sat|sats|pouls|pulse|bp|blood pressure|glycemie|sugar|glucose|poids|weight|pese|weighs|chambre|room|numero|number|bus|rue|street)\s+(\w+\s+){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex BloodPressureOrOther();

    [GeneratedRegex(@"^\s*(degres?\s+)?(f|fahrenheit)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FahrenheitMark();

    [GeneratedRegex(@"(?<n>\d+(\.\d+)?) (?<u>ans?|annees?|mois|semaines?|jours?|years?|months?|weeks?|days?) old\b|\b(bebe|nourrisson|fils|fille|enfant|petit|petite|garcon|neveu|niece|petit fils|petite fille|mere|pere|mari|femme|patient|patiente|baby|son|daughter|child|kid|boy|girl|infant|toddler|mother|father|husband|wife|grandmother|grandfather|grand mere|grand pere) (de |d |of |aged |age de |agee de )(?<n>\d+(\.\d+)?) (?<u>ans?|annees?|mois|semaines?|jours?|years?|months?|weeks?|days?)\b|(?<!\by )\b(il|elle|j|bebe|he|she|i|baby) (a|ai|is|am|s|est age de|est agee de) (?<n>\d+(\.\d+)?) (?<u>ans?|annees?|mois|semaines?|jours?|years?|months?|weeks?|days?)\b(?! (de|d|of|ago)\b)|\baged? (de )?(?<n>\d+(\.\d+)?) (?<u>ans?|mois|semaines?|jours?|years?|months?|weeks?|days?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AgePhrase();

    [GeneratedRegex(@"\b(nouveau ne|nouveaux nes|nouveau nee|newborn|new born|neonat\w*|premature|premie|vient de naitre|just born|ne la semaine derniere|born last week)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Newborn();

    [GeneratedRegex(@"\b(bebe|bebes|nourrisson|nourrissons|baby|babies|infant|infants)\b", RegexOptions.CultureInvariant)]
    private static partial Regex InfantWord();

    [GeneratedRegex(@"\b(enfant|enfants|gamin|gamine|petit garcon|petite fille|fillette|toddler|child|children|kid|kids|little boy|little girl)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ChildWord();

    [GeneratedRegex(@"\b(personne agee|personnes agees|ehpad|maison de retraite|grand mere|grand pere|mamie|papi|papy|elderly|nursing home|care home|grandmother|grandfather|grandma|grandpa|granny|grandad)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ElderlyWord();

    [GeneratedRegex(@"\b(enceinte|grossesse|pregnant|pregnancy|expecting a baby|\d+ (sa|semaines d amenorrhee|semaines de grossesse|weeks pregnant|mois de grossesse)|(i am|i m|she is|she s|je suis a|elle est a|je suis|elle est) \d+ (weeks|semaines|sa)|\d+ weeks gestation)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PregnancyWord();

    [GeneratedRegex(@"\b(tout d un coup|d un coup|d un seul coup|brutal\w*|soudain\w*|subit\w*|sans prevenir|en quelques (secondes|minutes)|coup de tonnerre|sudden\w*|all of a sudden|out of nowhere|abrupt\w*|came on (fast|quickly)|within seconds|in seconds|thunderclap|out of the blue|like a thunderclap|pire \w+ (\w+ ){0,3}de (ma|sa|toute sa|toute ma) vie|worst \w+ (\w+ )?(of|in) (my|his|her) life|worst ever)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SuddenOnset();

    [GeneratedRegex(@"\b(depuis|for|since|ca fait|it s been|been) (plus de |more than |over |about |environ |presque |almost )?(?<n>\d+(\.\d+)?) (?<u>heures?|h|jours?|semaines?|mois|ans?|hours?|days?|weeks?|months?|years?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
