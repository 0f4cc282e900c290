using Permanence.Core.Routing;

namespace Permanence.Core.Tests.Routing;

public sealed class TwilioSignatureTests
{
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    // The request-validation example of Twilio's documentation and helper libraries (twilio-python's validation tests):
    // Caller is +14158675309, the same number as From, and the signature is RSOYDt4T1cUTdK1PDd93/VVr8B8=.
    private static readonly KeyValuePair<string, string>[] Parameters =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+14158675309"),
        new("Digits", "1234"),
        new("From", "+14158675309"),
        new("To", "+18005551212"),
    ];

    [Fact]
    public void The_published_example_gives_the_published_signature() =>
        TwilioSignature.Compute("12345", Url, Parameters).ShouldBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");

    [Fact]
    public void Parameter_order_does_not_matter() =>
        TwilioSignature.Compute("12345", Url, Parameters.Reverse()).ShouldBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");

    [Theory]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8=", true)]
    [InlineData("RSOYDt4T1cUTdK1PDd93/VVr8B8A", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_the_exact_signature_is_valid(string? header, bool valid) =>
        TwilioSignature.IsValid("12345", Url, Parameters, header).ShouldBe(valid);

    [Fact]
    public void Another_url_or_token_invalidates_the_signature()
    {
        TwilioSignature.IsValid("12345", "http://mycompany.com/myapp.php?foo=1&bar=2", Parameters, "RSOYDt4T1cUTdK1PDd93/VVr8B8=").ShouldBeFalse();
        TwilioSignature.IsValid("54321", Url, Parameters, "RSOYDt4T1cUTdK1PDd93/VVr8B8=").ShouldBeFalse();
    }
}
