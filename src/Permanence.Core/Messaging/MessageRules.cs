using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Messaging;

/// <summary>When a message is due, from its priority and the practice's preferences.</summary>
public static class MessageDueTime
{
    private static readonly LocalTime RoutineDueTime = new(12, 0);

    /// <summary>
    /// Urgent and emergency: the practice's acknowledgement interval after creation. Same day: the end of the
    /// practice's local day (next local midnight). Routine: 12:00 local on the practice's next working day (see
    /// <see cref="IsWorkingDay"/>), so a routine item is not chased on a bank holiday or during the practice's
    /// holidays. A 12:00 that falls in a DST gap resolves leniently (never happens in practice: transitions are at night).
    /// </summary>
    public static Instant For(UrgencyLevel priority, Instant createdAt, Practice practice)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var zone = practice.TimeZone;
        var today = createdAt.InZone(zone).Date;
        return priority switch
        {
            UrgencyLevel.Emergency or UrgencyLevel.Urgent => createdAt + Duration.FromMinutes(practice.MessageDelivery.UrgentAcknowledgementMinutes),
            UrgencyLevel.SameDay => zone.AtStartOfDay(today.PlusDays(1)).ToInstant(),
            UrgencyLevel.Routine => NextWorkingDay(practice, today).At(RoutineDueTime).InZoneLeniently(zone).ToInstant(),
            _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, null),
        };
    }

    /// <summary>
    /// A day the practice has opening hours on its weekday, outside its dated closures and, when it closes on them, not
    /// a public holiday of its region. A practice without any opening hours works Monday to Friday.
    /// </summary>
    public static bool IsWorkingDay(Practice practice, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var open = practice.OpeningHours.Count == 0
            ? date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            : practice.OpeningHours.Any(r => r.Day == date.DayOfWeek);
        return open && !OpeningHoursRules.IsClosedAllDay(practice, date, AgendaMapping.HolidayRegionOf(practice));
    }

    /// <summary>The first working day after <paramref name="date"/>; the next day when none comes within a year (a practice closed for good).</summary>
    private static LocalDate NextWorkingDay(Practice practice, LocalDate date)
    {
        for (var next = date.PlusDays(1); next <= date.PlusYears(1); next = next.PlusDays(1))
        {
            if (IsWorkingDay(practice, next))
            {
                return next;
            }
        }
        return date.PlusDays(1);
    }
}

/// <summary>What the escalation job must do for one item now.</summary>
public enum EscalationStep
{
    None,

    /// <summary>Still unacknowledged at its due time: notify the practitioner once more.</summary>
    RenotifyPractitioner,

    /// <summary>Still unacknowledged one more interval after that: alert the practice's supervisors.</summary>
    EscalateToSupervisors,
}

/// <summary>Rules of escalation for unacknowledged urgent items (UrgentMessageNeedsAcknowledgement).</summary>
public static class MessageEscalationRules
{
    public static EscalationStep NextStep(PractitionerMessage message, Instant now, int acknowledgementMinutes)
    {
        if (!message.NeedsAcknowledgement || message.Status is MessageStatus.Acknowledged or MessageStatus.Done)
        {
            return EscalationStep.None;
        }
        if (message.RenotifiedAt is not { } renotifiedAt)
        {
            return now >= message.DueAt ? EscalationStep.RenotifyPractitioner : EscalationStep.None;
        }
        // Counted from the reminder, not the due time: a reminder sent late (the job was down) still leaves the
        // practitioner a whole interval to answer it.
        return message.EscalatedAt is null && now >= renotifiedAt + Duration.FromMinutes(acknowledgementMinutes)
            ? EscalationStep.EscalateToSupervisors
            : EscalationStep.None;
    }
}

/// <summary>Moves a message forward: read, acknowledged, done. Repeating the current step changes nothing; going back is refused.</summary>
public static class MessageLifecycle
{
    public static Result<bool> MoveTo(PractitionerMessage message, MessageStatus target, Instant now, string by)
    {
        if (target == message.Status)
        {
            return false;
        }
        if (target < message.Status)
        {
            return new ConflictError($"The item is already {MessageCodes.ToCode(message.Status)}.");
        }
        switch (target)
        {
            case MessageStatus.Read:
                (message.ReadAt, message.ReadBy) = (now, by);
                break;
            case MessageStatus.Acknowledged:
                (message.AcknowledgedAt, message.AcknowledgedBy) = (now, by);
                message.ReadAt ??= now;
                message.ReadBy ??= by;
                break;
            case MessageStatus.Done:
                (message.DoneAt, message.DoneBy) = (now, by);
                message.AcknowledgedAt ??= now;
                message.AcknowledgedBy ??= by;
                message.ReadAt ??= now;
                message.ReadBy ??= by;
                break;
            case MessageStatus.New:
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, null);
        }
        message.Status = target;
        message.Log(MessageCodes.ToCode(target), now, by);
        return true;
    }
}

/// <summary>Codes of the messaging enums as the API spells them.</summary>
public static class MessageCodes
{
    public static string ToCode(this MessageKind kind) => kind switch
    {
        MessageKind.Message => "message",
        MessageKind.PrescriptionRenewal => "prescription_renewal",
        MessageKind.ResultsCallback => "results_callback",
        MessageKind.Callback => "callback",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ToCode(this MessageStatus status) => status switch
    {
        MessageStatus.New => "new",
        MessageStatus.Read => "read",
        MessageStatus.Acknowledged => "acknowledged",
        MessageStatus.Done => "done",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static MessageKind? TryKind(string? code) =>
        Enum.GetValues<MessageKind>().Cast<MessageKind?>().FirstOrDefault(k => string.Equals(k!.Value.ToCode(), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
