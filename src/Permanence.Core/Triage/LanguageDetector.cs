using Permanence.Core.Triage.Text;

namespace Permanence.Core.Triage;

/// <summary>Tells French from English by counting frequent function words; ties go to French, the secretariat's language.</summary>
public static class LanguageDetector
{
    public const string French = "fr";
    public const string English = "en";

    private static readonly HashSet<string> FrenchWords = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "il", "elle", "je", "j", "mon", "ma", "mes",
        "pas", "pour", "avec", "que", "qui", "depuis", "ai", "a", "au", "aux", "sur", "dans", "ne", "n", "vous", "bonjour",
        "suis", "fait", "mal", "tres", "rendez", "fils", "fille", "mere", "pere", "mari", "femme", "ce", "cette",
        "son", "sa", "ses", "y", "c", "l", "d", "qu", "s", "voudrais", "peut", "plus", "bebe", "oui", "non", "merci",
    };

    private static readonly HashSet<string> EnglishWords = new(StringComparer.Ordinal)
    {
        "the", "and", "is", "he", "she", "i", "my", "not", "to", "for", "with", "of", "have", "has", "since", "it",
        "this", "you", "your", "am", "are", "was", "his", "her", "in", "on", "can", "been", "hi", "hello", "would",
        "like", "pain", "appointment", "please", "son", "daughter", "wife", "husband", "baby", "what", "if", "do",
        "does", "did", "got", "at", "be", "that", "an", "yes", "no", "thanks", "thank", "hurts", "really", "very",
    };

    public static string Detect(NormalisedText text)
    {
        var french = 0;
        var english = 0;
        foreach (var token in text.Tokens)
        {
            if (FrenchWords.Contains(token.Value))
            {
                french++;
            }
            if (EnglishWords.Contains(token.Value))
            {
                english++;
            }
        }
        return english > french ? English : French;
    }

    /// <summary>"fr" or "en" from a caller-supplied code ("FR", "en-GB"), or null when it is neither.</summary>
    public static string? Parse(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        var trimmed = code.Trim();
        if (trimmed.StartsWith(French, StringComparison.OrdinalIgnoreCase))
        {
            return French;
        }
        return trimmed.StartsWith(English, StringComparison.OrdinalIgnoreCase) ? English : null;
    }
}
