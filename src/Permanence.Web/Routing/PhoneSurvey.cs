using System.Globalization;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Quality;
using Permanence.Core.Routing;
using Permanence.Data;
using Permanence.Web.Quality;

namespace Permanence.Web.Routing;

/// <summary>
/// The satisfaction survey over the phone. A practice that offers it puts <see cref="QuestionPath"/> as the
/// <c>Enqueue action</c>: the provider posts there when the caller leaves the queue, and with
/// <c>QueueResult=bridged</c> (the caller talked with a secretary, who has hung up) the caller hears the 1–5 question.
/// With <c>QueueResult=leave</c> (the wait URL answered <c>Leave</c> after an overflow) the caller is handled per
/// the practice's overflow policy instead. A key outside 1–5 gets the question once more, then thanks and a hang-up; nothing is stored for it.
/// </summary>
public sealed partial class PhoneSurvey(PermanenceDbContext db, TwimlCallRouting routing, SurveyAnswers answers, IClock clock, ILogger<PhoneSurvey> logger)
{
    public const string QuestionPath = "/telephony/twiml/survey";
    public const string AnswerPath = "/telephony/twiml/survey/answer";

    /// <summary>The query parameter counting how many times the question was asked.</summary>
    public const string AttemptParameter = "attempt";

    private const int MaxAttempts = 2;

    /// <summary>The attempt a survey answer belongs to: 1 unless the answer URL says 2.</summary>
    public static int AttemptOf(IQueryCollection query) =>
        int.TryParse(query[AttemptParameter].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) && attempt == MaxAttempts ? MaxAttempts : 1;

    public async Task<Result<XDocument>> AskAsync(TwimlRequest request, CancellationToken ct)
    {
        if (RequireCallSid(request) is { } invalid)
        {
            return invalid;
        }
        if (string.Equals(request.QueueResult, "leave", StringComparison.OrdinalIgnoreCase))
        {
            return await routing.LeftQueueAsync(request, ct);
        }
        var (call, language) = await FindAsync(request, ct);
        if (!string.Equals(request.QueueResult, "bridged", StringComparison.OrdinalIgnoreCase) || call is null || call.SatisfactionScore is not null)
        {
            // Not served by a secretary (left the queue, hung up, error) or already answered: nothing to ask.
            return VoiceScript.Empty();
        }
        return VoiceScript.SurveyQuestion(language, AnswerPath, again: false);
    }

    public async Task<Result<XDocument>> AnswerAsync(TwimlRequest request, int attempt, CancellationToken ct)
    {
        if (RequireCallSid(request) is { } invalid)
        {
            return invalid;
        }
        var (call, language) = await FindAsync(request, ct);
        var digits = request.Digits?.Trim();
        var score = digits is { Length: 1 } && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && SatisfactionSurvey.IsScore(s) ? s : (int?)null;
        if (score is null)
        {
            return attempt < MaxAttempts
                ? VoiceScript.SurveyQuestion(language, string.Create(CultureInfo.InvariantCulture, $"{AnswerPath}?{AttemptParameter}={attempt + 1}"), again: true)
                : VoiceScript.SurveyThanks(language);
        }
        if (call is null)
        {
            LogAnswerWithoutCall(logger, request.CallSid!);
            return VoiceScript.SurveyThanks(language);
        }
        // An answer already stored (a keyed one, or the e-mailed link) is kept; the caller is thanked all the same.
        await answers.StoreAsync(call, new SurveyAnswer(score.Value, SurveyChannel.Phone, null, clock.GetCurrentInstant()), ct);
        return VoiceScript.SurveyThanks(language);
    }

    private async Task<(Call? Call, CallerLanguage Language)> FindAsync(TwimlRequest request, CancellationToken ct)
    {
        var call = await db.Calls.FirstOrDefaultAsync(c => c.ProviderCallId == request.CallSid, ct);
        var practice = call?.PracticeId is { } practiceId ? await db.Practices.AsNoTracking().FirstOrDefaultAsync(p => p.Id == practiceId, ct) : null;
        var language = routing.LanguageOf(PhoneNumber.TryParse(practice?.RoutineNumber ?? request.To));
        return (practice?.OffersSatisfactionSurvey == true ? call : null, language);
    }

    private static ValidationError? RequireCallSid(TwimlRequest request) =>
        string.IsNullOrWhiteSpace(request.CallSid) ? ValidationError.For("CallSid", "Required.") : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey answer for call {CallSid}, which matches no call of a practice offering the survey; not stored")]
    private static partial void LogAnswerWithoutCall(ILogger logger, string callSid);
}
