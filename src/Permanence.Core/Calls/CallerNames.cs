using System.Globalization;
using System.Text;

namespace Permanence.Core.Calls;

/// <summary>
/// Compares names as a secretary hears them: case, accents, hyphens and extra spaces do not matter, nor apostrophes and
/// other punctuation inside a name (N'Diaye = Ndiaye).
/// </summary>
public static class CallerNames
{
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Trim().Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
            else if ((char.IsWhiteSpace(c) || category == UnicodeCategory.DashPunctuation) && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }
        return builder.ToString().TrimEnd();
    }
}
