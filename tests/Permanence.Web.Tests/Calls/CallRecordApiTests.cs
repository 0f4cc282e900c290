using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Data;
using Permanence.Web.Calls;
using Permanence.Web.Tests.Infrastructure;
using Permanence.Web.Tests.Scheduling;

namespace Permanence.Web.Tests.Calls;

public abstract class CallRecordApiTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 7, 45);
    private const string Tuesday9 = "2026-12-01T09:00:00+01:00";
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected CallRecordApiTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task Each_script_step_is_stored_with_its_time_and_the_greeting_names_practice_and_secretary()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet du Script");
        var patient = await admin.CreatePatientAsync(practice.Id);
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0);
        var steps = $"/api/practices/{practice.Id}/calls/{call}/steps";

        await Ok(admin.PostAsJsonAsync($"{steps}/greeting", new { secretaryName = "Julie" }, _ct));
        await Ok(admin.PostAsJsonAsync($"{steps}/identification", new { callerName = "Anne Martin", callerBirthDate = "1950-02-03", callbackNumber = "06 11 22 33 44", callerIsPatient = false, relation = "daughter", patientId = patient }, _ct));
        await Ok(admin.PostAsJsonAsync($"{steps}/reason", new { text = "Renouvellement d'ordonnance pour son père" }, _ct));
        await Ok(admin.PostAsJsonAsync($"{steps}/reformulation", new { text = "Vous souhaitez une ordonnance", confirmed = true }, _ct));
        var targetId = await CreateMessageAsync(admin, practice.Id);
        await Ok(admin.PostAsJsonAsync($"{steps}/action", new { actionKind = "message", targetId }, _ct));
        var detail = await Ok(admin.PostAsJsonAsync($"{steps}/close", new { text = "Le médecin rappellera demain" }, _ct));

        var record = detail.GetProperty("steps");
        record.GetProperty("greeting").GetString().ShouldBe("Cabinet du Script, Julie à votre écoute, bonjour");
        record.GetProperty("callbackNumber").GetString().ShouldBe("+33611223344");
        record.GetProperty("relation").GetString().ShouldBe("daughter");
        record.GetProperty("patientId").GetGuid().ShouldBe(patient);
        record.GetProperty("reformulationConfirmed").GetBoolean().ShouldBeTrue();
        record.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.String);
        detail.GetProperty("actions")[0].GetProperty("targetId").GetGuid().ShouldBe(targetId);
        detail.GetProperty("events").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task An_action_on_an_appointment_or_a_message_of_the_practice_is_stored_with_its_target()
    {
        var agenda = await _app.CreateAgendaAsync();
        var appointment = await agenda.BookedAppointmentAsync(Tuesday9);
        var message = await agenda.MessageAsync();
        var call = await _app.AnsweredCallAsync(agenda);
        var steps = $"/api/practices/{agenda.Practice}/calls/{call}/steps";

        await Ok(agenda.Client.PostAsJsonAsync($"{steps}/action", new { actionKind = "appointment_booked", targetId = appointment }, _ct));
        await Ok(agenda.Client.PostAsJsonAsync($"{steps}/action", new { actionKind = "task", targetId = message, note = "rappeler" }, _ct));

        (await agenda.CallActionsAsync(call)).ShouldBe([("appointment_booked", appointment), ("task", message)]);
    }

    [Fact]
    public async Task An_action_on_another_practices_appointment_or_message_is_400_on_targetId_and_stores_nothing()
    {
        var agenda = await _app.CreateAgendaAsync();
        var call = await _app.AnsweredCallAsync(agenda);
        var elsewhere = await _app.CreateAgendaAsync();
        var theirAppointment = await elsewhere.BookedAppointmentAsync(Tuesday9);
        var theirMessage = await elsewhere.MessageAsync();

        await ActionIsRefusedAsync(agenda, call, "appointment_booked", theirAppointment, "No appointment of this practice has this id.");
        await ActionIsRefusedAsync(agenda, call, "appointment_moved", theirAppointment, "No appointment of this practice has this id.");
        await ActionIsRefusedAsync(agenda, call, "message", theirMessage, "No message or task of this practice has this id.");
        await ActionIsRefusedAsync(agenda, call, "task", theirMessage, "No message or task of this practice has this id.");

        (await agenda.CallActionsAsync(call)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_action_on_an_unknown_id_or_a_target_of_the_other_kind_is_400_on_targetId_and_stores_nothing()
    {
        var agenda = await _app.CreateAgendaAsync();
        var appointment = await agenda.BookedAppointmentAsync(Tuesday9);
        var message = await agenda.MessageAsync();
        var call = await _app.AnsweredCallAsync(agenda);

        await ActionIsRefusedAsync(agenda, call, "appointment_cancelled", Guid.NewGuid(), "No appointment of this practice has this id.");
        await ActionIsRefusedAsync(agenda, call, "task", Guid.NewGuid(), "No message or task of this practice has this id.");
        await ActionIsRefusedAsync(agenda, call, "message", appointment, "No message or task of this practice has this id.");
        await ActionIsRefusedAsync(agenda, call, "appointment_booked", message, "No appointment of this practice has this id.");

        (await agenda.CallActionsAsync(call)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Invalid_step_input_is_400_naming_the_fields_and_changes_nothing()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0);
        var response = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/calls/{call}/steps/identification",
            new { callerName = "", callerBirthDate = "03/02/1950", callbackNumber = "12", callerIsPatient = false, patientId = Guid.NewGuid() }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "callerName", "callerBirthDate", "callbackNumber", "relation", "patientId" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        var stored = await _app.WithDbAsync(db => db.Calls.SingleAsync(c => c.Id == new Core.Calls.CallId(call), _ct));
        stored.IdentifiedAt.ShouldBeNull();
    }

    [Theory]
    [InlineData("reason", "text")]
    [InlineData("close", "text")]
    [InlineData("greeting", "secretaryName")]
    public async Task A_step_text_with_a_nul_character_is_400_naming_the_field_and_changes_nothing(string step, string field)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0);

        var response = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/calls/{call}/steps/{step}",
            new Dictionary<string, string>(StringComparer.Ordinal) { [field] = "Douleur\u0000 thoracique" }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        var stored = await _app.WithDbAsync(db => db.Calls.SingleAsync(c => c.Id == new Core.Calls.CallId(call), _ct));
        (stored.Greeting, stored.Reason, stored.CloseSummary).ShouldBe((null, null, null));
    }

    [Fact]
    public async Task A_greeting_that_would_outgrow_the_call_record_once_filled_in_is_400_and_changes_nothing()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0);
        // As saved before a greeting's filled-in length was checked: 3,300 characters that fill in to over 4,000.
        var greeting = string.Concat(Enumerable.Repeat("{practice} ", 300));
        var practiceId = new Core.Common.PracticeId(practice.Id);
        await _app.WithDbAsync(db => db.Practices.Where(p => p.Id == practiceId).ExecuteUpdateAsync(s => s.SetProperty(p => p.GreetingText, greeting), _ct));

        var response = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/calls/{call}/steps/greeting", new { secretaryName = "Julie" }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("greeting", out _).ShouldBeTrue();
        var stored = await _app.WithDbAsync(db => db.Calls.SingleAsync(c => c.Id == new Core.Calls.CallId(call), _ct));
        stored.Greeting.ShouldBeNull();
    }

    [Fact]
    public async Task Lowering_the_suggested_urgency_needs_a_reason_and_is_audited()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0);
        var triage = $"/api/practices/{practice.Id}/calls/{call}/steps/triage";
        await Ok(admin.PostAsJsonAsync(triage, new { suggestedUrgency = "urgent", suggestedCategory = "clinical" }, _ct));

        var refused = await admin.PostAsJsonAsync(triage, new { urgency = "routine", category = "clinical" }, _ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("downgradeReason", out _).ShouldBeTrue();

        var raised = await Ok(admin.PostAsJsonAsync(triage, new { urgency = "emergency" }, _ct));
        raised.GetProperty("call").GetProperty("urgency").GetString().ShouldBe("emergency");
        (await AuditCountAsync(call)).ShouldBe(0);

        var lowered = await Ok(admin.PostAsJsonAsync(triage, new { urgency = "same_day", downgradeReason = "Symptoms started a week ago, stable" }, _ct));
        lowered.GetProperty("call").GetProperty("urgency").GetString().ShouldBe("same_day");
        lowered.GetProperty("steps").GetProperty("downgradeReason").GetString().ShouldBe("Symptoms started a week ago, stable");
        (await AuditCountAsync(call)).ShouldBe(1);
    }

    [Fact]
    public async Task The_suggestion_is_the_engines_for_the_recorded_reason_and_a_lower_one_sent_with_the_step_does_not_count()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0);
        var steps = $"/api/practices/{practice.Id}/calls/{call}/steps";
        await Ok(admin.PostAsJsonAsync($"{steps}/reason", new { text = "Mon mari a une douleur dans la poitrine qui serre et il transpire beaucoup" }, _ct));

        var refused = await admin.PostAsJsonAsync($"{steps}/triage",
            new { suggestedUrgency = "routine", suggestedCategory = "billing", urgency = "routine", category = "clinical" }, _ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("downgradeReason", out _).ShouldBeTrue();
        (await AuditCountAsync(call)).ShouldBe(0);

        var chosen = await Ok(admin.PostAsJsonAsync($"{steps}/triage", new { suggestedUrgency = "routine", urgency = "emergency" }, _ct));
        chosen.GetProperty("call").GetProperty("suggestedUrgency").GetString().ShouldBe("emergency");
        chosen.GetProperty("call").GetProperty("suggestedCategory").GetString().ShouldBe("clinical");

        var lowered = await Ok(admin.PostAsJsonAsync($"{steps}/triage", new { suggestedUrgency = "routine", urgency = "urgent", downgradeReason = "Pain gone, seen by SOS Médecins" }, _ct));
        lowered.GetProperty("call").GetProperty("suggestedUrgency").GetString().ShouldBe("emergency");
        (await AuditCountAsync(call)).ShouldBe(1);
    }

    [Fact]
    public async Task A_reason_recorded_again_after_triage_raises_the_suggestion_and_a_chosen_urgency_left_below_it()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0);
        var steps = $"/api/practices/{practice.Id}/calls/{call}/steps";
        await Ok(admin.PostAsJsonAsync($"{steps}/reason", new { text = "Renouvellement d'ordonnance pour son père" }, _ct));
        var triaged = await Ok(admin.PostAsJsonAsync($"{steps}/triage", new { urgency = "routine" }, _ct));
        triaged.GetProperty("call").GetProperty("suggestedUrgency").GetString().ShouldBe("routine");

        var retold = await Ok(admin.PostAsJsonAsync($"{steps}/reason",
            new { text = "En fait il a une douleur dans la poitrine qui serre et il transpire beaucoup" }, _ct));

        retold.GetProperty("call").GetProperty("suggestedUrgency").GetString().ShouldBe("emergency");
        retold.GetProperty("call").GetProperty("urgency").GetString().ShouldBe("emergency", "no urgency stays below the engine's without a reason");
        (await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == call.ToString() && a.Action == "call.urgency_raised", _ct))).ShouldBe(1);

        var calmer = await Ok(admin.PostAsJsonAsync($"{steps}/reason", new { text = "Renouvellement d'ordonnance pour son père" }, _ct));
        calmer.GetProperty("call").GetProperty("suggestedUrgency").GetString().ShouldBe("emergency", "a suggestion never goes down");
    }

    [Fact]
    public async Task A_correction_lowering_the_urgency_below_the_suggestion_is_audited_as_a_downgrade()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0);
        var baseUrl = $"/api/practices/{practice.Id}/calls/{call}";
        await Ok(admin.PostAsJsonAsync($"{baseUrl}/steps/reason", new { text = "Mon mari a une douleur dans la poitrine qui serre et il transpire beaucoup" }, _ct));
        await Ok(admin.PostAsJsonAsync($"{baseUrl}/steps/triage", new { urgency = "emergency" }, _ct));
        _app.Clock.AdvanceSeconds(30);
        await Ok(admin.PostAsJsonAsync($"{baseUrl}/wrap-up", new { disposition = "emergency_escalated" }, _ct));

        (await admin.PostAsJsonAsync($"{baseUrl}/corrections", new { field = "urgency", newValue = "urgent", reason = "Conference with the SAMU: not an emergency" }, _ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync($"{baseUrl}/corrections", new { field = "urgency", newValue = "emergency", reason = "Back to the first choice" }, _ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        (await AuditCountAsync(call)).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_corrections_of_a_field_never_claim_to_replace_the_same_value()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0, waitSeconds: 5, talkSeconds: 100);
        var baseUrl = $"/api/practices/{practice.Id}/calls/{call}";
        await Ok(admin.PostAsJsonAsync($"{baseUrl}/steps/triage", new { urgency = "routine", category = "information" }, _ct));
        await Ok(admin.PostAsJsonAsync($"{baseUrl}/wrap-up", new { disposition = "resolved" }, _ct));
        string[] categories = ["clinical", "billing", "prescription", "other", "results_followup", "appointment_book"];

        var responses = await Task.WhenAll(categories.Select(category =>
            admin.PostAsJsonAsync($"{baseUrl}/corrections", new { field = "category", newValue = category, reason = "Reclassified" }, _ct)));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict);
        var detail = await (await admin.GetAsync(baseUrl, _ct)).ReadAsync<JsonElement>();
        var replaced = detail.GetProperty("corrections").EnumerateArray().Select(c => c.GetProperty("previousValue").GetString()).ToList();
        replaced.Count.ShouldBe(responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        // Each new value is different: in one chain of corrections every value is replaced at most once.
        replaced.ShouldBeUnique();
        replaced.ShouldContain("information");
        replaced.ShouldNotContain(detail.GetProperty("call").GetProperty("category").GetString());
    }

    [Fact]
    public async Task After_wrap_up_steps_are_refused_with_409_and_corrections_are_appended()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0, waitSeconds: 5, talkSeconds: 100);
        var baseUrl = $"/api/practices/{practice.Id}/calls/{call}";
        await Ok(admin.PostAsJsonAsync($"{baseUrl}/steps/reason", new { text = "Rendez-vous" }, _ct));
        (await admin.PostAsJsonAsync($"{baseUrl}/corrections", new { field = "reason", newValue = "x", reason = "y" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        _app.Clock.AdvanceSeconds(30);
        var wrapped = await Ok(admin.PostAsJsonAsync($"{baseUrl}/wrap-up", new { disposition = "appointment_handled" }, _ct));
        wrapped.GetProperty("call").GetProperty("disposition").GetString().ShouldBe("appointment_handled");
        wrapped.GetProperty("call").GetProperty("wrapUpSeconds").GetInt32().ShouldBeGreaterThan(0);

        var edit = await admin.PostAsJsonAsync($"{baseUrl}/steps/reason", new { text = "Autre chose" }, _ct);
        edit.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        edit.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await admin.PostAsJsonAsync($"{baseUrl}/wrap-up", new { disposition = "resolved" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var badCorrection = await admin.PostAsJsonAsync($"{baseUrl}/corrections", new { field = "urgency", newValue = "very", reason = "" }, _ct);
        badCorrection.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var correction = await admin.PostAsJsonAsync($"{baseUrl}/corrections", new { field = "reason", newValue = "Annulation de rendez-vous", reason = "Misheard" }, _ct);
        correction.StatusCode.ShouldBe(HttpStatusCode.Created);

        var detail = await (await admin.GetAsync(baseUrl, _ct)).ReadAsync<JsonElement>();
        detail.GetProperty("steps").GetProperty("reason").GetString().ShouldBe("Rendez-vous");
        var corrections = detail.GetProperty("corrections");
        corrections.GetArrayLength().ShouldBe(1);
        corrections[0].GetProperty("newValue").GetString().ShouldBe("Annulation de rendez-vous");
        corrections[0].GetProperty("reason").GetString().ShouldBe("Misheard");
        (await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "call.corrected" && a.EntityId == call.ToString(), _ct))).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_wrap_ups_close_the_record_once()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0, waitSeconds: 5, talkSeconds: 100);
        string[] dispositions = ["resolved", "appointment_handled", "message_taken", "callback_planned", "transferred", "wrong_number", "no_action", "emergency_escalated"];

        var responses = await Task.WhenAll(dispositions.Select(disposition =>
            admin.PostAsJsonAsync($"/api/practices/{practice.Id}/calls/{call}/wrap-up", new { disposition }, _ct)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(dispositions.Length - 1);
        (await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "call.wrapped_up" && a.EntityId == call.ToString(), _ct))).ShouldBe(1);
    }

    [Fact]
    public async Task A_step_read_before_a_wrap_up_and_saved_after_it_is_409_and_changes_nothing()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0, waitSeconds: 5, talkSeconds: 100);
        var baseUrl = $"/api/practices/{practice.Id}/calls/{call}";
        await Ok(admin.PostAsJsonAsync($"{baseUrl}/steps/reason", new { text = "Rendez-vous" }, _ct));
        await using var scope = _app.Services.CreateAsyncScope();
        // A step request that read the open record just before a wrap-up: its service finds this tracked, stale call.
        await scope.ServiceProvider.GetRequiredService<PermanenceDbContext>().Calls.Include(c => c.Actions).Include(c => c.Corrections)
            .SingleAsync(c => c.Id == new CallId(call), _ct);
        await Ok(admin.PostAsJsonAsync($"{baseUrl}/wrap-up", new { disposition = "resolved" }, _ct));

        var step = await scope.ServiceProvider.GetRequiredService<CallRecordService>()
            .RecordStepAsync(practice.Id, call, "reason", new CallStepInput(Text: "Autre chose"), _ct);

        step.Error.ShouldBeOfType<ConflictError>();
        var detail = await (await admin.GetAsync(baseUrl, _ct)).ReadAsync<JsonElement>();
        detail.GetProperty("steps").GetProperty("reason").GetString().ShouldBe("Rendez-vous");
    }

    [Fact]
    public async Task A_patient_created_from_a_call_is_linked_to_it()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, T0);
        var response = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/calls/{call}/patient",
            new { lastName = "Nouveau", firstName = "Paul", birthDate = "1990-01-01", phone = "06 98 76 54 32" }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        var patientId = (await response.ReadAsync<JsonElement>()).GetProperty("call").GetProperty("patientId").GetGuid();
        (await _app.WithDbAsync(db => db.Patients.CountAsync(p => p.Id == new Core.Common.PatientId(patientId), _ct))).ShouldBe(1);

        var invalid = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/calls/{call}/patient", new { lastName = "" }, _ct);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Homonyms_are_all_candidates_whatever_the_case_and_accents()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        await CreatePatientAsync(admin, practice.Id, "Lefèvre", "Jean", "1970-05-06", "0611111111");
        await CreatePatientAsync(admin, practice.Id, "LEFEVRE", "Jeanne", "1970-05-06", "0622222222");
        await CreatePatientAsync(admin, practice.Id, "Lefèvre", "Jacques", "1971-05-06", "0633333333");

        var candidates = await (await admin.GetAsync($"/api/practices/{practice.Id}/callers?lastName=lefevre&birthDate=1970-05-06", _ct)).ReadAsync<JsonElement>();
        candidates.EnumerateArray().Select(c => c.GetProperty("firstName").GetString()).Order(StringComparer.Ordinal).ShouldBe(["Jean", "Jeanne"]);
        (await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "patient.search" && a.PracticeId == new Core.Common.PracticeId(practice.Id), _ct))).ShouldBe(1);
    }

    [Fact]
    public async Task A_shared_family_number_finds_every_patient_on_it()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        await CreatePatientAsync(admin, practice.Id, "Durand", "Marie", "1980-01-01", "0644444444");
        await CreatePatientAsync(admin, practice.Id, "Durand", "Léo", "2015-01-01", "0655555555", secondaryPhone: "0644444444");
        await CreatePatientAsync(admin, practice.Id, "Autre", "Personne", "1980-01-01", "0666666666");

        var candidates = await (await admin.GetAsync($"/api/practices/{practice.Id}/callers?phone={Uri.EscapeDataString("+33644444444")}", _ct)).ReadAsync<JsonElement>();
        candidates.GetArrayLength().ShouldBe(2);
        candidates.EnumerateArray().Select(c => c.GetProperty("matchedOn").GetString()).Order(StringComparer.Ordinal).ShouldBe(["phone", "secondary_phone"]);

        (await admin.GetAsync($"/api/practices/{practice.Id}/callers?phone=12", _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync($"/api/practices/{practice.Id}/callers", _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task CreatePatientAsync(HttpClient client, Guid practiceId, string lastName, string firstName, string birthDate, string phone, string? secondaryPhone = null)
    {
        var response = await client.PostAsJsonAsync($"/api/practices/{practiceId}/patients", new { lastName, firstName, birthDate, phone, secondaryPhone }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private async Task ActionIsRefusedAsync(Agenda agenda, Guid call, string actionKind, Guid targetId, string error)
    {
        var response = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/calls/{call}/steps/action", new { actionKind, targetId }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("targetId").EnumerateArray().Select(e => e.GetString()).ShouldBe([error]);
    }

    /// <summary>A message for a new practitioner of the practice; its id.</summary>
    private async Task<Guid> CreateMessageAsync(HttpClient admin, Guid practiceId)
    {
        var practitioner = await admin.CreatePractitionerAsync(practiceId);
        var response = await admin.PostAsJsonAsync($"/api/practices/{practiceId}/messages",
            new { practitionerId = practitioner, kind = "message", subject = "Ordonnance", body = "Renouvellement pour son père.", priority = "routine" }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private Task<int> AuditCountAsync(Guid call) =>
        _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "call.urgency_downgraded" && a.EntityId == call.ToString(), _ct));

    private async Task<JsonElement> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        return await response.ReadAsync<JsonElement>();
    }
}

public sealed class CallRecordApiTestsOnSqlite(SqliteApp app) : CallRecordApiTests(app), IClassFixture<SqliteApp>;

public sealed class CallRecordApiTestsOnPostgres(PostgresApp app) : CallRecordApiTests(app), IClassFixture<PostgresApp>;
