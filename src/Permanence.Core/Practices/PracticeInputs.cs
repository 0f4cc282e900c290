using NodaTime;
using NodaTime.Text;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Practices;

/// <summary>What a client sends to create or update a practice; validated by <see cref="PracticeValidation"/>.</summary>
public sealed record PracticeInput(
    string? Name,
    string? GreetingText,
    string? Specialty,
    string? TimeZone,
    string? Address,
    string? AccessInstructions,
    string? RoutineNumber,
    string? UrgentNumber,
    string? AfterHoursPolicy,
    string? AfterHoursForwardNumber,
    bool? ObservesAlsaceMosellePublicHolidays,
    IReadOnlyList<string>? DocumentsToBring,
    MessageDeliveryInput? MessageDelivery,
    bool? ClosedOnPublicHolidays = null,
    int? SlotStepMinutes = null,
    IReadOnlyList<string>? SqueezeInRoles = null,
    int? QueueMaximumWaitSeconds = null,
    string? QueueOverflow = null,
    bool? OffersSatisfactionSurvey = null);

public sealed record MessageDeliveryInput(bool? ByEmail, bool? UrgentBySms, int? UrgentAcknowledgementMinutes, string? PracticeEmail);

public sealed record PractitionerInput(
    string? DisplayName,
    string? Specialty,
    string? Rpps,
    string? UrgentContactNumber,
    string? Email,
    string? Preferences,
    bool? IsActive);

public sealed record AppointmentTypeInput(
    string? Name,
    int? DurationMinutes,
    int? BufferBeforeMinutes,
    int? BufferAfterMinutes,
    int? MinimumNoticeMinutes,
    int? BookingHorizonDays,
    int? MaxPerDayPerPractitioner,
    bool? NewPatientsAllowed,
    string? Channel,
    IReadOnlyList<Guid>? AllowedPractitionerIds,
    string? PreparationInstructions,
    IReadOnlyList<string>? DocumentsToBring,
    bool? IsActive);

/// <summary>One weekly opening range as sent: day code (monday…sunday) and HH:mm times.</summary>
public sealed record OpeningHoursInput(string? Day, string? Start, string? End);

public sealed record ClosureInput(string? FirstDay, string? LastDay, string? Reason);

public sealed record PlaybookEntryInput(string? Question, string? Answer, int? Order);

/// <summary>Parses the textual forms the API accepts for dates, times, days and enums.</summary>
public static class InputParsing
{
    public static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");
    public static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static LocalTime? TryTime(string? text) =>
        text is not null && TimePattern.Parse(text.Trim()) is { Success: true } r ? r.Value : null;

    /// <summary>The first instant a client may send (1900-01-01T00:00Z).</summary>
    public static readonly Instant EarliestInstant = Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>
    /// The last instant a client may send (2200-01-01T00:00Z). Both bounds lie centuries inside what NodaTime (years
    /// −9998 to 9999) and PostgreSQL's timestamptz hold, so that a day, an offset or a search horizon may be added to
    /// either end without overflowing.
    /// </summary>
    public static readonly Instant LatestInstant = Instant.FromUtc(2200, 1, 1, 0, 0);

    /// <summary>"between 1900-01-01T00:00:00Z and 2200-01-01T00:00:00Z", for error messages.</summary>
    public static string InstantRange => $"between {InstantPattern.ExtendedIso.Format(EarliestInstant)} and {InstantPattern.ExtendedIso.Format(LatestInstant)}";

    public static bool IsInRange(Instant instant) => instant >= EarliestInstant && instant <= LatestInstant;

    /// <summary>An ISO 8601 instant with its offset (2026-11-23T09:15:00+01:00), whatever its year; null when unreadable.</summary>
    public static OffsetDateTime? TryOffsetDateTime(string? text) =>
        text is not null && OffsetDateTimePattern.ExtendedIso.Parse(text.Trim()) is { Success: true } r ? r.Value : null;

    /// <summary>
    /// An ISO 8601 instant with its offset, or null when unreadable or outside <see cref="EarliestInstant"/> to
    /// <see cref="LatestInstant"/>: a far date is refused here, before its offset or the date arithmetic done with it
    /// runs past the last instant NodaTime or the database can hold.
    /// </summary>
    public static Instant? TryOffsetInstant(string? text) => TryOffsetDateTime(text) is { } parsed ? InRange(parsed) : null;

    /// <summary><paramref name="parsed"/> as an instant when in range; its year is checked first, since converting a wall clock late in 9999 overflows.</summary>
    public static Instant? InRange(OffsetDateTime parsed) =>
        parsed.Year is >= 1899 and <= 2200 && parsed.ToInstant() is var instant && IsInRange(instant) ? instant : null;

    public static LocalDate? TryDate(string? text) =>
        text is not null && DatePattern.Parse(text.Trim()) is { Success: true } r ? r.Value : null;

    public static IsoDayOfWeek? TryDay(string? text) =>
        Enum.TryParse<IsoDayOfWeek>(text?.Trim(), ignoreCase: true, out var day) && day != IsoDayOfWeek.None
            && !int.TryParse(text, out _) ? day : null;

    public static string DayCode(IsoDayOfWeek day) => day.ToString().ToLowerInvariant();

    public static AfterHoursPolicy? TryAfterHoursPolicy(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "automated_assistant" => Practices.AfterHoursPolicy.AutomatedAssistant,
        "voicemail_to_message" => Practices.AfterHoursPolicy.VoicemailToMessage,
        "forward_to_on_call" => Practices.AfterHoursPolicy.ForwardToOnCall,
        "emergency_announcement" => Practices.AfterHoursPolicy.EmergencyAnnouncement,
        _ => null,
    };

    public static QueueOverflowPolicy? TryQueueOverflow(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "voicemail_to_message" => QueueOverflowPolicy.VoicemailToMessage,
        "callback_task" => QueueOverflowPolicy.CallbackTask,
        _ => null,
    };

    public static string ToCode(this QueueOverflowPolicy policy) => policy switch
    {
        QueueOverflowPolicy.VoicemailToMessage => "voicemail_to_message",
        QueueOverflowPolicy.CallbackTask => "callback_task",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    public static string ToCode(this AfterHoursPolicy policy) => policy switch
    {
        Practices.AfterHoursPolicy.AutomatedAssistant => "automated_assistant",
        Practices.AfterHoursPolicy.VoicemailToMessage => "voicemail_to_message",
        Practices.AfterHoursPolicy.ForwardToOnCall => "forward_to_on_call",
        Practices.AfterHoursPolicy.EmergencyAnnouncement => "emergency_announcement",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    public static AppointmentChannel? TryChannel(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "in_person" => AppointmentChannel.InPerson,
        "video" => AppointmentChannel.Video,
        "home_visit" => AppointmentChannel.HomeVisit,
        _ => null,
    };

    public static string ToCode(this AppointmentChannel channel) => channel switch
    {
        AppointmentChannel.InPerson => "in_person",
        AppointmentChannel.Video => "video",
        AppointmentChannel.HomeVisit => "home_visit",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };
}
