using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Messaging;
using Permanence.Core.Practices;

namespace Permanence.Core.Tests.Messaging;

public sealed class MessageRulesTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    private static Instant Local(int year, int month, int day, int hour, int minute) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Paris).ToInstant();

    /// <summary>A Paris practice open Monday to Friday, 08:00–12:00 and 14:00–19:00, urgent items acknowledged within 15 minutes.</summary>
    private static Practice WeekdayPractice(params IsoDayOfWeek[] alsoOpen)
    {
        var practice = new Practice
        {
            Name = "Cabinet",
            GreetingText = "{practice}, bonjour",
            RoutineNumber = "+33142869999",
            TimeZoneId = "Europe/Paris",
            MessageDelivery = { UrgentAcknowledgementMinutes = 15 },
        };
        IsoDayOfWeek[] weekdays = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];
        foreach (var day in weekdays.Concat(alsoOpen))
        {
            practice.OpeningHours.Add(new OpeningHoursRange { PracticeId = practice.Id, Day = day, Start = new LocalTime(8, 0), End = new LocalTime(12, 0) });
            practice.OpeningHours.Add(new OpeningHoursRange { PracticeId = practice.Id, Day = day, Start = new LocalTime(14, 0), End = new LocalTime(19, 0) });
        }
        return practice;
    }

    [Theory]
    [InlineData(UrgencyLevel.Urgent)]
    [InlineData(UrgencyLevel.Emergency)]
    public void Urgent_items_are_due_after_the_acknowledgement_interval(UrgencyLevel priority) =>
        MessageDueTime.For(priority, Local(2026, 11, 23, 10, 0), WeekdayPractice()).ShouldBe(Local(2026, 11, 23, 10, 15));

    [Fact]
    public void Same_day_items_are_due_at_the_end_of_the_practice_local_day() =>
        MessageDueTime.For(UrgencyLevel.SameDay, Local(2026, 11, 23, 22, 30), WeekdayPractice()).ShouldBe(Local(2026, 11, 24, 0, 0));

    [Fact]
    public void Routine_items_taken_on_friday_are_due_monday_noon() =>
        MessageDueTime.For(UrgencyLevel.Routine, Local(2026, 11, 27, 16, 0), WeekdayPractice()).ShouldBe(Local(2026, 11, 30, 12, 0));

    [Fact]
    public void Routine_noon_is_local_noon_across_a_dst_change() =>
        MessageDueTime.For(UrgencyLevel.Routine, Local(2026, 3, 27, 16, 0), WeekdayPractice()).ShouldBe(Instant.FromUtc(2026, 3, 30, 10, 0));

    [Fact]
    public void Routine_items_skip_a_public_holiday_the_practice_closes_on()
    {
        // Easter Monday 2026 is 6 April: an item of Friday the 3rd is due on Tuesday, unless the practice opens on holidays.
        MessageDueTime.For(UrgencyLevel.Routine, Local(2026, 4, 3, 16, 0), WeekdayPractice()).ShouldBe(Local(2026, 4, 7, 12, 0));
        var openOnHolidays = WeekdayPractice();
        openOnHolidays.ClosedOnPublicHolidays = false;
        MessageDueTime.For(UrgencyLevel.Routine, Local(2026, 4, 3, 16, 0), openOnHolidays).ShouldBe(Local(2026, 4, 6, 12, 0));
    }

    [Fact]
    public void Routine_items_skip_the_extra_holidays_of_an_alsace_moselle_practice()
    {
        // Good Friday (3 April 2026) is a holiday in Alsace-Moselle only: Thursday's item waits for Tuesday there.
        var alsace = WeekdayPractice();
        alsace.ObservesAlsaceMosellePublicHolidays = true;
        MessageDueTime.For(UrgencyLevel.Routine, Local(2026, 4, 2, 16, 0), alsace).ShouldBe(Local(2026, 4, 7, 12, 0));
        MessageDueTime.For(UrgencyLevel.Routine, Local(2026, 4, 2, 16, 0), WeekdayPractice()).ShouldBe(Local(2026, 4, 3, 12, 0));
    }

    [Fact]
    public void Routine_items_wait_for_the_end_of_a_closure()
    {
        var practice = WeekdayPractice();
        practice.Closures.Add(new PracticeClosure { PracticeId = practice.Id, FirstDay = new LocalDate(2026, 11, 30), LastDay = new LocalDate(2026, 12, 2), Reason = "congés" });
        MessageDueTime.For(UrgencyLevel.Routine, Local(2026, 11, 27, 16, 0), practice).ShouldBe(Local(2026, 12, 3, 12, 0));
    }

    [Fact]
    public void Routine_items_are_due_on_a_saturday_the_practice_opens()
    {
        MessageDueTime.For(UrgencyLevel.Routine, Local(2026, 11, 27, 16, 0), WeekdayPractice(IsoDayOfWeek.Saturday)).ShouldBe(Local(2026, 11, 28, 12, 0));
        MessageDueTime.IsWorkingDay(WeekdayPractice(), new LocalDate(2026, 11, 28)).ShouldBeFalse();
    }

    [Fact]
    public void A_practice_without_opening_hours_works_monday_to_friday()
    {
        var practice = new Practice { Name = "Cabinet", GreetingText = "{practice}, bonjour", RoutineNumber = "+33142869999", TimeZoneId = "Europe/Paris" };
        MessageDueTime.For(UrgencyLevel.Routine, Local(2026, 11, 27, 16, 0), practice).ShouldBe(Local(2026, 11, 30, 12, 0));
        MessageDueTime.For(UrgencyLevel.Routine, Local(2026, 12, 24, 16, 0), practice).ShouldBe(Local(2026, 12, 28, 12, 0));
    }

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

    [Fact]
    public void A_reminder_sent_late_still_leaves_the_practitioner_one_interval_before_the_supervisors_are_alerted()
    {
        // Due at 10:15, but the job was down until 10:40: the reminder goes out then, the alert not before 10:55.
        var message = Urgent();
        message.RenotifiedAt = Local(2026, 11, 23, 10, 40);
        MessageEscalationRules.NextStep(message, Local(2026, 11, 23, 10, 41), 15).ShouldBe(EscalationStep.None);
        MessageEscalationRules.NextStep(message, Local(2026, 11, 23, 10, 55), 15).ShouldBe(EscalationStep.EscalateToSupervisors);
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
