using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Permanence.Core.Calls.Simulation;

/// <summary>
/// The <c>X-Permanence-Signature</c> header of the call-event API: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of
/// the raw request body, keyed with the connector's secret.
/// </summary>
public static class CallEventSignature
{
    public const string Header = "X-Permanence-Signature";
    public const string Prefix = "sha256=";

    public static string Compute(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)).ToLower(CultureInfo.InvariantCulture);

    public static string Compute(string body, string secret) => Compute(Encoding.UTF8.GetBytes(body), secret);
}
