using System.ComponentModel.DataAnnotations;

namespace Permanence.Web.Http;

/// <summary>Where this deployment is reached from outside (<c>Hosting</c> section).</summary>
public sealed class PublicAddressOptions : IValidatableObject
{
    public const string Section = "Hosting";

    /// <summary>
    /// The address patients and telephony providers reach this deployment at, as the proxy in front publishes it:
    /// scheme, host and any path prefix (https://permanence.example.fr). Links e-mailed to patients are built on it and
    /// the TwiML signature is checked against it. A request's own Host header is never used for a link: behind a proxy
    /// it is an inner host, and a client chooses it. Empty: no survey link is e-mailed, and the TwiML signature is
    /// checked against the URL the request arrived at.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary><see cref="PublicBaseUrl"/> without a trailing slash, or null when it is not set.</summary>
    public string? BaseUrl => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : PublicBaseUrl.Trim().TrimEnd('/');

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var valid = BaseUrl is null || (Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Query.Length == 0 && uri.Fragment.Length == 0);
        if (!valid)
        {
            yield return new ValidationResult("Hosting:PublicBaseUrl must be an absolute http(s) URL without query or fragment, e.g. https://permanence.example.fr.",
                [nameof(PublicBaseUrl)]);
        }
    }
}
