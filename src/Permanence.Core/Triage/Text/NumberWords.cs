using System.Globalization;

namespace Permanence.Core.Triage.Text;

/// <summary>
/// Rewrites numbers said in words as digits, in French and English: "trente neuf" → 39, "quatre vingt dix" → 90,
/// "a hundred and three" → 103, "trente neuf virgule cinq" / "39 et demi" → 39.5.
/// "un", "une" and "one" become 1 only before a unit of age or time ("une semaine", "one year"), since elsewhere they are articles.
/// </summary>
internal static class NumberWords
{
    private static readonly Dictionary<string, int> Values = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["deux"] = 2, ["trois"] = 3, ["quatre"] = 4, ["cinq"] = 5, ["six"] = 6, ["sept"] = 7,
        ["huit"] = 8, ["neuf"] = 9, ["dix"] = 10, ["onze"] = 11, ["douze"] = 12, ["treize"] = 13, ["quatorze"] = 14,
        ["quinze"] = 15, ["seize"] = 16, ["vingt"] = 20, ["vingts"] = 20, ["trente"] = 30, ["quarante"] = 40,
        ["cinquante"] = 50, ["soixante"] = 60, ["septante"] = 70, ["huitante"] = 80, ["nonante"] = 90,
        ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fourty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly HashSet<string> Units = new(StringComparer.Ordinal)
    {
        "an", "ans", "annee", "annees", "mois", "semaine", "semaines", "jour", "jours", "heure", "heures", "minute",
        "minutes", "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
    };

    private static readonly HashSet<string> Ones = new(StringComparer.Ordinal) { "un", "une", "one" };

    private static readonly HashSet<string> Hundreds = new(StringComparer.Ordinal) { "cent", "cents", "hundred" };

    private static readonly HashSet<string> DecimalPoints = new(StringComparer.Ordinal) { "virgule", "point" };

    public static List<TextNormaliser.RawToken> Rewrite(List<TextNormaliser.RawToken> tokens)
    {
        var output = new List<TextNormaliser.RawToken>(tokens.Count);
        var i = 0;
        while (i < tokens.Count)
        {
            if (TryRead(tokens, i, out var value, out var consumed))
            {
                var first = tokens[i];
                var last = tokens[i + consumed - 1];
                output.Add(new TextNormaliser.RawToken(
                    value.ToString(CultureInfo.InvariantCulture), first.OriginalStart, last.OriginalEnd));
                i += consumed;
                continue;
            }
            output.Add(tokens[i]);
            i++;
        }
        return output;
    }

    private static bool TryRead(List<TextNormaliser.RawToken> tokens, int start, out decimal value, out int consumed)
    {
        value = 0;
        consumed = 0;
        var i = start;
        var words = 0;
        decimal whole;

        if (IsDigits(tokens[i].Value))
        {
            whole = decimal.Parse(tokens[i].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            i++;
        }
        else
        {
            var current = 0;
            while (i < tokens.Count)
            {
                var word = tokens[i].Value;
                if (Values.TryGetValue(word, out var v))
                {
                    if (word is "vingt" or "vingts" && current % 100 == 4)
                    {
                        current += 76;
                    }
                    else if (words == 0 || current % 10 == 0)
                    {
                        current += v;
                    }
                    else
                    {
                        // "trente-neuf cinq": a second unit ends the number (and may be its decimal).
                        break;
                    }
                }
                else if (Hundreds.Contains(word))
                {
                    current = (current == 0 ? 1 : current) * 100;
                }
                else if (word is "a" && i + 1 < tokens.Count && Hundreds.Contains(tokens[i + 1].Value) && words == 0)
                {
                    current = 1;
                }
                else if (Ones.Contains(word) && ((words > 0 && current % 10 == 0) || NextIsUnit(tokens, i)
                    || (i + 1 < tokens.Count && Hundreds.Contains(tokens[i + 1].Value))))
                {
                    current += 1;
                }
                else if (word is "et" or "and" && words > 0 && i + 1 < tokens.Count && IsNumberWord(tokens[i + 1].Value))
                {
                    i++;
                    continue;
                }
                else
                {
                    break;
                }
                words++;
                i++;
            }
            if (words == 0)
            {
                return false;
            }
            whole = current;
        }

        var fraction = ReadFraction(tokens, ref i) ?? SpokenTemperatureDecimal(tokens, whole, ref i);
        consumed = i - start;
        if (words == 0 && fraction is null)
        {
            return false;
        }
        value = whole + (fraction ?? 0m);
        return true;
    }

    private static decimal? ReadFraction(List<TextNormaliser.RawToken> tokens, ref int i)
    {
        if (i + 1 < tokens.Count && DecimalPoints.Contains(tokens[i].Value))
        {
            var next = tokens[i + 1].Value;
            var digits = IsDigits(next) && !next.Contains('.', StringComparison.Ordinal)
                ? next
                : Values.TryGetValue(next, out var v) && v < 10 ? v.ToString(CultureInfo.InvariantCulture) : null;
            if (digits is not null)
            {
                i += 2;
                return decimal.Parse("0." + digits, CultureInfo.InvariantCulture);
            }
        }
        if (i + 1 < tokens.Count && tokens[i].Value == "et" && tokens[i + 1].Value == "demi")
        {
            i += 2;
            return 0.5m;
        }
        if (i + 2 < tokens.Count && tokens[i].Value == "and" && tokens[i + 1].Value == "a" && tokens[i + 2].Value == "half")
        {
            i += 3;
            return 0.5m;
        }
        return null;
    }

    /// <summary>"trente-huit cinq", "39 5": a body temperature followed by a lone digit is said with its decimal.</summary>
    private static decimal? SpokenTemperatureDecimal(List<TextNormaliser.RawToken> tokens, decimal whole, ref int i)
    {
        if (whole is < 34m or > 42m || decimal.Truncate(whole) != whole || i >= tokens.Count)
        {
            return null;
        }
        var next = tokens[i].Value;
        var digit = Values.TryGetValue(next, out var v) && v < 10 ? v : next.Length == 1 && char.IsAsciiDigit(next[0]) ? next[0] - '0' : -1;
        if (digit < 0 || NextIsUnit(tokens, i))
        {
            return null;
        }
        i++;
        return digit / 10m;
    }

    private static bool NextIsUnit(List<TextNormaliser.RawToken> tokens, int i) =>
        i + 1 < tokens.Count && Units.Contains(tokens[i + 1].Value);

    private static bool IsNumberWord(string word) => Values.ContainsKey(word) || Ones.Contains(word) || Hundreds.Contains(word);

    private static bool IsDigits(string value) =>
        value.Length > 0 && char.IsAsciiDigit(value[0]) && value.All(c => char.IsAsciiDigit(c) || c == '.');
}
