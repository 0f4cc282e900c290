using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Permanence.Web.Messaging;

/// <summary>
/// The Twilio account that sends SMS (<c>Notifications:Sms:Twilio</c> section). Without an account SID no SMS leaves
/// the host: <see cref="LoggingDevelopmentSmsSender"/> writes them to the log and items record <c>sms-skipped</c>.
/// </summary>
public sealed partial class TwilioSmsOptions : IValidatableObject
{
    public const string Section = "Notifications:Sms:Twilio";

    /// <summary>The account's SID (<c>AC</c> and 32 hexadecimal digits). Empty leaves SMS off.</summary>
    public string? AccountSid { get; set; }

    /// <summary>The account's auth token, the password of the API's basic authentication.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The sender: a Twilio number in E.164 form, or an alphanumeric sender id (up to 11 letters, digits or spaces).</summary>
    public string? From { get; set; }

    /// <summary>A messaging service (<c>MG</c> and 32 hexadecimal digits) that picks the sender, instead of <see cref="From"/>.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Where Twilio's REST API is; https, or http on the loopback interface only (a local gateway or test server).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>How long one send may take before it is recorded as failed.</summary>
    [Range(1, 120, ErrorMessage = "Notifications:Sms:Twilio:TimeoutSeconds must be between 1 and 120.")]
    public int TimeoutSeconds { get; set; } = 15;

    public bool Enabled => !string.IsNullOrWhiteSpace(AccountSid);

    public Uri ApiBase => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            if (!string.IsNullOrWhiteSpace(AuthToken) || !string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(MessagingServiceSid))
            {
                yield return Error("Notifications:Sms:Twilio is set without AccountSid: set the account's SID too, or remove the section to leave SMS off.", nameof(AccountSid));
            }
            yield break;
        }
        if (!SidPattern().IsMatch(AccountSid!) || !AccountSid!.StartsWith("AC", StringComparison.Ordinal))
        {
            yield return Error("Notifications:Sms:Twilio:AccountSid must be \"AC\" followed by 32 hexadecimal digits.", nameof(AccountSid));
        }
        if (string.IsNullOrWhiteSpace(AuthToken))
        {
            yield return Error("Notifications:Sms:Twilio:AuthToken is required with an AccountSid.", nameof(AuthToken));
        }
        var hasFrom = !string.IsNullOrWhiteSpace(From);
        var hasService = !string.IsNullOrWhiteSpace(MessagingServiceSid);
        if (hasFrom == hasService)
        {
            yield return Error("Notifications:Sms:Twilio needs exactly one sender: From (a number or sender id) or MessagingServiceSid.", nameof(From));
        }
        else if (hasFrom && !NumberPattern().IsMatch(From!) && !SenderIdPattern().IsMatch(From!))
        {
            yield return Error("Notifications:Sms:Twilio:From must be a number in E.164 form (+33…) or a sender id of up to 11 letters, digits or spaces, with a letter.", nameof(From));
        }
        else if (hasService && (!SidPattern().IsMatch(MessagingServiceSid!) || !MessagingServiceSid!.StartsWith("MG", StringComparison.Ordinal)))
        {
            yield return Error("Notifications:Sms:Twilio:MessagingServiceSid must be \"MG\" followed by 32 hexadecimal digits.", nameof(MessagingServiceSid));
        }
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api)
            || !(api.Scheme == Uri.UriSchemeHttps || (api.Scheme == Uri.UriSchemeHttp && api.IsLoopback))
            || !string.IsNullOrEmpty(api.Query))
        {
            yield return Error("Notifications:Sms:Twilio:ApiBaseUrl must be an https address (http only on the loopback interface), without a query.", nameof(ApiBaseUrl));
        }
    }

    private static ValidationResult Error(string message, string member) => new(message, [member]);

    [GeneratedRegex("^[A-Z]{2}[0-9a-fA-F]{32}$")]
    private static partial Regex SidPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")]
    private static partial Regex SenderIdPattern();
}
