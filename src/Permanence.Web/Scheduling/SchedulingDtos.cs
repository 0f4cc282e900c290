using NodaTime;
using Permanence.Core.Scheduling;

namespace Permanence.Web.Scheduling;

/// <summary>Times are shown with the practice's offset (2026-03-30T09:00:00+02:00), so they read as the practice's clock.</summary>
public sealed record SlotDto(Guid PractitionerId, Guid AppointmentTypeId, OffsetDateTime Start, OffsetDateTime End);

public sealed record AppointmentDto(
    Guid Id,
    Guid PractitionerId,
    Guid AppointmentTypeId,
    Guid? PatientId,
    OffsetDateTime Start,
    OffsetDateTime End,
    string Status,
    bool IsSqueezeIn,
    string? SqueezeInReason,
    Instant? HoldExpiresAt,
    string? Notes,
    string? CancellationReason,
    Guid? RescheduledFromId,
    Guid? CallId,
    string? PreparationInstructions,
    IReadOnlyList<string> DocumentsToBring);

public sealed record AppointmentHistoryDto(Instant At, string Action, string Actor, Guid? CallId, string Detail);

public sealed record AppointmentDetailsDto(AppointmentDto Appointment, IReadOnlyList<AppointmentHistoryDto> History);

public sealed record BookingResultDto(AppointmentDto Appointment, IReadOnlyList<AppointmentDto> SqueezedOver);

internal static class SchedulingMapping
{
    public static string StatusCode(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Held => "held",
        AppointmentStatus.Booked => "booked",
        AppointmentStatus.Cancelled => "cancelled",
        AppointmentStatus.Completed => "completed",
        AppointmentStatus.NoShow => "no_show",
        AppointmentStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static SlotDto ToDto(this Slot slot, DateTimeZone zone) => new(
        slot.PractitionerId.Value, slot.AppointmentTypeId.Value,
        slot.Time.Start.InZone(zone).ToOffsetDateTime(), slot.Time.End.InZone(zone).ToOffsetDateTime());

    public static AppointmentDto ToDto(this StoredAppointment a, DateTimeZone zone, Core.Practices.AppointmentType? type = null) => new(
        a.Id.Value, a.PractitionerId.Value, a.AppointmentTypeId.Value, a.PatientId?.Value,
        a.Start.InZone(zone).ToOffsetDateTime(), a.End.InZone(zone).ToOffsetDateTime(),
        StatusCode(a.Status), a.IsSqueezeIn, a.SqueezeInReason, a.HoldExpiresAt, a.Notes, a.CancellationReason,
        a.RescheduledFromId?.Value, a.CallId,
        string.IsNullOrWhiteSpace(type?.PreparationInstructions) ? null : type.PreparationInstructions,
        type?.DocumentsToBring ?? []);
}
