namespace Permanence.Core.Common;

/// <summary>Medical or paramedical specialty of a practice or practitioner; codes are part of the public contract.</summary>
public enum Specialty
{
    General,
    Pediatrics,
    Cardiology,
    Dermatology,
    Physiotherapy,
    Dentistry,
    Psychiatry,
    Gynecology,
    Ophthalmology,
    Surgery,
    SpeechTherapy,
}

/// <summary>Conversions between <see cref="Specialty"/> and its snake_case code (<c>speech_therapy</c>).</summary>
public static class SpecialtyCodes
{
    private static readonly Dictionary<string, Specialty> ByCode = Enum.GetValues<Specialty>()
        .ToDictionary(ToCode, s => s, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> All => ByCode.Keys;

    public static string ToCode(this Specialty specialty) => specialty switch
    {
        Specialty.General => "general",
        Specialty.Pediatrics => "pediatrics",
        Specialty.Cardiology => "cardiology",
        Specialty.Dermatology => "dermatology",
        Specialty.Physiotherapy => "physiotherapy",
        Specialty.Dentistry => "dentistry",
        Specialty.Psychiatry => "psychiatry",
        Specialty.Gynecology => "gynecology",
        Specialty.Ophthalmology => "ophthalmology",
        Specialty.Surgery => "surgery",
        Specialty.SpeechTherapy => "speech_therapy",
        _ => throw new ArgumentOutOfRangeException(nameof(specialty), specialty, null),
    };

    /// <summary>Strict parse: null for an unknown code (API validation rejects it).</summary>
    public static Specialty? TryParse(string? code) =>
        code is not null && ByCode.TryGetValue(code.Trim(), out var s) ? s : null;

    /// <summary>Lenient parse for triage: an unknown or missing specialty is treated as general.</summary>
    public static Specialty ParseOrGeneral(string? code) => TryParse(code) ?? Specialty.General;
}
