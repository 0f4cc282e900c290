namespace Permanence.Core.Scheduling;

/// <summary>How the patient meets the practitioner for an appointment type.</summary>
public enum AppointmentChannel
{
    /// <summary>Au cabinet.</summary>
    InPerson,

    /// <summary>Téléconsultation.</summary>
    Video,

    /// <summary>Visite à domicile.</summary>
    HomeVisit,
}
