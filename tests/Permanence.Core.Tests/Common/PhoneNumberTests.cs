using Permanence.Core.Common;

namespace Permanence.Core.Tests.Common;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("01 42 86 82 00", "FR", "+33142868200")]
    [InlineData("+33 1 42 86 82 00", "FR", "+33142868200")]
    [InlineData("06.12.34.56.78", "FR", "+33612345678")]
    [InlineData("0596 61 23 45", "MQ", "+596596612345")]
    public void Typed_numbers_are_normalised_to_E164(string typed, string region, string e164) =>
        PhoneNumber.TryParse(typed, region)!.E164.ShouldBe(e164);

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("not a number")]
    [InlineData("01 42 86 82 00 00 00")]
    public void Invalid_numbers_are_rejected(string typed) => PhoneNumber.TryParse(typed).ShouldBeNull();

    [Theory]
    [InlineData("+33612345678", true)]
    [InlineData("+33757000001", true)]
    [InlineData("+596696123456", true)]
    [InlineData("+33142868200", false)]
    [InlineData("+33970000001", false)]
    [InlineData("+596596612345", false)]
    public void Mobile_numbers_are_told_from_landlines(string e164, bool mobile) => PhoneNumber.FromE164(e164).IsMobile.ShouldBe(mobile);
}
