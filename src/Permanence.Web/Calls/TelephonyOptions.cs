using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Permanence.Core.Calls;

namespace Permanence.Web.Calls;

/// <summary>Settings of the call-event API (<c>Telephony</c> section).</summary>
public sealed partial class TelephonyOptions : IValidatableObject
{
    public const string Section = "Telephony";

    /// <summary>
    /// Shared secret of the HMAC-SHA256 signature providers put on every call event. Without it the host still runs
    /// (a practice may have no telephony connector yet) and the call-event API answers 503.
    /// </summary>
    [RegularExpression("^$|^.{16,}$", ErrorMessage = "Telephony:EventSigningSecret must be at least 16 characters (or empty to leave call events off).")]
    public string? EventSigningSecret { get; set; }

    /// <summary>
    /// The secret <see cref="EventSigningSecret"/> replaces, still accepted while the providers move to the new one, so
    /// that a rotation loses no event; empty once they all sign with the new one.
    /// </summary>
    [RegularExpression("^$|^.{16,}$", ErrorMessage = "Telephony:PreviousEventSigningSecret must be at least 16 characters (or empty).")]
    public string? PreviousEventSigningSecret { get; set; }

    /// <summary>Largest accepted event body, in bytes.</summary>
    [Range(1024, 1_048_576)]
    public int MaxEventBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Connectors with secrets of their own, by name (<c>Telephony:Connectors:{name}</c>): a connector names itself in
    /// <see cref="EventSignature.ConnectorHeader"/> and signs with its own secret, so a leaked secret is revoked alone, and it may be
    /// kept to some practices.
    /// </summary>
    public Dictionary<string, TelephonyConnectorOptions> Connectors { get; set; } = [];

    /// <summary>Whether this host can receive call events at all: with the shared secret, or with a connector's.</summary>
    public bool ReceivesEvents => !string.IsNullOrEmpty(EventSigningSecret) || Connectors.Count > 0;

    /// <summary>The connector configured under <paramref name="name"/> (names compare as configuration keys do, ignoring case).</summary>
    public TelephonyConnectorOptions? Connector(string name) =>
        Connectors.FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, connector) in Connectors)
        {
            foreach (var error in connector.Check(name))
            {
                yield return new ValidationResult(error, [nameof(Connectors)]);
            }
        }
        if (string.IsNullOrEmpty(PreviousEventSigningSecret))
        {
            yield break;
        }
        if (string.IsNullOrEmpty(EventSigningSecret))
        {
            yield return new ValidationResult("Telephony:PreviousEventSigningSecret is set without Telephony:EventSigningSecret: set the new secret there.",
                [nameof(PreviousEventSigningSecret)]);
        }
        else if (PreviousEventSigningSecret == EventSigningSecret)
        {
            yield return new ValidationResult("Telephony:PreviousEventSigningSecret is the same as Telephony:EventSigningSecret: leave it empty, or give the secret being replaced.",
                [nameof(PreviousEventSigningSecret)]);
        }
    }
}

/// <summary>One connector's settings (<c>Telephony:Connectors:{name}</c>).</summary>
public sealed partial class TelephonyConnectorOptions
{
    /// <summary>The connector's own HMAC secret.</summary>
    public string? EventSigningSecret { get; set; }

    /// <summary>During a rotation of this connector's secret, the one being replaced.</summary>
    public string? PreviousEventSigningSecret { get; set; }

    /// <summary>The practices whose numbers the connector may post events for; empty for every practice.</summary>
    public List<Guid> Practices { get; set; } = [];

    /// <summary>Whether the connector may post an event for a number of <paramref name="practice"/>.</summary>
    public bool Serves(Guid practice) => Practices.Count == 0 || Practices.Contains(practice);

    internal IEnumerable<string> Check(string name)
    {
        var key = $"Telephony:Connectors:{name}";
        if (!NamePattern().IsMatch(name))
        {
            yield return $"{key}: a connector's name is 1 to 64 letters, digits, '-' or '_' (it is sent in the {EventSignature.ConnectorHeader} header).";
        }
        if (string.IsNullOrEmpty(EventSigningSecret) || EventSigningSecret.Length < 16)
        {
            yield return $"{key}:EventSigningSecret is required, at least 16 characters.";
        }
        if (!string.IsNullOrEmpty(PreviousEventSigningSecret) && (PreviousEventSigningSecret.Length < 16 || PreviousEventSigningSecret == EventSigningSecret))
        {
            yield return $"{key}:PreviousEventSigningSecret must be at least 16 characters and differ from EventSigningSecret (or be empty).";
        }
        if (Practices.Contains(Guid.Empty))
        {
            yield return $"{key}:Practices holds an empty id; list practice ids, or none for every practice.";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();
}
