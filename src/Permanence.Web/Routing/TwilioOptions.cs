using System.ComponentModel.DataAnnotations;

namespace Permanence.Web.Routing;

/// <summary>
/// Settings of the TwiML-compatible webhooks (<c>Telephony:Twilio</c> section). Without an auth token the host still
/// starts; the webhooks then answer 503 and route nothing.
/// </summary>
public sealed class TwilioOptions
{
    public const string Section = "Telephony:Twilio";

    /// <summary>The account's auth token, key of the <c>X-Twilio-Signature</c> HMAC. Empty disables the webhooks.</summary>
    public string AuthToken { get; set; } = "";

    /// <summary>
    /// Replaced by <c>Hosting:PublicBaseUrl</c>, which the links e-mailed to patients share. Set here, it stops the host
    /// at start: a deployment still configured this way would otherwise check signatures against another URL.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Longest voicemail a caller may leave, in seconds.</summary>
    [Range(10, 600, ErrorMessage = "Telephony:Twilio:VoicemailMaxSeconds must be between 10 and 600.")]
    public int VoicemailMaxSeconds { get; set; } = 120;

    /// <summary>Text-to-speech voice for French-speaking practices.</summary>
    [Required(ErrorMessage = "Telephony:Twilio:FrenchVoice is required.")]
    public string FrenchVoice { get; set; } = "Polly.Lea";

    /// <summary>Text-to-speech voice for other practices.</summary>
    [Required(ErrorMessage = "Telephony:Twilio:EnglishVoice is required.")]
    public string EnglishVoice { get; set; } = "Polly.Joanna";

    public bool Enabled => !string.IsNullOrWhiteSpace(AuthToken);
}
