namespace Permanence.Core.Triage.Text;

/// <summary>One word or punctuation mark of the normalised text, with where it came from in the original.</summary>
/// <param name="Value">Lower-case, accent-free form.</param>
/// <param name="Start">Offset of the token in the normalised text.</param>
/// <param name="OriginalStart">Offset of the source characters in the original text.</param>
/// <param name="OriginalEnd">End (exclusive) of the source characters in the original text.</param>
public readonly record struct Token(string Value, int Start, int OriginalStart, int OriginalEnd)
{
    public int End => Start + Value.Length;

    public bool IsPunctuation => Value.Length == 1 && !char.IsLetterOrDigit(Value[0]);
}

/// <summary>
/// The caller's words in canonical form (lower case, no accents, elisions split, SMS spellings and number words
/// rewritten) joined by single spaces, with a map back to the original text so matches can be shown where they were said.
/// </summary>
public sealed class NormalisedText
{
    private readonly int[] _tokenAt;

    internal NormalisedText(string original, IReadOnlyList<Token> tokens, string text)
    {
        Original = original;
        Tokens = tokens;
        Text = text;
        _tokenAt = new int[text.Length + 1];
        var next = 0;
        for (var t = 0; t < tokens.Count; t++)
        {
            for (; next < tokens[t].End && next < _tokenAt.Length; next++)
            {
                _tokenAt[next] = t;
            }
        }
        for (; next < _tokenAt.Length; next++)
        {
            _tokenAt[next] = Math.Max(0, tokens.Count - 1);
        }
    }

    public string Original { get; }

    public string Text { get; }

    public IReadOnlyList<Token> Tokens { get; }

    /// <summary>Index of the token covering normalised offset <paramref name="position"/> (the next token on a space).</summary>
    public int TokenAt(int position) => _tokenAt[Math.Clamp(position, 0, _tokenAt.Length - 1)];

    /// <summary>Maps a normalised span [start, end) to whole words of the original text.</summary>
    public (int Start, int Length) ToOriginal(int start, int end)
    {
        if (Tokens.Count == 0)
        {
            return (0, 0);
        }
        var first = Tokens[TokenAt(start)];
        var last = Tokens[TokenAt(Math.Max(start, end - 1))];
        var originalEnd = Math.Max(first.OriginalEnd, last.OriginalEnd);
        return (first.OriginalStart, originalEnd - first.OriginalStart);
    }
}
