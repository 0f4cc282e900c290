using System.Globalization;
using System.Text;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Patients;

namespace Permanence.Data.Demo;

/// <summary>
/// Synthetic patients for the demo practices, drawn from a fixed seed so every run produces the same people. Besides
/// the random ones, the first practice holds the cases caller identification must get right: two homonyms told
/// apart by their birth dates, and a parent and two children sharing one number.
/// </summary>
internal static class DemoPatients
{
    public const int Seed = 20261123;
    public const int FewestPerPractice = 40;
    public const int MostPerPractice = 60;

    private const string MailDomain = "mail." + DemoPractices.EmailDomain;

    private static readonly IReadOnlyList<string> Notes =
    [
        "Préfère être rappelé après 18 h.",
        "Malentendant : parler lentement et distinctement.",
        "Contacter sa fille en cas d'absence de réponse.",
        "Ne pas laisser de message sur le répondeur.",
        "Se déplace en fauteuil roulant.",
    ];

    /// <summary>All patients of all demo practices, in practice order; birth dates are read in each practice's zone.</summary>
    public static List<Patient> Generate(IReadOnlyList<DemoPractice> practices, Instant now)
    {
        var random = new Random(Seed);
        var patients = new List<Patient>();
        foreach (var demo in practices)
        {
            var today = now.InZone(demo.Practice.TimeZone).Date;
            var ofPractice = new List<Patient>();
            if (demo.Key == DemoPractices.Tilleuls)
            {
                ofPractice.AddRange(IdentificationCases(random, demo.Patients));
            }
            var count = random.Next(FewestPerPractice, MostPerPractice + 1);
            while (ofPractice.Count < count)
            {
                var sibling = demo.Patients.SiblingsShareNumber && ofPractice.Count > 0 && random.Next(4) == 0;
                ofPractice.Add(sibling ? SiblingOf(ofPractice[^1], random, demo.Patients, today) : Anyone(random, demo.Patients, today));
            }
            foreach (var patient in ofPractice)
            {
                patient.PracticeId = demo.Practice.Id;
                patient.CreatedAt = now;
            }
            patients.AddRange(ofPractice);
        }
        return patients;
    }

    /// <summary>Two "Thomas Martin" born 33 years apart, and the Lefebvre family on one mobile.</summary>
    private static IEnumerable<Patient> IdentificationCases(Random random, DemoPatientProfile profile)
    {
        yield return Named("Martin", "Thomas", new LocalDate(1958, 3, 14), Mobile(random, profile));
        yield return Named("Martin", "Thomas", new LocalDate(1991, 9, 27), Mobile(random, profile));
        var familyPhone = Mobile(random, profile);
        yield return Named("Lefebvre", "Camille", new LocalDate(1987, 5, 12), familyPhone);
        yield return Named("Lefebvre", "Léo", new LocalDate(2016, 2, 3), familyPhone);
        yield return Named("Lefebvre", "Jade", new LocalDate(2019, 10, 21), familyPhone);
    }

    private static Patient Named(string lastName, string firstName, LocalDate birthDate, string phone) =>
        new() { LastName = lastName, FirstName = firstName, BirthDate = birthDate, Phone = phone };

    private static Patient Anyone(Random random, DemoPatientProfile profile, LocalDate today)
    {
        var lastNames = profile.RegionalLastNames.Count > 0 && random.Next(2) == 0 ? profile.RegionalLastNames : DemoNames.LastNames;
        var lastName = Pick(random, lastNames);
        var birthDate = BirthDate(random, profile, today);
        var firstName = FirstName(random, birthDate);
        return new Patient
        {
            LastName = lastName,
            FirstName = firstName,
            BirthDate = birthDate,
            Phone = Mobile(random, profile),
            SecondaryPhone = random.Next(100) < 15 ? Mobile(random, profile) : null,
            Email = random.Next(100) < 35 ? EmailOf(firstName, lastName) : null,
            Notes = random.Next(100) < 8 ? Pick(random, Notes) : "",
        };
    }

    /// <summary>A brother or sister of <paramref name="child"/>: same surname, reached through the same parent's numbers.</summary>
    private static Patient SiblingOf(Patient child, Random random, DemoPatientProfile profile, LocalDate today)
    {
        var birthDate = BirthDate(random, profile, today);
        return new Patient
        {
            LastName = child.LastName,
            FirstName = FirstName(random, birthDate),
            BirthDate = birthDate,
            Phone = child.Phone,
            SecondaryPhone = child.SecondaryPhone,
        };
    }

    private static string FirstName(Random random, LocalDate birthDate)
    {
        var recent = birthDate.Year >= DemoNames.FirstYearOfRecentNames;
        return random.Next(2) == 0
            ? Pick(random, recent ? DemoNames.RecentFemaleFirstNames : DemoNames.ClassicFemaleFirstNames)
            : Pick(random, recent ? DemoNames.RecentMaleFirstNames : DemoNames.ClassicMaleFirstNames);
    }

    private static LocalDate BirthDate(Random random, DemoPatientProfile profile, LocalDate today) =>
        today.PlusYears(-random.Next(profile.YoungestAge, profile.OldestAge + 1)).PlusDays(-random.Next(0, 365));

    private static string Mobile(Random random, DemoPatientProfile profile)
    {
        var block = Pick(random, profile.MobileBlocks);
        var number = new StringBuilder(block.Prefix);
        for (var i = 0; i < block.FreeDigits; i++)
        {
            number.Append((char)('0' + random.Next(10)));
        }
        return PhoneNumber.FromE164(number.ToString()).E164;
    }

    private static string EmailOf(string firstName, string lastName) =>
        $"{AsciiLower(firstName)}.{AsciiLower(lastName)}@{MailDomain}";

    /// <summary>Lower-case ASCII form of a name for an address: accents dropped ("Hélène" → "helene").</summary>
    private static string AsciiLower(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var ascii = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
        {
            ascii.Append(c == ' ' ? '-' : char.ToLowerInvariant(c));
        }
        return ascii.ToString();
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
