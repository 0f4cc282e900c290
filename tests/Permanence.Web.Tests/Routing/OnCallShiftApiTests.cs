using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Routing;

public abstract class OnCallShiftApiTests
{
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected OnCallShiftApiTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task A_shift_is_added_listed_and_removed()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var url = $"/api/practices/{practice.Id}/on-call-shifts";

        var created = await admin.PostAsJsonAsync(url, new
        {
            start = "2026-11-28T20:00:00+01:00",
            end = "2026-11-29T08:00:00+01:00",
            number = "06 12 00 00 01",
            label = "Dr Moreau",
        }, _ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(_ct));
        var shift = await created.ReadAsync<JsonElement>();
        shift.GetProperty("number").GetString().ShouldBe("+33612000001");

        var listed = await (await admin.GetAsync(url, _ct)).ReadAsync<JsonElement>();
        listed.GetArrayLength().ShouldBe(1);

        (await admin.DeleteAsync($"{url}/{shift.GetProperty("id").GetGuid()}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await admin.GetAsync(url, _ct)).ReadAsync<JsonElement>()).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_shift_ending_before_it_starts_with_a_bad_number_is_400_naming_the_fields()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();

        var response = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/on-call-shifts", new
        {
            start = "2026-11-29T08:00:00+01:00",
            end = "2026-11-28T20:00:00+01:00",
            number = "12",
            label = "Dr Moreau",
        }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("end", out _).ShouldBeTrue();
        errors.TryGetProperty("number", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_shift_in_a_far_year_is_400_naming_its_bounds()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();

        var response = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/on-call-shifts", new
        {
            start = "9999-12-31T20:00:00-05:00",
            end = "9999-12-31T23:00:00-05:00",
            number = "06 12 34 56 78",
            label = "Dr Moreau",
        }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("start", out _).ShouldBeTrue();
        errors.TryGetProperty("end", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_nul_in_a_shift_label_is_400_and_adds_no_shift()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var url = $"/api/practices/{practice.Id}/on-call-shifts";

        var response = await admin.PostAsJsonAsync(url, new
        {
            start = "2026-11-28T20:00:00+01:00",
            end = "2026-11-29T08:00:00+01:00",
            number = "06 12 00 00 01",
            label = "Dr\u0000 Moreau",
        }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("label", out _).ShouldBeTrue();
        (await (await admin.GetAsync(url, _ct)).ReadAsync<JsonElement>()).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Coverage_gaps_are_the_after_hours_periods_no_shift_covers()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet des Gardes");
        var weekdays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new { day, start = "08:00", end = "19:00" });
        (await admin.PutAsJsonAsync($"/api/practices/{practice.Id}/opening-hours", weekdays, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await AddShiftAsync(admin, practice.Id, "2026-11-27T19:00:00+01:00", "2026-11-28T08:00:00+01:00", "Dr Moreau");
        await AddShiftAsync(admin, practice.Id, "2026-11-28T20:00:00+01:00", "2026-11-30T08:00:00+01:00", "SOS Médecins");
        using var manager = _app.ClientWithKey(await admin.CreateApiKeyAsync("practice_manager", practice.Id));

        var response = await manager.GetAsync(
            $"/api/practices/{practice.Id}/on-call-gaps?from=2026-11-27T12:00:00%2B01:00&to=2026-11-30T12:00:00%2B01:00", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        var gaps = (await response.ReadAsync<JsonElement>()).EnumerateArray().ToList();
        gaps.ShouldHaveSingleItem();
        gaps[0].GetProperty("start").GetString().ShouldBe("2026-11-28T07:00:00Z");
        gaps[0].GetProperty("end").GetString().ShouldBe("2026-11-28T19:00:00Z");
        gaps[0].GetProperty("minutes").GetInt32().ShouldBe(720);
    }

    [Fact]
    public async Task A_coverage_window_ending_before_it_starts_is_400_and_another_practice_is_404()
    {
        using var admin = _app.AdminClient();
        var mine = await admin.CreatePracticeWithLinesAsync("Cabinet Surveillé");
        var other = await admin.CreatePracticeWithLinesAsync("Cabinet Voisin");
        using var supervisor = _app.ClientWithKey(await admin.CreateApiKeyAsync("supervisor", mine.Id));

        var backwards = await supervisor.GetAsync($"/api/practices/{mine.Id}/on-call-gaps?from=2026-11-30T08:00:00Z&to=2026-11-29T08:00:00Z", _ct);
        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("to", out _).ShouldBeTrue();
        (await supervisor.GetAsync($"/api/practices/{other.Id}/on-call-gaps", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Adding_and_removing_a_shift_is_audited()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet Audité");
        var id = await AddShiftAsync(admin, practice.Id, "2026-12-05T20:00:00+01:00", "2026-12-06T08:00:00+01:00", "Dr Moreau");
        (await admin.DeleteAsync($"/api/practices/{practice.Id}/on-call-shifts/{id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var entries = await (await admin.GetAsync($"/api/audit?practiceId={practice.Id}&action=on_call_shift.", _ct)).ReadAsync<JsonElement>();

        entries.EnumerateArray().Where(e => e.GetProperty("entityId").GetString() == id.ToString())
            .Select(e => e.GetProperty("action").GetString()).Order().ShouldBe(["on_call_shift.create", "on_call_shift.delete"]);
    }

    private async Task<Guid> AddShiftAsync(HttpClient client, Guid practiceId, string start, string end, string label)
    {
        var created = await client.PostAsJsonAsync($"/api/practices/{practiceId}/on-call-shifts", new { start, end, number = "06 12 00 00 01", label }, _ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(_ct));
        return (await created.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}

public sealed class OnCallShiftApiTestsOnSqlite(SqliteApp app) : OnCallShiftApiTests(app), IClassFixture<SqliteApp>;

public sealed class OnCallShiftApiTestsOnPostgres(PostgresApp app) : OnCallShiftApiTests(app), IClassFixture<PostgresApp>;
