using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Calls;

public abstract class CallLogApiTests
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 16, 9, 0);
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected CallLogApiTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    private static string Period(Instant from, Instant to) =>
        $"from={Uri.EscapeDataString(Telephony.Iso(from))}&to={Uri.EscapeDataString(Telephony.Iso(to))}";

    [Fact]
    public async Task The_call_log_filters_by_period_outcome_agent_patient_category_and_urgency_and_pages()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var agent = Guid.NewGuid();
        var patient = await admin.CreatePatientAsync(practice.Id);
        var answered = await _app.PostAnsweredCallAsync(practice.RoutineNumber, Monday, agentId: agent);
        var id = $"call-{Guid.NewGuid():N}";
        await _app.PostCallAsync(Telephony.Event(id, "ringing", Monday + Duration.FromHours(1), practice.RoutineNumber),
            Telephony.Event(id, "ended", Monday + Duration.FromHours(1) + Duration.FromSeconds(30), practice.RoutineNumber));
        await _app.PostAnsweredCallAsync(practice.RoutineNumber, Monday + Duration.FromDays(3));
        var steps = $"/api/practices/{practice.Id}/calls/{answered}/steps";
        (await admin.PostAsJsonAsync($"{steps}/identification", new { callerName = "Thomas Martin", callerIsPatient = true, patientId = patient }, _ct)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"{steps}/triage", new { urgency = "same_day", category = "clinical" }, _ct)).EnsureSuccessStatusCode();

        var baseUrl = $"/api/practices/{practice.Id}/calls?{Period(Monday, Monday + Duration.FromDays(1))}";
        (await Items(admin, baseUrl)).Count.ShouldBe(2);
        (await Items(admin, $"{baseUrl}&outcome=abandoned")).Single().GetProperty("waitSeconds").GetInt32().ShouldBe(30);
        (await Items(admin, $"{baseUrl}&agentId={agent}")).Single().GetProperty("id").GetGuid().ShouldBe(answered);
        (await Items(admin, $"{baseUrl}&patientId={patient}")).Single().GetProperty("id").GetGuid().ShouldBe(answered);
        (await Items(admin, $"{baseUrl}&category=clinical&urgency=same_day")).Single().GetProperty("id").GetGuid().ShouldBe(answered);
        (await Items(admin, $"{baseUrl}&urgency=emergency")).ShouldBeEmpty();

        var page = await (await admin.GetAsync($"{baseUrl}&pageSize=1&page=2", _ct)).ReadAsync<JsonElement>();
        page.GetProperty("total").GetInt32().ShouldBe(2);
        page.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_corrected_category_urgency_or_disposition_is_what_search_export_and_figures_count()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, Monday);
        var record = $"/api/practices/{practice.Id}/calls/{call}";
        (await admin.PostAsJsonAsync($"{record}/steps/triage", new { urgency = "routine", category = "information" }, _ct)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"{record}/wrap-up", new { disposition = "resolved" }, _ct)).EnsureSuccessStatusCode();

        foreach (var (field, value) in new[] { ("category", "clinical"), ("urgency", "urgent"), ("disposition", "message_taken") })
        {
            var corrected = await admin.PostAsJsonAsync($"{record}/corrections", new { field, newValue = value, reason = "Chest pain mentioned at the end" }, _ct);
            corrected.StatusCode.ShouldBe(HttpStatusCode.Created, await corrected.Content.ReadAsStringAsync(_ct));
            _app.Clock.AdvanceSeconds(1);
        }

        var period = Period(Monday, Monday + Duration.FromDays(1));
        var calls = $"/api/practices/{practice.Id}/calls?{period}";
        (await Items(admin, $"{calls}&category=clinical&urgency=urgent")).Single().GetProperty("disposition").GetString().ShouldBe("message_taken");
        (await Items(admin, $"{calls}&category=information")).ShouldBeEmpty();
        (await Items(admin, $"{calls}&urgency=routine")).ShouldBeEmpty();
        var csv = await admin.GetStringAsync($"/api/practices/{practice.Id}/calls.csv?{period}", _ct);
        csv.ShouldContain("clinical");
        csv.ShouldNotContain("information");
        var kpis = await (await admin.GetAsync($"/api/practices/{practice.Id}/kpis?{period}", _ct)).ReadAsync<JsonElement>();
        kpis.GetProperty("byCategory").GetProperty("clinical").GetInt32().ShouldBe(1);
        kpis.GetProperty("byCategory").TryGetProperty("information", out _).ShouldBeFalse();
        kpis.GetProperty("byUrgency").GetProperty("urgent").GetInt32().ShouldBe(1);

        var corrections = (await (await admin.GetAsync(record, _ct)).ReadAsync<JsonElement>()).GetProperty("corrections").EnumerateArray()
            .Select(c => (c.GetProperty("field").GetString(), c.GetProperty("previousValue").GetString(), c.GetProperty("newValue").GetString())).ToList();
        corrections.ShouldBe([("category", "information", "clinical"), ("urgency", "routine", "urgent"), ("disposition", "resolved", "message_taken")]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("from=2026-11-16&to=2026-11-17")]
    [InlineData("from=2026-11-17T00:00:00%2B01:00&to=2026-11-16T00:00:00%2B01:00")]
    [InlineData("from=2026-11-16T00:00:00%2B01:00&to=2026-11-17T00:00:00%2B01:00&outcome=lost")]
    [InlineData("from=2026-11-16T00:00:00%2B01:00&to=2026-11-17T00:00:00%2B01:00&pageSize=0")]
    [InlineData("from=2026-11-16T00:00:00%2B01:00&to=2026-11-17T00:00:00%2B01:00&page=10737420&pageSize=200")]
    [InlineData("from=2026-11-16T00:00:00%2B01:00&to=2026-11-17T00:00:00%2B01:00&page=2147483647")]
    public async Task A_bad_or_inverted_period_or_filter_is_400_problem(string query)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var response = await admin.GetAsync($"/api/practices/{practice.Id}/calls?{query}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).TryGetProperty("errors", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("from=9999-12-30T23:00:00-05:00&to=9999-12-31T23:00:00-05:00")]
    [InlineData("from=-9998-01-01T00:00:00Z&to=-9998-01-02T00:00:00Z")]
    public async Task A_period_outside_the_years_a_call_log_can_hold_is_400_problem_on_every_log_route(string query)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        await _app.PostAnsweredCallAsync(practice.RoutineNumber, Monday);

        foreach (var route in new[] { $"/api/practices/{practice.Id}/calls", $"/api/practices/{practice.Id}/calls.csv", "/api/telephony/unknown-number-calls" })
        {
            var response = await admin.GetAsync($"{route}?{query}", _ct);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{route}: {await response.Content.ReadAsStringAsync(_ct)}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("from", out _).ShouldBeTrue(route);
        }
    }

    [Fact]
    public async Task The_csv_export_has_ids_and_codes_but_no_names_or_numbers()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, Monday);
        (await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/calls/{call}/steps/identification",
            new { callerName = "Gaspard Secret", callerIsPatient = true, callbackNumber = "0612345678" }, _ct)).EnsureSuccessStatusCode();

        var response = await admin.GetAsync($"/api/practices/{practice.Id}/calls.csv?{Period(Monday, Monday + Duration.FromDays(1))}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync(_ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(2);
        lines[0].ShouldStartWith("CallId,PracticeId,Line,StartedAt");
        lines[1].ShouldContain(call.ToString());
        lines[1].ShouldContain("answered");
        var all = string.Join('\n', lines);
        all.ShouldNotContain("Gaspard");
        all.ShouldNotContain("+33612345678");
        (await admin.GetAsync($"/api/practices/{practice.Id}/calls.csv?from=yesterday&to=today", _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_secretary_of_one_practice_gets_404_on_every_call_route_of_another()
    {
        using var admin = _app.AdminClient();
        var mine = await admin.CreatePracticeWithLinesAsync("Cabinet A");
        var other = await admin.CreatePracticeWithLinesAsync("Cabinet B");
        var call = await _app.PostAnsweredCallAsync(other.RoutineNumber, Monday);
        using var secretary = _app.ClientWithKey(await admin.CreateApiKeyAsync("secretary", mine.Id));
        var period = Period(Monday, Monday + Duration.FromDays(1));
        var b = $"/api/practices/{other.Id}";

        (await secretary.GetAsync($"{b}/calls?{period}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.GetAsync($"{b}/calls.csv?{period}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.GetAsync($"{b}/calls/{call}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.GetAsync($"{b}/callers?phone=0612345678", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.PostAsJsonAsync($"{b}/calls/{call}/steps/reason", new { text = "x" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.PostAsJsonAsync($"{b}/calls/{call}/wrap-up", new { disposition = "resolved" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.PostAsJsonAsync($"{b}/calls/{call}/corrections", new { field = "reason", newValue = "x", reason = "y" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.PostAsJsonAsync($"{b}/calls/{call}/patient", new { lastName = "X" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The call of B cannot be reached through A's route either.
        (await secretary.GetAsync($"/api/practices/{mine.Id}/calls/{call}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_call_contract_routes()
    {
        using var admin = _app.AdminClient();
        var document = await (await admin.GetAsync("/openapi/v1.json", _ct)).ReadAsync<JsonElement>();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/telephony/events");
        paths.ShouldContain("/api/practices/{practiceId}/calls");
        paths.ShouldContain("/api/practices/{practiceId}/inbox");
    }

    private async Task<List<JsonElement>> Items(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        return [.. (await response.ReadAsync<JsonElement>()).GetProperty("items").EnumerateArray()];
    }
}

public sealed class CallLogApiTestsOnSqlite(SqliteApp app) : CallLogApiTests(app), IClassFixture<SqliteApp>;

public sealed class CallLogApiTestsOnPostgres(PostgresApp app) : CallLogApiTests(app), IClassFixture<PostgresApp>;
