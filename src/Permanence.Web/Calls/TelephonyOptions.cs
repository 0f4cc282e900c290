using System.ComponentModel.DataAnnotations;

namespace Permanence.Web.Calls;

/// <summary>Settings of the call-event API (<c>Telephony</c> section).</summary>
public sealed class TelephonyOptions : IValidatableObject
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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
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
