using System.Globalization;
using System.Text;

namespace Permanence.Core.Triage.Text;

/// <summary>
/// Turns typed or transcribed speech into the canonical form the rules are written against:
/// lower case without accents, elisions and contractions split ("l'enfant" → "l enfant", "can't" → "can not"),
/// SMS spellings expanded ("jai" → "j ai", "rdv" → "rendez vous"), decimal commas and "39°5" read as decimals,
/// and number words written as digits ("trente-neuf" → "39", "a hundred and three" → "103").
/// Thread-safe and allocation-light; never throws on any input.
/// </summary>
public static class TextNormaliser
{
    public static NormalisedText Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = Tokenise(text);
        var expanded = new List<RawToken>(raw.Count + 4);
        foreach (var token in raw)
        {
            Expand(token, expanded);
        }
        var withNumbers = NumberWords.Rewrite(expanded);
        return Assemble(text, withNumbers);
    }

    private static List<RawToken> Tokenise(string text)
    {
        var tokens = new List<RawToken>(text.Length / 4 + 1);
        var buffer = new StringBuilder(16);
        var start = -1;

        void Flush(int end)
        {
            if (buffer.Length > 0)
            {
                tokens.Add(new RawToken(buffer.ToString(), start, end));
                buffer.Clear();
            }
            start = -1;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var previousIsDigit = buffer.Length > 0 && char.IsAsciiDigit(buffer[^1]);
            var nextIsDigit = i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);

            if (char.IsAsciiDigit(c))
            {
                if (buffer.Length > 0 && !previousIsDigit && buffer[^1] != '.')
                {
                    Flush(i);
                }
                if (start < 0)
                {
                    start = i;
                }
                buffer.Append(c);
                continue;
            }
            if ((c is ',' or '.' or '°') && previousIsDigit && nextIsDigit)
            {
                buffer.Append('.');
                continue;
            }
            if (c == '°')
            {
                Flush(i);
                tokens.Add(new RawToken("degres", i, i + 1));
                continue;
            }
            if (IsApostrophe(c))
            {
                if (buffer.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                {
                    buffer.Append('\'');
                }
                else
                {
                    Flush(i);
                }
                continue;
            }
            if (char.IsLetter(c))
            {
                if (previousIsDigit)
                {
                    Flush(i);
                }
                if (start < 0)
                {
                    start = i;
                }
                AppendFolded(buffer, c);
                continue;
            }
            Flush(i);
            if (c is '.' or ',' or ';' or ':' or '!' or '?' or '…')
            {
                tokens.Add(new RawToken(c == '…' ? "." : c.ToString(), i, i + 1));
            }
        }
        Flush(text.Length);
        return tokens;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '’' or '‘' or '`' or '´' or 'ʼ';

    private static void AppendFolded(StringBuilder buffer, char c)
    {
        var lower = char.ToLowerInvariant(c);
        if (lower < 128)
        {
            buffer.Append(lower);
            return;
        }
        switch (lower)
        {
            case 'œ':
                buffer.Append("oe");
                return;
            case 'æ':
                buffer.Append("ae");
                return;
            case 'ß':
                buffer.Append("ss");
                return;
        }
        var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                buffer.Append(d);
            }
        }
    }

    private static void Expand(RawToken token, List<RawToken> output)
    {
        var value = token.Value;
        if (value.Contains('\'', StringComparison.Ordinal))
        {
            ExpandApostrophe(token, output);
            return;
        }
        if (Spellings.TryGetValue(value, out var replacement))
        {
            foreach (var word in replacement.Split(' '))
            {
                output.Add(token with { Value = word });
            }
            return;
        }
        output.Add(token);
    }

    private static void ExpandApostrophe(RawToken token, List<RawToken> output)
    {
        var value = token.Value;
        if (value.EndsWith("n't", StringComparison.Ordinal))
        {
            var head = value[..^3];
            head = head switch
            {
                "ca" => "can",
                "wo" => "will",
                "sha" => "shall",
                "ai" => "is",
                _ => head,
            };
            output.Add(token with { Value = head });
            output.Add(token with { Value = "not" });
            return;
        }
        var parts = value.Split('\'', StringSplitOptions.RemoveEmptyEntries);
        for (var p = 0; p < parts.Length; p++)
        {
            var part = parts[p];
            if (p > 0 && EnglishClitics.TryGetValue(part, out var full))
            {
                part = full;
            }
            output.Add(token with { Value = part });
        }
    }

    private static NormalisedText Assemble(string original, List<RawToken> raw)
    {
        var builder = new StringBuilder(original.Length + 8);
        var tokens = new List<Token>(raw.Count);
        foreach (var r in raw)
        {
            if (r.Value.Length == 0)
            {
                continue;
            }
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }
            tokens.Add(new Token(r.Value, builder.Length, r.OriginalStart, r.OriginalEnd));
            builder.Append(r.Value);
        }
        return new NormalisedText(original, tokens, builder.ToString());
    }

    private static readonly Dictionary<string, string> EnglishClitics = new(StringComparer.Ordinal)
    {
        ["m"] = "am",
        ["re"] = "are",
        ["ve"] = "have",
        ["ll"] = "will",
    };

    /// <summary>SMS spellings and frequent misspellings, as secretaries type them and speech recognisers render them.</summary>
    private static readonly Dictionary<string, string> Spellings = new(StringComparer.Ordinal)
    {
        ["jai"] = "j ai",
        ["jsuis"] = "je suis",
        ["chui"] = "je suis",
        ["chuis"] = "je suis",
        ["jarrive"] = "j arrive",
        ["jappelle"] = "j appelle",
        ["japelle"] = "j appelle",
        ["appele"] = "appelle",
        ["jsp"] = "je sais pas",
        ["chais"] = "je sais",
        ["pb"] = "probleme",
        ["pbm"] = "probleme",
        ["pblm"] = "probleme",
        ["bcp"] = "beaucoup",
        ["bcq"] = "beaucoup",
        ["tjs"] = "toujours",
        ["tjrs"] = "toujours",
        ["rdv"] = "rendez vous",
        ["rdz"] = "rendez vous",
        ["rendezvous"] = "rendez vous",
        ["rv"] = "rendez vous",
        ["ke"] = "que",
        ["koi"] = "quoi",
        ["ki"] = "qui",
        ["kan"] = "quand",
        ["qd"] = "quand",
        ["qnd"] = "quand",
        ["pk"] = "pourquoi",
        ["pq"] = "pourquoi",
        ["ptit"] = "petit",
        ["ptite"] = "petite",
        ["bb"] = "bebe",
        ["ds"] = "dans",
        ["pr"] = "pour",
        ["ya"] = "il y a",
        ["mtn"] = "maintenant",
        ["mnt"] = "maintenant",
        ["auj"] = "aujourd hui",
        ["ajd"] = "aujourd hui",
        ["aujourdhui"] = "aujourd hui",
        ["tt"] = "tout",
        ["dla"] = "de la",
        ["ordo"] = "ordonnance",
        ["ordonance"] = "ordonnance",
        ["fiev"] = "fievre",
        ["fievr"] = "fievre",
        ["temp"] = "temperature",
        ["svp"] = "s il vous plait",
        ["stp"] = "s il te plait",
        ["u"] = "you",
        ["ur"] = "your",
        ["r"] = "are",
        ["pls"] = "please",
        ["plz"] = "please",
        ["appt"] = "appointment",
        ["appts"] = "appointments",
        ["tmrw"] = "tomorrow",
        ["tmr"] = "tomorrow",
        ["cant"] = "can not",
        ["cannot"] = "can not",
        ["dont"] = "do not",
        ["doesnt"] = "does not",
        ["didnt"] = "did not",
        ["isnt"] = "is not",
        ["wasnt"] = "was not",
        ["wont"] = "will not",
        ["hasnt"] = "has not",
        ["havent"] = "have not",
        ["couldnt"] = "could not",
        ["im"] = "i am",
        ["ive"] = "i have",
        ["hes"] = "he is",
        ["shes"] = "she is",
        ["wanna"] = "want to",
        ["gonna"] = "going to",
        ["cuz"] = "because",
        ["coz"] = "because",
        ["bc"] = "because",
        ["rx"] = "prescription",
        ["thx"] = "thanks",
    };

    internal readonly record struct RawToken(string Value, int OriginalStart, int OriginalEnd);
}
