using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>An appointment someone wants to book: practitioner, type, start instant, and whether the patient is new to the practice.</summary>
public sealed record BookingCandidate(PractitionerId PractitionerId, AppointmentType Type, Instant Start, bool PatientIsNew);
