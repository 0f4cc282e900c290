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
    /// Scheme and host the provider calls (https://permanence.example.fr) when a proxy in front changes them; the
    /// signature covers the URL as the provider saw it. Empty: the request's own scheme and host.
    /// </summary>
    [Url(ErrorMessage = "Telephony:Twilio:PublicBaseUrl must be an absolute http(s) URL.")]
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
