using System.Text;
using Permanence.Core.Calls;

namespace Permanence.Core.Tests.Calls;

public sealed class EventSignatureTests
{
    private const string Secret = "a-shared-secret-of-the-connector";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"eventId\":\"e1\"}");

    [Fact]
    public void A_signature_made_with_the_secret_is_valid_in_any_hex_case()
    {
        var header = EventSignature.Sign(Body, Secret);
        header.ShouldStartWith("sha256=");
        EventSignature.IsValid(Body, header, Secret).ShouldBeTrue();
        EventSignature.IsValid(Body, "sha256=" + header["sha256=".Length..].ToUpperInvariant(), Secret).ShouldBeTrue();
    }

    [Fact]
    public void A_changed_body_or_another_secret_invalidates_the_signature()
    {
        var header = EventSignature.Sign(Body, Secret);
        EventSignature.IsValid(Encoding.UTF8.GetBytes("{\"eventId\":\"e2\"}"), header, Secret).ShouldBeFalse();
        EventSignature.IsValid(Body, header, "another-secret-entirely").ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=zz")]
    [InlineData("sha1=abcd")]
    public void Missing_or_malformed_headers_are_invalid(string? header) =>
        EventSignature.IsValid(Body, header, Secret).ShouldBeFalse();
}
