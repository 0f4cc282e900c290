using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Practices;

public abstract class PracticeApiTests
{
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected PracticeApiTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task Health_and_ready_answer_without_credentials()
    {
        using var anonymous = _app.CreateClient();
        (await anonymous.GetAsync("/health", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/ready", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Practices_without_credentials_is_401_problem_json()
    {
        using var anonymous = _app.CreateClient();
        var response = await anonymous.GetAsync("/api/practices", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task An_unknown_api_key_is_401()
    {
        using var client = _app.ClientWithKey("pmk_not-a-real-key");
        (await client.GetAsync("/api/practices", _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_bootstrap_key_lists_created_practices_with_contract_fields()
    {
        using var admin = _app.AdminClient();
        var id = await admin.CreatePracticeAsync("Cabinet du Contrat", "cardiology");
        var practices = await (await admin.GetAsync("/api/practices", _ct)).ReadAsync<JsonElement>();
        var practice = practices.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id);
        practice.GetProperty("name").GetString().ShouldBe("Cabinet du Contrat");
        practice.GetProperty("specialty").GetString().ShouldBe("cardiology");
        practice.GetProperty("timeZone").GetString().ShouldBe("Europe/Paris");
        practice.GetProperty("phoneNumbers")[0].GetProperty("number").GetString()!.ShouldStartWith("+331");
    }

    [Fact]
    public async Task Invalid_practice_is_400_naming_every_field_and_writes_nothing()
    {
        using var admin = _app.AdminClient();
        var before = await _app.WithDbAsync(db => db.Practices.CountAsync(_ct));
        var response = await admin.PostAsJsonAsync("/api/practices",
            new { name = "", specialty = "astrology", timeZone = "Europe/Atlantis", routineNumber = "123", urgentNumber = "abc" }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "name", "greetingText", "specialty", "timeZone", "routineNumber", "urgentNumber" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        (await _app.WithDbAsync(db => db.Practices.CountAsync(_ct))).ShouldBe(before);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("greetingText")]
    [InlineData("address")]
    [InlineData("documentsToBring")]
    public async Task A_nul_in_a_practice_text_is_400_naming_the_field_and_writes_nothing(string field)
    {
        using var admin = _app.AdminClient();
        var body = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["name"] = "Cabinet des Tilleuls",
            ["greetingText"] = "{practice}, bonjour",
            ["specialty"] = "general",
            ["timeZone"] = "Europe/Paris",
            ["address"] = "12 rue des Tilleuls",
            ["routineNumber"] = TestData.NextPhoneNumber(),
            ["documentsToBring"] = new[] { "Carte Vitale" },
        };
        body[field] = field == "documentsToBring" ? new[] { "Carte Vitale\u0000" } : $"{body[field]}\u0000";
        var before = await _app.WithDbAsync(db => db.Practices.CountAsync(_ct));

        var response = await admin.PostAsJsonAsync("/api/practices", body, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field]);
        (await _app.WithDbAsync(db => db.Practices.CountAsync(_ct))).ShouldBe(before);
    }

    [Fact]
    public async Task A_nul_in_a_playbook_answer_is_400_and_writes_nothing()
    {
        using var admin = _app.AdminClient();
        var practiceId = await admin.CreatePracticeAsync();
        var practice = new Core.Common.PracticeId(practiceId);

        var response = await admin.PostAsJsonAsync($"/api/practices/{practiceId}/playbook",
            new { question = "Parking ?", answer = "Rue des Tilleuls\u0000", order = 1 }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("answer", out _).ShouldBeTrue();
        (await _app.WithDbAsync(db => db.PlaybookEntries.CountAsync(e => e.PracticeId == practice, _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_greeting_that_would_outgrow_a_call_record_once_filled_in_is_400_and_writes_nothing()
    {
        using var admin = _app.AdminClient();
        var before = await _app.WithDbAsync(db => db.Practices.CountAsync(_ct));

        var response = await admin.PostAsJsonAsync("/api/practices", new
        {
            name = new string('N', 200),
            greetingText = string.Concat(Enumerable.Repeat("{practice}, {secretary} ", 20)),
            specialty = "general",
            timeZone = "Europe/Paris",
            routineNumber = TestData.NextPhoneNumber(),
        }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("greetingText", out _).ShouldBeTrue();
        (await _app.WithDbAsync(db => db.Practices.CountAsync(_ct))).ShouldBe(before);
    }

    [Fact]
    public async Task Malformed_json_is_400_problem_not_500()
    {
        using var admin = _app.AdminClient();
        using var body = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await admin.PostAsync("/api/practices", body, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_phone_number_leads_to_one_practice_only()
    {
        using var admin = _app.AdminClient();
        var practice = TestData.Practice("Premier");
        (await admin.PostAsJsonAsync("/api/practices", practice, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await admin.PostAsJsonAsync("/api/practices", practice, _ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Overlapping_opening_hours_are_rejected_and_the_previous_schedule_kept()
    {
        using var admin = _app.AdminClient();
        var id = await admin.CreatePracticeAsync();
        var good = new[] { new { day = "monday", start = "08:30", end = "12:30" }, new { day = "monday", start = "14:00", end = "19:00" } };
        (await admin.PutAsJsonAsync($"/api/practices/{id}/opening-hours", good, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var overlapping = new[] { new { day = "tuesday", start = "08:30", end = "12:30" }, new { day = "tuesday", start = "12:00", end = "19:00" } };
        var response = await admin.PutAsJsonAsync($"/api/practices/{id}/opening-hours", overlapping, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var practice = await (await admin.GetAsync($"/api/practices/{id}", _ct)).ReadAsync<JsonElement>();
        var hours = practice.GetProperty("openingHours").EnumerateArray().Select(h => $"{h.GetProperty("day").GetString()} {h.GetProperty("start").GetString()}").ToList();
        hours.ShouldBe(["monday 08:30", "monday 14:00"]);
    }

    [Fact]
    public async Task Practitioner_with_a_ten_digit_rpps_is_rejected()
    {
        using var admin = _app.AdminClient();
        var id = await admin.CreatePracticeAsync();
        var response = await admin.PostAsJsonAsync($"/api/practices/{id}/practitioners", new { displayName = "Dr X", specialty = "general", rpps = "1000345678" }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("rpps", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Appointment_types_closures_and_playbook_round_trip()
    {
        using var admin = _app.AdminClient();
        var id = await admin.CreatePracticeAsync();
        var practitioner = await admin.CreatePractitionerAsync(id);
        var type = await admin.PostAsJsonAsync($"/api/practices/{id}/appointment-types", new
        {
            name = "Échographie cardiaque",
            durationMinutes = 45,
            bufferAfterMinutes = 10,
            channel = "in_person",
            allowedPractitionerIds = new[] { practitioner },
            preparationInstructions = "Apporter les anciens ECG",
            documentsToBring = new[] { "Carte Vitale", "Ordonnance" },
        }, _ct);
        type.StatusCode.ShouldBe(HttpStatusCode.Created);
        var closure = await admin.PostAsJsonAsync($"/api/practices/{id}/closures", new { firstDay = "2026-12-24", lastDay = "2027-01-02", reason = "Congés" }, _ct);
        closure.StatusCode.ShouldBe(HttpStatusCode.Created);
        var faq = await admin.PostAsJsonAsync($"/api/practices/{id}/playbook", new { question = "Où se garer ?", answer = "Parking Indigo rue Oberkampf" }, _ct);
        faq.StatusCode.ShouldBe(HttpStatusCode.Created);

        var types = await (await admin.GetAsync($"/api/practices/{id}/appointment-types", _ct)).ReadAsync<JsonElement>();
        types[0].GetProperty("durationMinutes").GetInt32().ShouldBe(45);
        types[0].GetProperty("allowedPractitionerIds")[0].GetGuid().ShouldBe(practitioner);
        var practice = await (await admin.GetAsync($"/api/practices/{id}", _ct)).ReadAsync<JsonElement>();
        practice.GetProperty("closures")[0].GetProperty("lastDay").GetString().ShouldBe("2027-01-02");
        practice.GetProperty("playbook")[0].GetProperty("question").GetString().ShouldBe("Où se garer ?");
    }

    [Fact]
    public async Task Closure_ending_before_it_starts_is_rejected()
    {
        using var admin = _app.AdminClient();
        var id = await admin.CreatePracticeAsync();
        var response = await admin.PostAsJsonAsync($"/api/practices/{id}/closures", new { firstDay = "2026-12-24", lastDay = "2026-12-20" }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Allowed_practitioners_must_belong_to_the_practice()
    {
        using var admin = _app.AdminClient();
        var mine = await admin.CreatePracticeAsync();
        var other = await admin.CreatePracticeAsync();
        var foreign = await admin.CreatePractitionerAsync(other);
        var response = await admin.PostAsJsonAsync($"/api/practices/{mine}/appointment-types",
            new { name = "Consultation", durationMinutes = 20, allowedPractitionerIds = new[] { foreign } }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_practice_with_patients_cannot_be_deleted()
    {
        using var admin = _app.AdminClient();
        var id = await admin.CreatePracticeAsync();
        await admin.CreatePatientAsync(id);
        (await admin.DeleteAsync($"/api/practices/{id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var empty = await admin.CreatePracticeAsync();
        (await admin.DeleteAsync($"/api/practices/{empty}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetAsync($"/api/practices/{empty}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_contract_routes()
    {
        using var admin = _app.AdminClient();
        var document = await (await admin.GetAsync("/openapi/v1.json", _ct)).ReadAsync<JsonElement>();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/practices");
        paths.ShouldContain("/api/practices/{practiceId}/practitioners");
        paths.ShouldContain("/api/practices/{practiceId}/appointment-types");
    }
}

public sealed class PracticeApiTestsOnSqlite(SqliteApp app) : PracticeApiTests(app), IClassFixture<SqliteApp>;

public sealed class PracticeApiTestsOnPostgres(PostgresApp app) : PracticeApiTests(app), IClassFixture<PostgresApp>;
