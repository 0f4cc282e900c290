using Permanence.Core.Practices;

namespace Permanence.Data.Demo;

/// <summary>One demo practice with its practitioners, its appointment types and the kind of patients it sees.</summary>
internal sealed record DemoPractice(
    string Key,
    Practice Practice,
    IReadOnlyList<Practitioner> Practitioners,
    IReadOnlyList<AppointmentType> AppointmentTypes,
    DemoPatientProfile Patients);

/// <summary>Who the practice's synthetic patients are: an age range in whole years and the local flavour of names and numbers.</summary>
/// <param name="RegionalLastNames">Surnames mixed with the common French ones (empty for none).</param>
/// <param name="MobileBlocks">Blocks of local mobile numbers the patients' numbers are drawn from.</param>
/// <param name="SiblingsShareNumber">Children come in families that give one parent's number (paediatrics).</param>
internal sealed record DemoPatientProfile(
    int YoungestAge,
    int OldestAge,
    IReadOnlyList<string> RegionalLastNames,
    IReadOnlyList<DemoMobileBlock> MobileBlocks,
    bool SiblingsShareNumber = false)
{
    /// <summary>French metropolitan mobiles (06, 07) in blocks libphonenumber knows as valid.</summary>
    public static readonly IReadOnlyList<DemoMobileBlock> MetropolitanMobiles =
        [.. new[] { "+3360", "+3361", "+3362", "+3364", "+3365", "+3366", "+3367", "+3368", "+3375", "+3376", "+3377", "+3378" }
            .Select(prefix => new DemoMobileBlock(prefix, FreeDigits: 7))];

    /// <summary>Martinique mobiles (0696).</summary>
    public static readonly IReadOnlyList<DemoMobileBlock> MartiniqueMobiles =
        [.. new[] { "+59669620", "+59669630", "+59669640", "+59669681" }.Select(prefix => new DemoMobileBlock(prefix, FreeDigits: 4))];
}

/// <summary>A block of mobile numbers: an E.164 prefix followed by <paramref name="FreeDigits"/> digits drawn at random.</summary>
internal sealed record DemoMobileBlock(string Prefix, int FreeDigits);
