using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Web.Console.Settings;
using Permanence.Web.Practices;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Console.Settings;

/// <summary>The settings forms over the real <see cref="PracticeSettings"/> and database: Core validation errors land next to their fields.</summary>
public sealed class SettingsValidationTests : ConsoleTestContext, IClassFixture<SqliteApp>
{
    private readonly SqliteApp _app;
    private readonly CancellationToken _ct = Xunit.TestContext.Current.CancellationToken;

    public SettingsValidationTests(SqliteApp app)
    {
        _app = app;
        UseHost(app);
    }

    private async Task<PracticeId> NewPracticeAsync()
    {
        using var admin = _app.AdminClient();
        return new PracticeId(await admin.CreatePracticeAsync());
    }

    [Fact]
    public async Task Opening_hours_that_end_before_they_start_are_refused_next_to_the_field_and_nothing_is_saved()
    {
        var practice = await NewPracticeAsync();
        var before = await _app.WithDbAsync(db => db.OpeningHours.CountAsync(r => r.PracticeId == practice, _ct));
        var form = Render<OpeningHoursSettings>(p => p.Add(s => s.PracticeId, practice));

        form.FindAll("button").Single(b => b.TextContent == "Ajouter une plage").Click();
        form.Find("#hours-0-day").Change("tuesday");
        form.Find("#hours-0-start").Change("12:00");
        form.Find("#hours-0-end").Change("08:30");
        await form.Find("form").SubmitAsync();

        form.Find("#error-ranges-0--end").TextContent.ShouldBe("End must be after start on the same day.");
        form.Find("#hours-0-end").GetAttribute("aria-describedby").ShouldBe("error-ranges-0--end");
        (await _app.WithDbAsync(db => db.OpeningHours.CountAsync(r => r.PracticeId == practice, _ct))).ShouldBe(before);

        form.Find("#hours-0-end").Change("18:30");
        await form.Find("form").SubmitAsync();

        form.FindAll(".field-error").ShouldBeEmpty();
        form.Find("[role=status]").TextContent.ShouldBe("Enregistré.");
        var saved = await _app.WithDbAsync(db => db.OpeningHours.Where(r => r.PracticeId == practice).ToListAsync(_ct));
        saved.Select(r => (r.Day, r.Start, r.End)).ShouldBe([(IsoDayOfWeek.Tuesday, new LocalTime(12, 0), new LocalTime(18, 30))]);
    }

    [Fact]
    public async Task A_closure_ending_before_it_starts_is_refused_next_to_the_last_day()
    {
        var practice = await NewPracticeAsync();
        var form = Render<ClosuresSettings>(p => p.Add(s => s.PracticeId, practice));

        form.Find("#closure-first").Change("2026-12-24");
        form.Find("#closure-last").Change("2026-12-20");
        await form.Find("form").SubmitAsync();

        form.Find("#error-lastDay").TextContent.ShouldBe("The last day must not be before the first day.");
        (await _app.WithDbAsync(db => db.PracticeClosures.CountAsync(c => c.PracticeId == practice, _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task An_on_call_shift_is_entered_on_the_practice_clock_and_a_missing_label_is_shown_next_to_its_field()
    {
        var practice = await NewPracticeAsync();
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var form = Render<OnCallSettings>(p => p.Add(s => s.PracticeId, practice).Add(s => s.Zone, paris));

        form.Find("#on-call-start").Change("2026-11-28T20:00");
        form.Find("#on-call-end").Change("2026-11-29T08:00");
        form.Find("#on-call-number").Change("06 12 00 00 01");
        await form.Find("form").SubmitAsync();
        form.Find("#error-label").TextContent.ShouldContain("Required");

        form.Find("#on-call-label").Change("Dr Moreau");
        await form.Find("form").SubmitAsync();

        form.FindAll(".field-error").ShouldBeEmpty();
        var shift = await _app.WithDbAsync(db => db.OnCallShifts.SingleAsync(s => s.PracticeId == practice, _ct));
        shift.Start.ShouldBe(Instant.FromUtc(2026, 11, 28, 19, 0));
        form.Find("tbody").TextContent.ShouldContain("samedi 28 novembre 2026 à 20:00");
    }

    [Fact]
    public async Task Saving_the_greeting_keeps_the_queue_and_survey_settings()
    {
        using var admin = _app.AdminClient();
        var created = await admin.PostAsJsonAsync("/api/practices", new
        {
            name = "Cabinet des Tilleuls",
            greetingText = "{practice}, bonjour",
            specialty = "general",
            timeZone = "Europe/Paris",
            routineNumber = TestData.NextPhoneNumber(),
            queueMaximumWaitSeconds = 300,
            queueOverflow = "callback_task",
            offersSatisfactionSurvey = true,
        }, _ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(_ct));
        var practice = new PracticeId((await created.ReadAsync<JsonElement>()).GetProperty("id").GetGuid());
        var dto = await _app.WithDbAsync(async db => (await PracticeEndpoints.LoadAsync(db, practice, tracked: false, _ct))!.ToDto());
        var form = Render<PlaybookSettings>(p => p.Add(s => s.PracticeId, practice).Add(s => s.Practice, dto));

        form.Find("#playbook-greeting").Change("{practice}, {secretary} à votre écoute");
        await form.FindAll("form")[0].SubmitAsync();

        form.Find("[role=status]").TextContent.ShouldBe("Enregistré.");
        var saved = await _app.WithDbAsync(db => db.Practices.AsNoTracking().SingleAsync(p => p.Id == practice, _ct));
        saved.GreetingText.ShouldBe("{practice}, {secretary} à votre écoute");
        (saved.QueueMaximumWaitSeconds, saved.QueueOverflow, saved.OffersSatisfactionSurvey).ShouldBe((300, QueueOverflowPolicy.CallbackTask, true));
    }

    [Fact]
    public async Task An_appointment_type_without_a_name_or_with_a_too_short_duration_shows_both_errors()
    {
        var practice = await NewPracticeAsync();
        var form = Render<AppointmentTypesSettings>(p => p.Add(s => s.PracticeId, practice));

        form.Find("#type-duration").Change("2");
        await form.Find("form").SubmitAsync();

        form.Find("#error-name").TextContent.ShouldNotBeEmpty();
        form.Find("#error-durationMinutes").TextContent.ShouldBe("Duration must be between 5 and 480 minutes.");
        (await _app.WithDbAsync(db => db.AppointmentTypes.CountAsync(t => t.PracticeId == practice, _ct))).ShouldBe(0);
    }
}
