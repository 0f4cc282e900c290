namespace Permanence.Core.Common;

/// <summary>Identifies a practice (cabinet), the tenant boundary.</summary>
public readonly record struct PracticeId(Guid Value)
{
    public static PracticeId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a practitioner of a practice.</summary>
public readonly record struct PractitionerId(Guid Value)
{
    public static PractitionerId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a patient record, always owned by one practice.</summary>
public readonly record struct PatientId(Guid Value)
{
    public static PatientId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an appointment type (motif de consultation) of a practice.</summary>
public readonly record struct AppointmentTypeId(Guid Value)
{
    public static AppointmentTypeId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a staff user (secretary, supervisor, practitioner, manager, administrator).</summary>
public readonly record struct StaffUserId(Guid Value)
{
    public static StaffUserId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an appointment (or a hold that may become one).</summary>
public readonly record struct AppointmentId(Guid Value)
{
    public static AppointmentId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}
