namespace Permanence.Core.Common;

/// <summary>
/// Répertoire partagé des professionnels de santé number: the 11-digit national identifier of a French
/// health professional. Only the format is checked; the registry itself is not consulted.
/// </summary>
public sealed record Rpps
{
    private Rpps(string value) => Value = value;

    public string Value { get; }

    public static Rpps? TryParse(string? text)
    {
        var compact = text?.Replace(" ", "", StringComparison.Ordinal);
        return compact is { Length: 11 } && compact.All(char.IsAsciiDigit) ? new Rpps(compact) : null;
    }

    public override string ToString() => Value;
}
