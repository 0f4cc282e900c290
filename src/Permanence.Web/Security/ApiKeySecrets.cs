using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Permanence.Web.Security;

/// <summary>Creates API key secrets and the hashes stored in their place.</summary>
public static class ApiKeySecrets
{
    public const string SecretPrefix = "pmk_";
    public const int DisplayPrefixLength = 12;

    /// <summary>A new secret: the prefix and 32 random bytes in base64url (256 bits of entropy).</summary>
    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Lower-case hex SHA-256. Secrets are long random strings, so a fast hash suffices (no dictionary to attack).</summary>
    public static string Hash(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLower(CultureInfo.InvariantCulture);

    public static string DisplayPrefix(string secret) => secret.Length <= DisplayPrefixLength ? secret : secret[..DisplayPrefixLength];
}
