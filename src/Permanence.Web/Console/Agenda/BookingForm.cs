using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Patients;
using Permanence.Web.Scheduling;

namespace Permanence.Web.Console.Agenda;

/// <summary>The slot being booked and what the secretary types about it; turned into the API's booking request.</summary>
public sealed class BookingForm
{
    public required PractitionerId PractitionerId { get; init; }
    public required string PractitionerName { get; init; }
    public required Instant Start { get; set; }
    public AppointmentTypeId? AppointmentTypeId { get; set; }

    /// <summary>The patient identified during the call, when there is one; otherwise a new patient is typed in.</summary>
    public PatientId? PatientId { get; init; }

    public Guid? CallId { get; init; }
    public string LastName { get; set; } = "";
    public string FirstName { get; set; } = "";

    /// <summary>yyyy-MM-dd, as the browser's date input gives it.</summary>
    public string BirthDate { get; set; } = "";

    public string Phone { get; set; } = "";
    public string Notes { get; set; } = "";

    public BookAppointmentRequest ToRequest() => new(
        PractitionerId.Value,
        AppointmentTypeId?.Value,
        NodaTime.Text.InstantPattern.ExtendedIso.Format(Start),
        PatientId?.Value,
        PatientId is null ? new PatientInput(LastName, FirstName, BirthDate, Phone, null, null, null) : null,
        HoldId: null,
        CallId,
        SqueezeIn: null,
        string.IsNullOrWhiteSpace(Notes) ? null : Notes);
}
