namespace Permanence.Core.Staff;

/// <summary>What a staff member may do; codes are part of the API.</summary>
public enum StaffRole
{
    Administrator,
    Supervisor,
    Secretary,
    Practitioner,
    PracticeManager,
}

/// <summary>Conversions between <see cref="StaffRole"/> and its snake_case code.</summary>
public static class StaffRoles
{
    public const string Administrator = "administrator";
    public const string Supervisor = "supervisor";
    public const string Secretary = "secretary";
    public const string Practitioner = "practitioner";
    public const string PracticeManager = "practice_manager";

    public static IReadOnlyList<StaffRole> All { get; } = Enum.GetValues<StaffRole>();

    public static string ToCode(this StaffRole role) => role switch
    {
        StaffRole.Administrator => Administrator,
        StaffRole.Supervisor => Supervisor,
        StaffRole.Secretary => Secretary,
        StaffRole.Practitioner => Practitioner,
        StaffRole.PracticeManager => PracticeManager,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static StaffRole? TryParse(string? code) =>
        All.Cast<StaffRole?>().FirstOrDefault(r => string.Equals(r!.Value.ToCode(), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Every role reads patient data in some form, so every role needs a second factor in production.</summary>
    public static bool CanReadPatientData(this StaffRole role) => role switch
    {
        StaffRole.Administrator or StaffRole.Supervisor or StaffRole.Secretary
            or StaffRole.Practitioner or StaffRole.PracticeManager => true,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
