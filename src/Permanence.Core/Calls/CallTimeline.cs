using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Calls;

/// <summary>
/// A call's state and timings derived from its events sorted by time (ties in the natural order of a call:
/// ringing, answered, held, resumed, transferred, voicemail, ended), so arrival order never matters.
/// </summary>
/// <param name="StartedAt">The first ringing, or the earliest event when no ringing was reported.</param>
/// <param name="Wait">Ringing to answer; for a call never answered, ringing to its end.</param>
/// <param name="Talk">Answer to end, hold excluded; null until both are known.</param>
/// <param name="Hold">Sum of held → resumed (or transferred) spans; a hold never resumed counts until the end.</param>
public sealed record CallTimeline(
    Instant StartedAt,
    Instant? AnsweredAt,
    Instant? EndedAt,
    CallOutcome Outcome,
    Duration? Wait,
    Duration? Talk,
    Duration Hold,
    StaffUserId? AgentId)
{
    public static CallTimeline From(IEnumerable<CallEvent> events)
    {
        var sorted = events.OrderBy(e => e.At).ThenBy(e => (int)e.Type).ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("A call has at least one event.", nameof(events));
        }
        var ringing = sorted.FirstOrDefault(e => e.Type == CallEventType.Ringing);
        var answered = sorted.FirstOrDefault(e => e.Type == CallEventType.Answered);
        var ended = sorted.FirstOrDefault(e => e.Type == CallEventType.Ended);
        var voicemail = sorted.Any(e => e.Type == CallEventType.Voicemail);
        var startedAt = ringing?.At ?? sorted[0].At;

        var hold = Duration.Zero;
        Instant? heldSince = null;
        // Events of one instant are taken together: providers stamp them to the second, so a resume and a new hold, or a
        // hold and its resume, can share an instant, in either order. A transfer hands the held caller over: it ends the hold.
        foreach (var moment in sorted.GroupBy(e => e.At))
        {
            var holds = moment.Any(e => e.Type == CallEventType.Held);
            var ends = moment.Any(e => e.Type is CallEventType.Ended);
            var releases = ends || moment.Any(e => e.Type is CallEventType.Resumed or CallEventType.Transferred);
            var wasHeld = heldSince is not null;
            if (heldSince is { } since && releases)
            {
                hold += moment.Key - since;
                heldSince = null;
            }
            // Held again as it was resumed, or held while not held and not resumed at once.
            if (holds && !ends && wasHeld == releases)
            {
                heldSince = moment.Key;
            }
        }

        var outcome = answered is not null ? CallOutcome.Answered
            : voicemail ? CallOutcome.Voicemail
            : ended is not null ? CallOutcome.Abandoned
            : CallOutcome.InProgress;
        // Providers' clocks can put an answer or an end a little before the ringing: such a span is zero, never negative.
        Duration? wait = answered is not null ? NotNegative(answered.At - startedAt)
            : ended is not null ? NotNegative(ended.At - startedAt)
            : null;
        Duration? talk = answered is not null && ended is not null ? NotNegative(ended.At - answered.At - hold) : null;
        // The secretary who answered keeps the call when it is transferred on (docs/kpis.md).
        var agent = answered?.AgentId ?? sorted.LastOrDefault(e => e.AgentId is not null)?.AgentId;
        return new CallTimeline(startedAt, answered?.At, ended?.At, outcome, wait, talk, hold, agent);
    }

    private static Duration NotNegative(Duration span) => Duration.Max(Duration.Zero, span);
}
