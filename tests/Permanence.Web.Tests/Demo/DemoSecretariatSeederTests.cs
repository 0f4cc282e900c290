using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Scheduling;
using Permanence.Core.Staff;
using Permanence.Data;
using Permanence.Data.Demo;

namespace Permanence.Web.Tests.Demo;

/// <summary>
/// Most tests read the one secretariat the fixture seeded; the idempotence and determinism tests seed again on purpose.
/// </summary>
public sealed class DemoSecretariatSeederTests(SeededDemoSecretariat seeded) : IClassFixture<SeededDemoSecretariat>
{
    private static readonly Instant Now = SeededDemoSecretariat.Now;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Seeding_creates_a_secretariat_that_meets_the_minimums()
    {
        var summary = seeded.Summary;

        summary.CreatedAnything.ShouldBeTrue();
        summary.Practices.ShouldBeGreaterThanOrEqualTo(7);
        summary.Practitioners.ShouldBeGreaterThanOrEqualTo(15);
        summary.Patients.ShouldBeGreaterThanOrEqualTo(200);
        summary.AppointmentTypes.ShouldBeGreaterThanOrEqualTo(summary.Practices * 3);
        summary.StaffAccounts.ShouldBe(summary.Logins.Count);
        summary.Password.ShouldBe(DemoSecretariatSeeder.DemoPassword);
    }

    [Fact]
    public async Task Counts_in_the_summary_match_the_database()
    {
        var summary = seeded.Summary;

        var stored = await QueryAsync(async db => new[]
        {
            await db.Practices.IgnoreQueryFilters().CountAsync(Cancellation),
            await db.Practitioners.IgnoreQueryFilters().CountAsync(Cancellation),
            await db.AppointmentTypes.IgnoreQueryFilters().CountAsync(Cancellation),
            await db.Patients.IgnoreQueryFilters().CountAsync(Cancellation),
            await db.Users.CountAsync(Cancellation),
        });
        stored.ShouldBe([summary.Practices, summary.Practitioners, summary.AppointmentTypes, summary.Patients, summary.StaffAccounts]);
    }

    [Fact]
    public async Task Practices_cover_the_listed_specialties_in_Paris_Alsace_Moselle_and_Martinique()
    {
        var practices = await QueryAsync(db => db.Practices.IgnoreQueryFilters().ToListAsync(Cancellation));
        practices.Select(p => p.Specialty).Distinct().ShouldBe(
            [Specialty.General, Specialty.Pediatrics, Specialty.Cardiology, Specialty.Physiotherapy, Specialty.Dentistry,
                Specialty.Psychiatry, Specialty.SpeechTherapy],
            ignoreOrder: true);
        practices.Count(p => p.Specialty == Specialty.General).ShouldBeGreaterThanOrEqualTo(2);
        practices.ShouldContain(p => p.ObservesAlsaceMosellePublicHolidays && p.TimeZoneId == "Europe/Paris");
        practices.ShouldContain(p => p.TimeZoneId == "America/Martinique" && p.RoutineNumber.StartsWith("+596596", StringComparison.Ordinal));
        practices.ShouldAllBe(p => TimeZones.TryGet(p.TimeZoneId) != null);
        practices.Select(p => p.RoutineNumber).ShouldBeUnique();
    }

