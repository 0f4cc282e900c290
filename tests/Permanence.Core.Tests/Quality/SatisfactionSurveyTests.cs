using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Quality;

namespace Permanence.Core.Tests.Quality;

public sealed class SatisfactionSurveyTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 9, 0);

    private static Call AnsweredCall() => new() { ProviderCallId = "call-1", FromNumber = "+33612345678", ToNumber = "+33142860001" };

    [Fact]
    public void A_comment_holding_a_nul_is_refused_and_nothing_is_stored()
    {
        var call = AnsweredCall();

        var result = SatisfactionSurvey.Record(call, 5, "Très aimable\u0000", SurveyChannel.Email, Now);

        result.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldBe(["comment"]);
        (call.SatisfactionScore, call.SatisfactionComment).ShouldBe((null, null));
    }

    [Fact]
    public void A_comment_on_several_lines_is_stored_trimmed()
    {
        var call = AnsweredCall();

        SatisfactionSurvey.Record(call, 4, "  Très aimable.\r\nMerci.  ", SurveyChannel.Email, Now).IsSuccess.ShouldBeTrue();

        call.SatisfactionComment.ShouldBe("Très aimable.\r\nMerci.");
    }
}
