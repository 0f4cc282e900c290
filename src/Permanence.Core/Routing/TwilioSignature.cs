using System.Security.Cryptography;
using System.Text;

namespace Permanence.Core.Routing;

/// <summary>
/// The <c>X-Twilio-Signature</c> header of TwiML webhooks: base64 of HMAC-SHA1 keyed with the account's auth token,
/// over the full URL the provider called followed by every POST parameter sorted by name (ordinal), each name
/// immediately followed by its value. Compared in constant time.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            text.Append(name).Append(value);
        }
        // The provider defines the signature as HMAC-SHA1; it authenticates the request, it is not ours to choose.
#pragma warning disable CA5350
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(text.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }

    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters, string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(Compute(authToken, url, parameters));
        var claimed = Encoding.ASCII.GetBytes(header.Trim());
        return CryptographicOperations.FixedTimeEquals(claimed, expected);
    }
}
