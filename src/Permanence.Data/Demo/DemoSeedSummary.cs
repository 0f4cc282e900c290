namespace Permanence.Data.Demo;

/// <summary>A demo staff account the web host can print at start-up.</summary>
/// <param name="RoleCode">Role code from <c>StaffRoles</c> (administrator, supervisor, secretary…).</param>
public sealed record DemoLogin(string Email, string RoleCode, string DisplayName);

/// <summary>
/// What the demo secretariat holds after seeding. The counts cover the demo practices and the demo staff only, and
/// are the same whether this run created them or found them already there.
/// </summary>
/// <param name="CreatedAnything">True when this run added practices or staff accounts; false on a repeated run.</param>
public sealed record DemoSeedSummary(
    int Practices,
    int Practitioners,
    int AppointmentTypes,
    int Patients,
    int StaffAccounts,
    int Appointments,
    IReadOnlyList<DemoLogin> Logins,
    string Password,
    bool CreatedAnything);
