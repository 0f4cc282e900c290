using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Quality;

namespace Permanence.Core.Tests.Quality;

public sealed class SatisfactionSurveyTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 9, 0);

    [Fact]
    public void A_comment_holding_a_nul_is_refused()
    {
        var result = SatisfactionSurvey.Answer(5, "Très aimable\u0000", SurveyChannel.Email, Now);

        result.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldBe(["comment"]);
    }

    [Fact]
    public void A_comment_on_several_lines_is_kept_trimmed()
    {
        var result = SatisfactionSurvey.Answer(4, "  Très aimable.\r\nMerci.  ", SurveyChannel.Email, Now);

        result.Value.ShouldNotBeNull().Comment.ShouldBe("Très aimable.\r\nMerci.");
    }
}
