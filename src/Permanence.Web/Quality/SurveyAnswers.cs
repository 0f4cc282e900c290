using Microsoft.EntityFrameworkCore;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Quality;
using Permanence.Data;
using Permanence.Data.Audit;

namespace Permanence.Web.Quality;

/// <summary>
/// Stores satisfaction answers, one per call whichever channel comes first. The call's concurrency token only moves
/// with its events, so a read-then-save could not tell that another answer landed in between; the answer is instead
/// written by one conditional update that only matches a call still without a score.
/// </summary>
public sealed class SurveyAnswers(PermanenceDbContext db, AuditTrail audit)
{
    /// <summary>
    /// Stores <paramref name="answer"/> on the call, or returns <see cref="SatisfactionSurvey.OneAnswerPerCall"/> when it
    /// already has one (or no longer exists), writing nothing. The audit entry is saved in the same transaction.
    /// </summary>
    public async Task<Result<SurveyAnswer>> StoreAsync(Call call, SurveyAnswer answer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(answer);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.Calls.IgnoreQueryFilters().Where(c => c.Id == call.Id && c.SatisfactionScore == null).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.SatisfactionScore, answer.Score)
            .SetProperty(c => c.SatisfactionChannel, answer.Channel)
            .SetProperty(c => c.SatisfactionComment, answer.Comment)
            .SetProperty(c => c.SatisfactionAnsweredAt, answer.AnsweredAt), ct);
        if (stored == 0)
        {
            return SatisfactionSurvey.OneAnswerPerCall();
        }
        audit.Record("call.survey_answered", call.PracticeId, "call", call.Id.ToString(), Code(answer.Channel));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return answer;
    }

    private static string Code(SurveyChannel channel) => channel switch
    {
        SurveyChannel.Phone => "phone",
        SurveyChannel.Email => "email",
        SurveyChannel.Sms => "sms",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };
}
