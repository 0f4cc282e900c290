using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Messaging;

namespace Permanence.Core.Tests.Messaging;

public sealed class MessageRulesTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    private static Instant Local(int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Paris).ToInstant();

    [Theory]
    [InlineData(UrgencyLevel.Urgent)]
    [InlineData(UrgencyLevel.Emergency)]
    public void Urgent_items_are_due_after_the_acknowledgement_interval(UrgencyLevel priority) =>
        MessageDueTime.For(priority, Local(2026, 11, 23, 10, 0), Paris, 15).ShouldBe(Local(2026, 11, 23, 10, 15));

    [Fact]
    public void Same_day_items_are_due_at_the_end_of_the_practice_local_day() =>
        MessageDueTime.For(UrgencyLevel.SameDay, Local(2026, 11, 23, 22, 30), Paris, 15).ShouldBe(Local(2026, 11, 24, 0, 0));

    [Fact]
    public void Routine_items_taken_on_friday_are_due_monday_noon() =>
        MessageDueTime.For(UrgencyLevel.Routine, Local(2026, 11, 27, 16, 0), Paris, 15).ShouldBe(Local(2026, 11, 30, 12, 0));

    [Fact]
    public void Routine_noon_is_local_noon_across_a_dst_change() =>
        MessageDueTime.For(UrgencyLevel.Routine, Local(2026, 3, 27, 16, 0), Paris, 15).ShouldBe(Instant.FromUtc(2026, 3, 30, 10, 0));

    private static PractitionerMessage Urgent(MessageStatus status = MessageStatus.New) => new()
    {
        Subject = "x",
        Priority = UrgencyLevel.Urgent,
        Status = status,
        DueAt = Local(2026, 11, 23, 10, 15),
    };

    [Fact]
    public void An_unacknowledged_urgent_item_is_renotified_at_its_due_time_then_escalated_one_interval_later()
    {
        var message = Urgent();
        MessageEscalationRules.NextStep(message, Local(2026, 11, 23, 10, 14), 15).ShouldBe(EscalationStep.None);
        MessageEscalationRules.NextStep(message, Local(2026, 11, 23, 10, 15), 15).ShouldBe(EscalationStep.RenotifyPractitioner);
        message.RenotifiedAt = Local(2026, 11, 23, 10, 15);
        MessageEscalationRules.NextStep(message, Local(2026, 11, 23, 10, 29), 15).ShouldBe(EscalationStep.None);
        MessageEscalationRules.NextStep(message, Local(2026, 11, 23, 10, 30), 15).ShouldBe(EscalationStep.EscalateToSupervisors);
        message.EscalatedAt = Local(2026, 11, 23, 10, 30);
        MessageEscalationRules.NextStep(message, Local(2026, 11, 23, 12, 0), 15).ShouldBe(EscalationStep.None);
    }

    [Theory]
    [InlineData(MessageStatus.Acknowledged)]
    [InlineData(MessageStatus.Done)]
    public void Acknowledged_or_done_items_never_escalate(MessageStatus status) =>
        MessageEscalationRules.NextStep(Urgent(status), Local(2026, 11, 24, 10, 0), 15).ShouldBe(EscalationStep.None);

    [Fact]
    public void Routine_items_never_escalate() =>
        MessageEscalationRules.NextStep(new PractitionerMessage { Subject = "x", Priority = UrgencyLevel.Routine, DueAt = Local(2026, 11, 23, 12, 0) },
            Local(2026, 11, 25, 12, 0), 15).ShouldBe(EscalationStep.None);

    [Fact]
    public void Acknowledging_marks_read_too_and_going_back_is_a_conflict()
    {
        var message = Urgent();
        var at = Local(2026, 11, 23, 10, 5);
        MessageLifecycle.MoveTo(message, MessageStatus.Acknowledged, at, "dr").Value.ShouldBeTrue();
        message.ReadAt.ShouldBe(at);
        MessageLifecycle.MoveTo(message, MessageStatus.Acknowledged, at, "dr").Value.ShouldBeFalse();
        MessageLifecycle.MoveTo(message, MessageStatus.Read, at, "dr").Error.ShouldBeOfType<Permanence.Core.Common.ConflictError>();
    }
}
