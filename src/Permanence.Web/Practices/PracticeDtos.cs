using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;

namespace Permanence.Web.Practices;

public sealed record PhoneLineDto(string Line, string Number);

public sealed record PracticeSummaryDto(Guid Id, string Name, string Specialty, string TimeZone, IReadOnlyList<PhoneLineDto> PhoneNumbers);

public sealed record MessageDeliveryDto(bool ByEmail, bool UrgentBySms, int UrgentAcknowledgementMinutes, string? PracticeEmail);

public sealed record OpeningHoursDto(string Day, string Start, string End);

public sealed record ClosureDto(Guid Id, string FirstDay, string LastDay, string Reason);

public sealed record PlaybookEntryDto(Guid Id, string Question, string Answer, int Order);

public sealed record PracticeDto(
    Guid Id,
    string Name,
    string GreetingText,
    string Specialty,
    string TimeZone,
    string Address,
    string AccessInstructions,
    IReadOnlyList<PhoneLineDto> PhoneNumbers,
    string? RoutineNumber,
    string? UrgentNumber,
    string AfterHoursPolicy,
    string? AfterHoursForwardNumber,
    bool ObservesAlsaceMosellePublicHolidays,
    bool ClosedOnPublicHolidays,
    int? SlotStepMinutes,
    IReadOnlyList<string> SqueezeInRoles,
    IReadOnlyList<string> DocumentsToBring,
    MessageDeliveryDto MessageDelivery,
    IReadOnlyList<OpeningHoursDto> OpeningHours,
    IReadOnlyList<ClosureDto> Closures,
    IReadOnlyList<PlaybookEntryDto> Playbook,
    Instant CreatedAt,
    int QueueMaximumWaitSeconds,
    string QueueOverflow);

public sealed record PractitionerDto(
    Guid Id, string DisplayName, string Specialty, string? Rpps, string? UrgentContactNumber, string? Email, string Preferences, bool IsActive);

public sealed record AppointmentTypeDto(
    Guid Id,
    string Name,
    int DurationMinutes,
    int BufferBeforeMinutes,
    int BufferAfterMinutes,
    int MinimumNoticeMinutes,
    int BookingHorizonDays,
    int? MaxPerDayPerPractitioner,
    bool NewPatientsAllowed,
    string Channel,
    IReadOnlyList<Guid> AllowedPractitionerIds,
    string PreparationInstructions,
    IReadOnlyList<string> DocumentsToBring,
    bool IsActive);

internal static class PracticeMapping
{
    public static IReadOnlyList<PhoneLineDto> PhoneLines(this Practice p) => p.UrgentNumber is null
        ? [new("routine", p.RoutineNumber)]
        : [new("routine", p.RoutineNumber), new("urgent", p.UrgentNumber)];

    public static PracticeSummaryDto ToSummary(this Practice p) =>
        new(p.Id.Value, p.Name, p.Specialty.ToCode(), p.TimeZoneId, p.PhoneLines());

    public static PracticeDto ToDto(this Practice p) => new(
        p.Id.Value, p.Name, p.GreetingText, p.Specialty.ToCode(), p.TimeZoneId, p.Address, p.AccessInstructions,
        p.PhoneLines(), p.RoutineNumber, p.UrgentNumber, p.AfterHoursPolicy.ToCode(), p.AfterHoursForwardNumber,
        p.ObservesAlsaceMosellePublicHolidays, p.ClosedOnPublicHolidays, p.SlotStepMinutes, p.SqueezeInRoles, p.DocumentsToBring,
        new MessageDeliveryDto(p.MessageDelivery.ByEmail, p.MessageDelivery.UrgentBySms, p.MessageDelivery.UrgentAcknowledgementMinutes, p.MessageDelivery.PracticeEmail),
        [.. p.OpeningHours.OrderBy(r => r.Day).ThenBy(r => r.Start).Select(ToDto)],
        [.. p.Closures.OrderBy(c => c.FirstDay).Select(ToDto)],
        [.. p.Playbook.OrderBy(e => e.Order).ThenBy(e => e.Question, StringComparer.Ordinal).Select(ToDto)],
        p.CreatedAt, p.QueueMaximumWaitSeconds, p.QueueOverflow.ToCode());

    public static OpeningHoursDto ToDto(this OpeningHoursRange r) => new(
        InputParsing.DayCode(r.Day), InputParsing.TimePattern.Format(r.Start), InputParsing.TimePattern.Format(r.End));

    public static ClosureDto ToDto(this PracticeClosure c) =>
        new(c.Id, InputParsing.DatePattern.Format(c.FirstDay), InputParsing.DatePattern.Format(c.LastDay), c.Reason);

    public static PlaybookEntryDto ToDto(this PlaybookEntry e) => new(e.Id, e.Question, e.Answer, e.Order);

    public static PractitionerDto ToDto(this Practitioner p) =>
        new(p.Id.Value, p.DisplayName, p.Specialty.ToCode(), p.Rpps, p.UrgentContactNumber, p.Email, p.Preferences, p.IsActive);

    public static AppointmentTypeDto ToDto(this AppointmentType t) => new(
        t.Id.Value, t.Name, t.DurationMinutes, t.BufferBeforeMinutes, t.BufferAfterMinutes, t.MinimumNoticeMinutes,
        t.BookingHorizonDays, t.MaxPerDayPerPractitioner, t.NewPatientsAllowed, t.Channel.ToCode(),
        [.. t.AllowedPractitioners.Select(id => id.Value)], t.PreparationInstructions, t.DocumentsToBring, t.IsActive);
}
