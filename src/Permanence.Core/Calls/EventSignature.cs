using System.Security.Cryptography;
using System.Text;

namespace Permanence.Core.Calls;

/// <summary>
/// The <c>X-Permanence-Signature: sha256=&lt;hex&gt;</c> header: HMAC-SHA256 of the raw request body with the shared
/// secret, compared in constant time.
/// </summary>
public static class EventSignature
{
    public const string Header = "X-Permanence-Signature";

    /// <summary>The header naming the connector whose own secret signed the event (<c>Telephony:Connectors</c>).</summary>
    public const string ConnectorHeader = "X-Permanence-Connector";
    private const string Prefix = "sha256=";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(ReadOnlySpan<byte> body, string? header, string secret)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header.AsSpan(Prefix.Length).Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(claimed, expected);
    }
}
