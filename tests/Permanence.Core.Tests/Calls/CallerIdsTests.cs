using Permanence.Core.Calls;
using Permanence.Core.Common;

namespace Permanence.Core.Tests.Calls;

public sealed class CallerIdsTests
{
    [Theory]
    [InlineData("+266696687")]
    [InlineData("+7378742833")]
    [InlineData("+2562533")]
    [InlineData("+8656696")]
    [InlineData(" +86282452253 ")]
    public void A_providers_stand_in_for_a_withheld_number_is_no_number(string from)
    {
        CallerIds.IsStandIn(from).ShouldBeTrue();
        CallerIds.Number(from).ShouldBeNull();
    }

    [Theory]
    [InlineData("+33612345678", "+33612345678")]
    [InlineData("06 12 34 56 78", "+33612345678")]
    [InlineData("anonymous", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_caller_id_gives_its_number_when_it_is_one(string? from, string? number)
    {
        CallerIds.Number(from).ShouldBe(number);
        CallerIds.IsStandIn(from).ShouldBeFalse();
    }

    [Theory]
    [InlineData("+266696687", true)]
    [InlineData("anonymous", true)]
    [InlineData("Restricted", true)]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData("+33612345678", false)]
    [InlineData("1234", false)]
    public void A_stand_in_a_word_or_nothing_says_the_number_was_withheld(string? from, bool withheld) =>
        CallerIds.IsWithheld(from).ShouldBe(withheld);

    [Fact]
    public void No_stand_in_is_a_valid_number_for_the_phone_number_parser_either() =>
        CallerIds.StandIns.ShouldAllBe(s => PhoneNumber.TryParse(s, "FR") == null);
}
