using Permanence.Core.Staff;

namespace Permanence.Data.Demo;

/// <summary>A demo staff account and the practices it is assigned to.</summary>
internal sealed record DemoStaffMember(string Email, string DisplayName, StaffRole Role, IReadOnlyList<DemoAssignment> Assignments);

/// <summary>An assignment to a demo practice, named by its key; for secretaries the skill level (1–3) counts.</summary>
internal sealed record DemoAssignment(string PracticeKey, int SkillLevel);

/// <summary>
/// The staff of the demo secretariat: one administrator, one supervisor, five secretaries covering every practice
/// between them, three practice managers and four practitioners. Practitioner accounts use the practitioner's
/// e-mail address.
/// </summary>
internal static class DemoStaff
{
    public static readonly IReadOnlyList<DemoStaffMember> Members =
    [
        new(DemoPractices.Email("sophie.girard"), "Sophie Girard", StaffRole.Administrator, []),
        new(DemoPractices.Email("marc.lemoine"), "Marc Lemoine", StaffRole.Supervisor, Everywhere(skillLevel: 3)),
        new(DemoPractices.Email("lea.fontaine"), "Léa Fontaine", StaffRole.Secretary,
        [
            new(DemoPractices.Tilleuls, 3), new(DemoPractices.Krutenau, 2), new(DemoPractices.Lilas, 2), new(DemoPractices.SaintMichel, 1),
        ]),
        new(DemoPractices.Email("yasmine.cherif"), "Yasmine Chérif", StaffRole.Secretary,
        [
            new(DemoPractices.Lilas, 3), new(DemoPractices.SaintMichel, 3), new(DemoPractices.JardinDesPlantes, 2), new(DemoPractices.Tilleuls, 1),
        ]),
        new(DemoPractices.Email("julien.roux"), "Julien Roux", StaffRole.Secretary,
        [
            new(DemoPractices.Parc, 3), new(DemoPractices.VieuxPort, 3), new(DemoPractices.Capucins, 2),
        ]),
        new(DemoPractices.Email("manon.blanc"), "Manon Blanc", StaffRole.Secretary,
        [
            new(DemoPractices.Krutenau, 3), new(DemoPractices.Capucins, 3), new(DemoPractices.JardinDesPlantes, 3), new(DemoPractices.Parc, 1),
        ]),
        new(DemoPractices.Email("sandrine.louisy"), "Sandrine Louisy", StaffRole.Secretary,
        [
            new(DemoPractices.Savane, 3), new(DemoPractices.Tilleuls, 2), new(DemoPractices.VieuxPort, 1),
        ]),
        new(DemoPractices.Email("catherine.perrin"), "Catherine Perrin", StaffRole.PracticeManager, [new(DemoPractices.Tilleuls, 1)]),
        new(DemoPractices.Email("helene.kieffer"), "Hélène Kieffer", StaffRole.PracticeManager, [new(DemoPractices.Krutenau, 1)]),
        new(DemoPractices.Email("patrick.duval"), "Patrick Duval", StaffRole.PracticeManager, [new(DemoPractices.Parc, 1)]),
        new(DemoPractices.Email("claire.moreau"), "Dr Claire Moreau", StaffRole.Practitioner, [new(DemoPractices.Tilleuls, 1)]),
        new(DemoPractices.Email("antoine.weber"), "Dr Antoine Weber", StaffRole.Practitioner, [new(DemoPractices.Krutenau, 1)]),
        new(DemoPractices.Email("nathalie.bertrand"), "Dr Nathalie Bertrand", StaffRole.Practitioner, [new(DemoPractices.SaintMichel, 1)]),
        new(DemoPractices.Email("josiane.marie-sainte"), "Dr Josiane Marie-Sainte", StaffRole.Practitioner, [new(DemoPractices.Savane, 1)]),
    ];

    private static IReadOnlyList<DemoAssignment> Everywhere(int skillLevel) =>
    [
        .. new[]
        {
            DemoPractices.Tilleuls, DemoPractices.Krutenau, DemoPractices.Lilas, DemoPractices.SaintMichel, DemoPractices.Parc,
            DemoPractices.VieuxPort, DemoPractices.Capucins, DemoPractices.JardinDesPlantes, DemoPractices.Savane,
        }.Select(key => new DemoAssignment(key, skillLevel)),
    ];
}
