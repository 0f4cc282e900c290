using System.ComponentModel.DataAnnotations;

namespace Permanence.Web.Calls;

/// <summary>Settings of the call-event API (<c>Telephony</c> section).</summary>
public sealed class TelephonyOptions
{
    public const string Section = "Telephony";

    /// <summary>
    /// Shared secret of the HMAC-SHA256 signature providers put on every call event. Without it the host still runs
    /// (a practice may have no telephony connector yet) and the call-event API answers 503.
    /// </summary>
    [RegularExpression("^$|^.{16,}$", ErrorMessage = "Telephony:EventSigningSecret must be at least 16 characters (or empty to leave call events off).")]
    public string? EventSigningSecret { get; set; }

    /// <summary>Largest accepted event body, in bytes.</summary>
    [Range(1024, 1_048_576)]
    public int MaxEventBytes { get; set; } = 16 * 1024;
}
