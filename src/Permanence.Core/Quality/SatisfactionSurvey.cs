using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;

namespace Permanence.Core.Quality;

/// <summary>How a caller answered the post-call satisfaction survey.</summary>
public enum SurveyChannel
{
    /// <summary>Keypad digit after the secretary hung up (TwiML <c>Gather</c>).</summary>
    Phone,

    /// <summary>The signed link sent by e-mail.</summary>
    Email,
}

/// <summary>
/// Post-call satisfaction survey (CSAT): one answer per call, a score from 1 (very unhappy) to 5 (very happy), with an
/// optional comment from the written form. The answer feeds <see cref="KpiReport.AverageSatisfaction"/>.
/// </summary>
public static class SatisfactionSurvey
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int MaxCommentLength = 1000;

    /// <summary>How long an e-mailed survey link stays valid.</summary>
    public static readonly Duration LinkLifetime = Duration.FromDays(7);

    public static bool IsScore(int score) => score is >= MinScore and <= MaxScore;

    /// <summary>Stores the answer on the call, unless the call already has one (from either channel).</summary>
    public static Result<Call> Record(Call call, int? score, string? comment, SurveyChannel channel, Instant now)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.SatisfactionScore is not null)
        {
            return OneAnswerPerCall();
        }
        var errors = new ValidationErrors();
        errors.Require(score is { } s && IsScore(s), "score", $"A score from {MinScore} to {MaxScore} is required.");
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        errors.OptionalText("comment", comment, MaxCommentLength);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        call.SatisfactionScore = score;
        call.SatisfactionChannel = channel;
        call.SatisfactionComment = text;
        call.SatisfactionAnsweredAt = now;
        return call;
    }

    public static ConflictError OneAnswerPerCall() => new("This call's satisfaction survey has already been answered.");
}
