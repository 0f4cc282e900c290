using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;

namespace Permanence.Core.Tests.Calls;

public sealed class CallTimelineTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 9, 0);

    private static CallEvent At(CallEventType type, int seconds, StaffUserId? agent = null) =>
        new() { EventId = Guid.NewGuid().ToString(), Type = type, At = T0 + Duration.FromSeconds(seconds), AgentId = agent };

    private static readonly CallEvent[] AnsweredWithTwoHolds =
    [
        At(CallEventType.Ringing, 0),
        At(CallEventType.Answered, 9),
        At(CallEventType.Held, 40),
        At(CallEventType.Resumed, 70),
        At(CallEventType.Held, 100),
        At(CallEventType.Resumed, 105),
        At(CallEventType.Ended, 300),
    ];

    [Fact]
    public void Wait_talk_and_hold_come_from_the_events()
    {
        var timeline = CallTimeline.From(AnsweredWithTwoHolds);
        timeline.Outcome.ShouldBe(CallOutcome.Answered);
        timeline.Wait.ShouldBe(Duration.FromSeconds(9));
        timeline.Hold.ShouldBe(Duration.FromSeconds(35));
        timeline.Talk.ShouldBe(Duration.FromSeconds(256));
    }

    [Fact]
    public void Any_arrival_order_gives_the_same_timeline()
    {
        var expected = CallTimeline.From(AnsweredWithTwoHolds);
        Prop.ForAll(Gen.Shuffle(AnsweredWithTwoHolds).ToArbitrary(), shuffled => CallTimeline.From(shuffled) == expected)
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_transferred_call_stays_with_the_secretary_who_answered()
    {
        var (answerer, colleague) = (new StaffUserId(Guid.NewGuid()), new StaffUserId(Guid.NewGuid()));
        CallEvent[] events =
        [
            At(CallEventType.Ringing, 0),
            At(CallEventType.Answered, 8, answerer),
            At(CallEventType.Transferred, 60, colleague),
            At(CallEventType.Ended, 200),
        ];

        var timeline = CallTimeline.From(events);

        timeline.AgentId.ShouldBe(answerer);
        timeline.Outcome.ShouldBe(CallOutcome.Answered);
        timeline.Talk.ShouldBe(Duration.FromSeconds(192));
    }

    [Fact]
    public void An_answer_stamped_before_the_ringing_gives_a_zero_wait_not_a_negative_one()
    {
        var timeline = CallTimeline.From([At(CallEventType.Answered, 0), At(CallEventType.Ringing, 2), At(CallEventType.Ended, 90)]);

        timeline.StartedAt.ShouldBe(T0 + Duration.FromSeconds(2));
        timeline.Wait.ShouldBe(Duration.Zero);
        timeline.Talk.ShouldBe(Duration.FromSeconds(90));
    }

    [Fact]
    public void A_call_ended_without_answer_is_abandoned_after_its_wait()
    {
        var timeline = CallTimeline.From([At(CallEventType.Ended, 40), At(CallEventType.Ringing, 0)]);
        timeline.Outcome.ShouldBe(CallOutcome.Abandoned);
        timeline.Wait.ShouldBe(Duration.FromSeconds(40));
        timeline.Talk.ShouldBeNull();
    }

    [Fact]
    public void A_call_sent_to_voicemail_is_a_voicemail_not_an_abandon()
    {
        var timeline = CallTimeline.From([At(CallEventType.Ringing, 0), At(CallEventType.Voicemail, 30), At(CallEventType.Ended, 90)]);
        timeline.Outcome.ShouldBe(CallOutcome.Voicemail);
    }

    [Fact]
    public void A_hold_never_resumed_counts_until_the_end()
    {
        var timeline = CallTimeline.From([At(CallEventType.Ringing, 0), At(CallEventType.Answered, 5), At(CallEventType.Held, 60), At(CallEventType.Ended, 100)]);
        timeline.Hold.ShouldBe(Duration.FromSeconds(40));
        timeline.Talk.ShouldBe(Duration.FromSeconds(55));
    }

    [Fact]
    public void A_hold_resumed_and_taken_again_in_the_same_second_counts_both_spans()
    {
        var timeline = CallTimeline.From([
            At(CallEventType.Ringing, 0), At(CallEventType.Answered, 5),
            At(CallEventType.Held, 40), At(CallEventType.Resumed, 70), At(CallEventType.Held, 70), At(CallEventType.Resumed, 100),
            At(CallEventType.Ended, 200)]);

        timeline.Hold.ShouldBe(Duration.FromSeconds(60));
        timeline.Talk.ShouldBe(Duration.FromSeconds(135));
    }

    [Fact]
    public void A_hold_taken_and_resumed_in_the_same_second_counts_nothing()
    {
        var timeline = CallTimeline.From([
            At(CallEventType.Ringing, 0), At(CallEventType.Answered, 5), At(CallEventType.Resumed, 70), At(CallEventType.Held, 70), At(CallEventType.Ended, 200)]);

        timeline.Hold.ShouldBe(Duration.Zero);
        timeline.Talk.ShouldBe(Duration.FromSeconds(195));
    }

    [Fact]
    public void A_transfer_ends_the_hold_that_preceded_it()
    {
        // Attended transfer: the secretary holds the caller, asks a colleague, then hands the call over; no resume is reported.
        var timeline = CallTimeline.From([
            At(CallEventType.Ringing, 0), At(CallEventType.Answered, 5), At(CallEventType.Held, 60), At(CallEventType.Transferred, 90), At(CallEventType.Ended, 300)]);

        timeline.Hold.ShouldBe(Duration.FromSeconds(30));
        timeline.Talk.ShouldBe(Duration.FromSeconds(265));
    }

    [Fact]
    public void A_call_still_ringing_is_in_progress_without_timings()
    {
        var timeline = CallTimeline.From([At(CallEventType.Ringing, 0)]);
        timeline.Outcome.ShouldBe(CallOutcome.InProgress);
        timeline.Wait.ShouldBeNull();
    }
}
