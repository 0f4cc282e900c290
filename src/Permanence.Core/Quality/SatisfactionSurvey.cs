using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Quality;

/// <summary>How a caller answered the post-call satisfaction survey.</summary>
public enum SurveyChannel
{
    /// <summary>Keypad digit after the secretary hung up (TwiML <c>Gather</c>).</summary>
    Phone,

    /// <summary>The signed link sent by e-mail.</summary>
    Email,

    /// <summary>The signed link sent by SMS.</summary>
    Sms,
}

/// <summary>A checked survey answer, to be stored on a call that has none yet.</summary>
public sealed record SurveyAnswer(int Score, SurveyChannel Channel, string? Comment, Instant AnsweredAt);

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

    /// <summary>
    /// Checks an answer: a score from 1 to 5 and, from the written form, a comment of at most 1,000 characters (blank
    /// is none). Whether the call still has no answer is for the store to settle, in the same write.
    /// </summary>
    public static Result<SurveyAnswer> Answer(int? score, string? comment, SurveyChannel channel, Instant now)
    {
        var errors = new ValidationErrors();
        errors.Require(score is { } s && IsScore(s), "score", $"A score from {MinScore} to {MaxScore} is required.");
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        errors.OptionalText("comment", comment, MaxCommentLength);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        return new SurveyAnswer(score!.Value, channel, text, now);
    }

    public static ConflictError OneAnswerPerCall() => new("This call's satisfaction survey has already been answered.");
}
