namespace Permanence.Core.Calls;

/// <summary>What the telephony provider reports about a call.</summary>
public enum CallEventType
{
    Ringing,
    Answered,
    Held,
    Resumed,
    Transferred,
    Voicemail,
    Ended,
}

/// <summary>The line a caller dialed: the routine line or the practice's dedicated urgent line (ligne urgences).</summary>
public enum CallLine
{
    Routine,
    Urgent,
}

/// <summary>How a call ended, derived from its events.</summary>
public enum CallOutcome
{
    InProgress,
    Answered,
    Abandoned,
    Voicemail,
}

/// <summary>Urgency level of a request, lowest first so levels compare: routine &lt; same_day &lt; urgent &lt; emergency.</summary>
public enum UrgencyLevel
{
    Routine,
    SameDay,
    Urgent,
    Emergency,
}

/// <summary>What the caller asks for (not how urgent it is).</summary>
public enum CallCategory
{
    AppointmentBook,
    AppointmentCancel,
    AppointmentReschedule,
    Information,
    Billing,
    Clinical,
    Prescription,
    ResultsFollowup,
    Other,
}

/// <summary>What the secretary records as the call's result when wrapping it up.</summary>
public enum CallDisposition
{
    Resolved,
    AppointmentHandled,
    MessageTaken,
    CallbackPlanned,
    Transferred,
    EmergencyEscalated,
    WrongNumber,
    NoAction,
}

/// <summary>Kinds of things a call produced (the "act" step of the script).</summary>
public enum CallActionKind
{
    AppointmentBooked,
    AppointmentCancelled,
    AppointmentMoved,
    Message,
    Task,
}

/// <summary>The snake_case codes of the call enums, as the API and CSV export spell them.</summary>
public static class CallCodes
{
    public static string ToCode(this CallEventType type) => type switch
    {
        CallEventType.Ringing => "ringing",
        CallEventType.Answered => "answered",
        CallEventType.Held => "held",
        CallEventType.Resumed => "resumed",
        CallEventType.Transferred => "transferred",
        CallEventType.Voicemail => "voicemail",
        CallEventType.Ended => "ended",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string ToCode(this CallLine line) => line switch
    {
        CallLine.Routine => "routine",
        CallLine.Urgent => "urgent",
        _ => throw new ArgumentOutOfRangeException(nameof(line), line, null),
    };

    public static string ToCode(this CallOutcome outcome) => outcome switch
    {
        CallOutcome.InProgress => "in_progress",
        CallOutcome.Answered => "answered",
        CallOutcome.Abandoned => "abandoned",
        CallOutcome.Voicemail => "voicemail",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static string ToCode(this UrgencyLevel level) => level switch
    {
        UrgencyLevel.Routine => "routine",
        UrgencyLevel.SameDay => "same_day",
        UrgencyLevel.Urgent => "urgent",
        UrgencyLevel.Emergency => "emergency",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    public static string ToCode(this CallCategory category) => category switch
    {
        CallCategory.AppointmentBook => "appointment_book",
        CallCategory.AppointmentCancel => "appointment_cancel",
        CallCategory.AppointmentReschedule => "appointment_reschedule",
        CallCategory.Information => "information",
        CallCategory.Billing => "billing",
        CallCategory.Clinical => "clinical",
        CallCategory.Prescription => "prescription",
        CallCategory.ResultsFollowup => "results_followup",
        CallCategory.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static string ToCode(this CallDisposition disposition) => disposition switch
    {
        CallDisposition.Resolved => "resolved",
        CallDisposition.AppointmentHandled => "appointment_handled",
        CallDisposition.MessageTaken => "message_taken",
        CallDisposition.CallbackPlanned => "callback_planned",
        CallDisposition.Transferred => "transferred",
        CallDisposition.EmergencyEscalated => "emergency_escalated",
        CallDisposition.WrongNumber => "wrong_number",
        CallDisposition.NoAction => "no_action",
        _ => throw new ArgumentOutOfRangeException(nameof(disposition), disposition, null),
    };

    public static string ToCode(this CallActionKind kind) => kind switch
    {
        CallActionKind.AppointmentBooked => "appointment_booked",
        CallActionKind.AppointmentCancelled => "appointment_cancelled",
        CallActionKind.AppointmentMoved => "appointment_moved",
        CallActionKind.Message => "message",
        CallActionKind.Task => "task",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static CallEventType? TryEventType(string? code) => TryParse<CallEventType>(code, ToCode);
    public static CallLine? TryLine(string? code) => TryParse<CallLine>(code, ToCode);
    public static CallOutcome? TryOutcome(string? code) => TryParse<CallOutcome>(code, ToCode);
    public static UrgencyLevel? TryUrgency(string? code) => TryParse<UrgencyLevel>(code, ToCode);
    public static CallCategory? TryCategory(string? code) => TryParse<CallCategory>(code, ToCode);
    public static CallDisposition? TryDisposition(string? code) => TryParse<CallDisposition>(code, ToCode);
    public static CallActionKind? TryActionKind(string? code) => TryParse<CallActionKind>(code, ToCode);

    public static string AllCodes<T>(Func<T, string> toCode) where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(toCode));

    private static T? TryParse<T>(string? code, Func<T, string> toCode) where T : struct, Enum
    {
        var trimmed = code?.Trim();
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(toCode(value), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }
}
