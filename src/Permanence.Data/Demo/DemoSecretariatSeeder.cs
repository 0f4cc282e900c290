using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Staff;
using Permanence.Data.Staff;

namespace Permanence.Data.Demo;

/// <summary>
/// Fills a database with a believable demo secretariat: practices of several specialties (one in Alsace-Moselle, one in
/// Martinique) with their practitioners, appointment types, playbooks and synthetic patients, and a staff account for
/// every role. Idempotent: when the first demo practice already exists the practice data is left as it is, and a staff
/// account is only created when its e-mail is unknown, so a repeated run changes nothing. It works on the demo
/// practices whatever the practice scope of the context, so its queries ignore the practice filters.
/// </summary>
public sealed class DemoSecretariatSeeder(
    PermanenceDbContext db,
    UserManager<StaffUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    IClock clock)
{
    /// <summary>The password of every demo account; meets the Identity default policy and a 12-character minimum.</summary>
    public const string DemoPassword = "Demo-Permanence-2026!";

    /// <summary>Every demo login, in the order they are printed.</summary>
    public static IReadOnlyList<DemoLogin> Logins { get; } =
        [.. DemoStaff.Members.Select(m => new DemoLogin(m.Email, m.Role.ToCode(), m.DisplayName))];

    /// <summary>Routine numbers of the demo practices, which is how they are found in any database.</summary>
    public static IReadOnlyList<string> PracticeRoutineNumbers(Instant now) => [.. DemoPractices.Build(now).Select(p => p.Practice.RoutineNumber)];

    public async Task<DemoSeedSummary> SeedAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var practices = DemoPractices.Build(now);
        var createdPractices = await AddPracticesUnlessPresentAsync(practices, now, cancellationToken);
        await StaffRoleRows.EnsureAsync(roles);
        var practiceIds = await DemoPracticeIdsAsync(practices, cancellationToken);
        var createdStaff = await EnsureStaffAsync(practiceIds, now);
        var createdAgendas = await DemoAgendas.AddUnlessPresentAsync(db, practiceIds.Values, now, cancellationToken);
        var createdCalls = await DemoCalls.AddUnlessPresentAsync(db, practiceIds.Values, now, cancellationToken);
        return await SummariseAsync(practiceIds.Values.ToList(), createdPractices || createdStaff || createdAgendas || createdCalls, cancellationToken);
    }

    private async Task<bool> AddPracticesUnlessPresentAsync(IReadOnlyList<DemoPractice> practices, Instant now, CancellationToken cancellationToken)
    {
        if (await db.Practices.IgnoreQueryFilters().AnyAsync(p => p.RoutineNumber == DemoPractices.FirstRoutineNumber, cancellationToken))
        {
            return false;
        }
        foreach (var demo in practices)
        {
            db.Practices.Add(demo.Practice);
            db.Practitioners.AddRange(demo.Practitioners);
            db.AppointmentTypes.AddRange(demo.AppointmentTypes);
        }
        db.Patients.AddRange(DemoPatients.Generate(practices, now));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Ids of the demo practices as stored, by key; they are found by routine number, so this works on a repeated run.</summary>
    private async Task<Dictionary<string, PracticeId>> DemoPracticeIdsAsync(IReadOnlyList<DemoPractice> practices, CancellationToken cancellationToken)
    {
        var routineNumbers = practices.Select(p => p.Practice.RoutineNumber).ToList();
        var stored = await db.Practices
            .IgnoreQueryFilters()
            .Where(p => routineNumbers.Contains(p.RoutineNumber))
            .ToDictionaryAsync(p => p.RoutineNumber, p => p.Id, cancellationToken);
        return practices
            .Where(p => stored.ContainsKey(p.Practice.RoutineNumber))
            .ToDictionary(p => p.Key, p => stored[p.Practice.RoutineNumber], StringComparer.Ordinal);
    }

    private async Task<bool> EnsureStaffAsync(Dictionary<string, PracticeId> practiceIds, Instant now)
    {
        var created = false;
        foreach (var member in DemoStaff.Members)
        {
            if (await users.FindByEmailAsync(member.Email) is not null)
            {
                continue;
            }
            var user = new StaffUser
            {
                Id = Guid.CreateVersion7(),
                UserName = member.Email,
                Email = member.Email,
                EmailConfirmed = true,
                DisplayName = member.DisplayName,
                CreatedAt = now,
                Assignments =
                [
                    .. member.Assignments
                        .Where(a => practiceIds.ContainsKey(a.PracticeKey))
                        .Select(a => new StaffPracticeAssignment { PracticeId = practiceIds[a.PracticeKey], SkillLevel = a.SkillLevel }),
                ],
            };
            Succeeded(await users.CreateAsync(user, DemoPassword), member.Email);
            Succeeded(await users.AddToRoleAsync(user, member.Role.ToCode()), member.Email);
            created = true;
        }
        return created;
    }

    private async Task<DemoSeedSummary> SummariseAsync(List<PracticeId> practiceIds, bool createdAnything, CancellationToken cancellationToken)
    {
        var staffEmails = DemoStaff.Members.Select(m => users.NormalizeEmail(m.Email)).ToList();
        return new DemoSeedSummary(
            Practices: practiceIds.Count,
            Practitioners: await db.Practitioners.IgnoreQueryFilters().CountAsync(p => practiceIds.Contains(p.PracticeId), cancellationToken),
            AppointmentTypes: await db.AppointmentTypes.IgnoreQueryFilters().CountAsync(t => practiceIds.Contains(t.PracticeId), cancellationToken),
            Patients: await db.Patients.IgnoreQueryFilters().CountAsync(p => practiceIds.Contains(p.PracticeId), cancellationToken),
            StaffAccounts: await db.Users.CountAsync(u => staffEmails.Contains(u.NormalizedEmail!), cancellationToken),
            Appointments: await db.Appointments.IgnoreQueryFilters().CountAsync(a => practiceIds.Contains(a.PracticeId), cancellationToken),
            Logins: Logins,
            Password: DemoPassword,
            CreatedAnything: createdAnything);
    }

    /// <summary>Identity refusing a demo account or role means the demo data breaks the configured policy: a bug, so it throws.</summary>
    private static void Succeeded(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create demo {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
