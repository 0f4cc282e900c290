using Permanence.Core.Patients;

namespace Permanence.Web.Scheduling;

/// <summary>
/// Body of <c>POST /appointments</c>: a slot (practitioner, type, start) or a hold to confirm, and a known patient
/// (<see cref="PatientId"/>) or a new one (<see cref="Patient"/>).
/// </summary>
public sealed record BookAppointmentRequest(
    Guid? PractitionerId,
    Guid? AppointmentTypeId,
    string? Start,
    Guid? PatientId,
    PatientInput? Patient,
    Guid? HoldId,
    Guid? CallId,
    SqueezeInRequest? SqueezeIn,
    string? Notes);

/// <summary>An explicit, reasoned request to book over existing appointments (urgent patient); audited.</summary>
public sealed record SqueezeInRequest(string? Reason);

public sealed record HoldRequest(Guid? PractitionerId, Guid? AppointmentTypeId, string? Start, bool? PatientIsNew);

/// <param name="SchedulingError">The appointment was a booking mistake; counted in the scheduling error rate.</param>
public sealed record CancelRequest(string? Reason, Guid? CallId, bool? SchedulingError = null);

/// <param name="SchedulingError">The appointment was a booking mistake; counted in the scheduling error rate.</param>
public sealed record RescheduleRequest(string? Start, Guid? PractitionerId, Guid? CallId, string? Reason, bool? SchedulingError = null);

public sealed record StatusChangeRequest(Guid? CallId);
