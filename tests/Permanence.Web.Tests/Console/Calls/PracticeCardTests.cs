using Bunit;
using Permanence.Web.Calls;
using Permanence.Web.Console.Calls;

namespace Permanence.Web.Tests.Console.Calls;

public sealed class PracticeCardTests : ConsoleTestContext
{
    private IRenderedComponent<PracticeCard> CardFor(string from) => Render<PracticeCard>(p => p
        .Add(c => c.Popup, new CallPopupDto(Guid.NewGuid(), Guid.NewGuid(), "routine", "ringing", from,
            new PracticeCardDto("Cabinet des Lilas", "Cabinet des Lilas, {secretary} à votre écoute.", "", "", [], [], [], "", null), []))
        .Add(c => c.SecretaryName, "Claire"));

    [Theory]
    [InlineData("+266696687")]
    [InlineData("anonymous")]
    [InlineData("")]
    public void A_withheld_caller_id_reads_number_withheld(string from) =>
        CardFor(from).Find("p.muted").TextContent.ShouldEndWith("Appelant : numéro masqué");

    [Theory]
    [InlineData("+33612345678")]
    [InlineData("1234")]
    public void A_caller_id_with_digits_is_shown_as_it_came(string from) =>
        CardFor(from).Find("p.muted").TextContent.ShouldEndWith($"Appelant : {from}");
}