    [Fact]
    public async Task Practices_are_fully_configured()
    {
        var practices = await QueryAsync(db => db.Practices.IgnoreQueryFilters()
            .Include(p => p.OpeningHours).Include(p => p.Closures).Include(p => p.Playbook).ToListAsync(Cancellation));
        foreach (var practice in practices)
        {
            practice.GreetingText.ShouldContain("{secretary}");
            practice.RenderGreeting("Léa").ShouldNotContain("{");
            practice.Address.ShouldNotBeEmpty();
            practice.AccessInstructions.ShouldNotBeEmpty();
            practice.DocumentsToBring.ShouldNotBeEmpty();
            practice.Playbook.Count.ShouldBeInRange(4, 8);
            practice.Closures.ShouldNotBeEmpty();
            practice.Closures.ShouldAllBe(c => c.FirstDay > Now.InUtc().Date && c.FirstDay <= c.LastDay);
            practice.CreatedAt.ShouldBe(Now);
            if (practice.AfterHoursPolicy == AfterHoursPolicy.ForwardToOnCall)
            {
                practice.AfterHoursForwardNumber.ShouldNotBeNull();
            }
        }
        practices.Select(p => p.AfterHoursPolicy).Distinct().Count().ShouldBe(Enum.GetValues<AfterHoursPolicy>().Length);
        practices.Count(p => p.UrgentNumber != null).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Opening_hours_of_every_practice_pass_validation()
    {
        var practices = await QueryAsync(db => db.Practices.IgnoreQueryFilters().Include(p => p.OpeningHours).ToListAsync(Cancellation));
        foreach (var practice in practices)
        {
            practice.OpeningHours.ShouldNotBeEmpty();
            var asInput = practice.OpeningHours
                .Select(r => new OpeningHoursInput(InputParsing.DayCode(r.Day), InputParsing.TimePattern.Format(r.Start), InputParsing.TimePattern.Format(r.End)))
                .ToList();
            var result = PracticeValidation.Apply(asInput, practice.Id);
            result.IsSuccess.ShouldBeTrue($"{practice.Name}: {result.Error?.Message}");
        }
    }

    [Fact]
    public async Task Every_stored_phone_number_is_valid_E164()
    {
        var numbers = await QueryAsync(async db =>
        {
            var practices = await db.Practices.IgnoreQueryFilters().ToListAsync(Cancellation);
            var practitioners = await db.Practitioners.IgnoreQueryFilters().ToListAsync(Cancellation);
            var patients = await db.Patients.IgnoreQueryFilters().ToListAsync(Cancellation);
            return practices.SelectMany(p => new[] { p.RoutineNumber, p.UrgentNumber, p.AfterHoursForwardNumber })
                .Concat(practitioners.Select(p => p.UrgentContactNumber))
                .Concat(patients.SelectMany(p => new[] { p.Phone, p.SecondaryPhone }))
                .OfType<string>()
                .ToList();
        });

        numbers.Count.ShouldBeGreaterThan(200);
        numbers.ShouldAllBe(n => PhoneNumber.TryParse(n, "FR") != null && PhoneNumber.TryParse(n, "FR")!.E164 == n);
    }

    [Fact]
    public async Task Practitioners_have_fictional_RPPS_numbers_and_the_specialty_of_their_practice()
    {
        var (practices, practitioners) = await QueryAsync(async db =>
            (await db.Practices.IgnoreQueryFilters().ToDictionaryAsync(p => p.Id, Cancellation), await db.Practitioners.IgnoreQueryFilters().ToListAsync(Cancellation)));
        practitioners.Select(p => p.Rpps).ShouldBeUnique();
        foreach (var practitioner in practitioners)
        {
            Rpps.TryParse(practitioner.Rpps).ShouldNotBeNull(practitioner.DisplayName);
            practitioner.Rpps!.ShouldStartWith("10");
            practitioner.Specialty.ShouldBe(practices[practitioner.PracticeId].Specialty);
            practitioner.Email.ShouldNotBeNull().ShouldEndWith("@demo.permanence.invalid");
            practitioner.Preferences.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public async Task Appointment_types_are_valid_and_some_are_restricted_to_named_practitioners()
    {
        var (practitioners, types) = await QueryAsync(async db =>
            (await db.Practitioners.IgnoreQueryFilters().ToListAsync(Cancellation), await db.AppointmentTypes.IgnoreQueryFilters().ToListAsync(Cancellation)));
        foreach (var type in types)
        {
            var ofPractice = practitioners.Where(p => p.PracticeId == type.PracticeId).Select(p => p.Id).ToHashSet();
            var input = new AppointmentTypeInput(type.Name, type.DurationMinutes, type.BufferBeforeMinutes, type.BufferAfterMinutes,
                type.MinimumNoticeMinutes, type.BookingHorizonDays, type.MaxPerDayPerPractitioner, type.NewPatientsAllowed,
                type.Channel.ToCode(), [.. type.AllowedPractitioners.Select(id => id.Value)], type.PreparationInstructions,
                type.DocumentsToBring, type.IsActive);
            var result = PracticeValidation.Apply(input, type.PracticeId, ofPractice);
            result.IsSuccess.ShouldBeTrue($"{type.Name}: {result.Error?.Message}");
        }
        types.Count(t => t.AllowedPractitioners.Count > 0).ShouldBeGreaterThanOrEqualTo(2);
        types.ShouldContain(t => t.Channel == AppointmentChannel.Video);
        types.ShouldContain(t => t.Channel == AppointmentChannel.HomeVisit);
    }

    [Fact]
    public async Task Patients_include_homonyms_and_a_family_sharing_one_number()
    {
        var patients = await QueryAsync(db => db.Patients.IgnoreQueryFilters().ToListAsync(Cancellation));
        var homonyms = patients.GroupBy(p => (p.PracticeId, p.LastName, p.FirstName))
            .Where(g => g.Select(p => p.BirthDate).Distinct().Count() >= 2);
        homonyms.ShouldContain(g => g.Key.LastName == "Martin" && g.Key.FirstName == "Thomas");
        patients.GroupBy(p => (p.PracticeId, p.Phone))
            .ShouldContain(g => g.Count() >= 3 && g.Select(p => p.LastName).Distinct().Count() == 1);
        patients.GroupBy(p => p.PracticeId).ShouldAllBe(g => g.Count() >= 40 && g.Count() <= 60);
        patients.ShouldContain(p => p.Email != null);
        patients.ShouldAllBe(p => p.BirthDate <= Now.InUtc().Date && p.CreatedAt == Now);
    }

    [Fact]
    public async Task Paediatric_patients_are_children()
    {
        var (pediatrics, patients) = await QueryAsync(async db =>
            (await db.Practices.IgnoreQueryFilters().SingleAsync(p => p.Specialty == Specialty.Pediatrics, Cancellation), await db.Patients.IgnoreQueryFilters().ToListAsync(Cancellation)));
        patients.Where(p => p.PracticeId == pediatrics.Id)
            .ShouldAllBe(p => p.BirthDate > Now.InUtc().Date.PlusYears(-18));
    }

    [Fact]
    public async Task Patients_are_the_same_on_every_fresh_seed()
    {
        await using var other = await DemoDatabase.CreateAsync(Now, Cancellation);
        await other.SeedAsync(Cancellation);

        var first = await QueryAsync(PatientIdentitiesAsync);
        var second = await other.QueryAsync(PatientIdentitiesAsync);
        second.ShouldBe(first);
    }

    [Fact]
    public async Task A_second_run_creates_nothing_and_returns_the_same_summary()
    {
        var first = seeded.Summary;

        var second = await seeded.Database.SeedAsync(Cancellation);

        second.CreatedAnything.ShouldBeFalse();
        second.ShouldBe(first with { CreatedAnything = false });
        var users = await QueryAsync(db => db.Users.CountAsync(Cancellation));
        users.ShouldBe(first.StaffAccounts);
    }

    [Fact]
    public async Task Every_role_has_an_account_and_every_demo_login_can_sign_in()
    {
        var summary = seeded.Summary;

        summary.Logins.Select(l => l.RoleCode).Distinct().ShouldBe(StaffRoles.All.Select(r => r.ToCode()), ignoreOrder: true);
        foreach (var login in summary.Logins)
        {
            var (user, passwordAccepted, inRole) = await seeded.Database.WithUsersAsync(async users =>
            {
                var user = (await users.FindByEmailAsync(login.Email)).ShouldNotBeNull(login.Email);
                return (user, await users.CheckPasswordAsync(user, summary.Password), await users.IsInRoleAsync(user, login.RoleCode));
            });
            user.EmailConfirmed.ShouldBeTrue();
            user.DisplayName.ShouldBe(login.DisplayName);
            user.CreatedAt.ShouldBe(Now);
            passwordAccepted.ShouldBeTrue(login.Email);
            inRole.ShouldBeTrue(login.Email);
        }
    }

    [Fact]
    public async Task Secretaries_cover_every_practice_and_work_for_several()
    {
        var summary = seeded.Summary;

        var secretaryEmails = summary.Logins.Where(l => l.RoleCode == StaffRoles.Secretary).Select(l => l.Email).ToList();
        secretaryEmails.Count.ShouldBeInRange(4, 6);
        var (practices, secretaries) = await QueryAsync(async db => (
            await db.Practices.IgnoreQueryFilters().Select(p => p.Id).ToListAsync(Cancellation),
            await db.Users.Include(u => u.Assignments).Where(u => secretaryEmails.Contains(u.Email!)).ToListAsync(Cancellation)));
        secretaries.ShouldAllBe(s => s.Assignments.Count >= 2 && s.Assignments.All(a => a.SkillLevel >= 1 && a.SkillLevel <= 3));
        practices.ShouldAllBe(id => secretaries.Any(s => s.Assignments.Any(a => a.PracticeId == id)));
    }

    [Fact]
    public async Task Two_weeks_of_past_calls_are_seeded_once_with_the_timings_the_ingestion_would_derive()
    {
        var before = await QueryAsync(db => db.Calls.IgnoreQueryFilters().CountAsync(Cancellation));

        await seeded.Database.SeedAsync(Cancellation);

        var (calls, events) = await QueryAsync(async db => (
            await db.Calls.IgnoreQueryFilters().ToListAsync(Cancellation),
            await db.CallEvents.IgnoreQueryFilters().ToListAsync(Cancellation)));
        calls.Count.ShouldBe(before);
        calls.Count.ShouldBeGreaterThan(500);
        calls.ShouldAllBe(c => c.StartedAt >= Now - Duration.FromDays(14) && c.EndedAt < Now && c.PracticeId != null);
        calls.Select(c => c.PracticeId).Distinct().Count().ShouldBe(seeded.Summary.Practices);
        var eventsByCall = events.ToLookup(e => e.CallId);
        foreach (var call in calls)
        {
            var timeline = CallTimeline.From(eventsByCall[call.Id]);
            (call.Outcome, call.AnsweredAt, call.EndedAt, call.AgentId).ShouldBe((timeline.Outcome, timeline.AnsweredAt, timeline.EndedAt, timeline.AgentId));
        }
        var answered = calls.Where(c => c.Outcome == CallOutcome.Answered).ToList();
        answered.ShouldAllBe(c => c.AgentId != null && c.Category != null && c.Urgency != null && c.Disposition != null && c.WrapUpSeconds > 0 && c.TalkSeconds > 0);
        answered.ShouldContain(c => c.HoldSeconds > 0);
        answered.ShouldContain(c => c.Urgency == UrgencyLevel.Urgent && c.Line == CallLine.Urgent);
        calls.ShouldContain(c => c.Outcome == CallOutcome.Voicemail);
        calls.ShouldContain(c => c.Outcome == CallOutcome.Abandoned);
    }

    /// <summary>Who the patients are, ignoring generated ids: sorted "last first birth-date phone" lines.</summary>
    private static async Task<List<string>> PatientIdentitiesAsync(PermanenceDbContext db) =>
        [.. (await db.Patients.IgnoreQueryFilters().ToListAsync(Cancellation))
            .Select(p => $"{p.LastName} {p.FirstName} {InputParsing.DatePattern.Format(p.BirthDate)} {p.Phone}")
            .Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Every_practitioner_has_sessions_and_the_next_two_weeks_are_partly_booked_without_overlap()
    {
        var (practitioners, withSessions, appointments) = await QueryAsync(async db => (
            await db.Practitioners.CountAsync(p => p.IsActive, Cancellation),
            await db.WeeklySessions.Select(s => s.PractitionerId).Distinct().CountAsync(Cancellation),
            await db.Appointments.ToListAsync(Cancellation)));

        withSessions.ShouldBe(practitioners);
        appointments.Count.ShouldBeGreaterThan(practitioners * 10);
        appointments.ShouldAllBe(a => a.Status == AppointmentStatus.Booked && a.Start >= Now && a.Start < Now + Duration.FromDays(14));
        ActiveAppointmentsMustNotOverlap.Violations(appointments.Select(a => a.ToExisting())).ShouldBeEmpty();
        seeded.Summary.Appointments.ShouldBe(appointments.Count);
    }

    private Task<T> QueryAsync<T>(Func<PermanenceDbContext, Task<T>> query) => seeded.Database.QueryAsync(query);
}
