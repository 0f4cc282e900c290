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
}

public sealed class OnCallShiftApiTestsOnSqlite(SqliteApp app) : OnCallShiftApiTests(app), IClassFixture<SqliteApp>;

public sealed class OnCallShiftApiTestsOnPostgres(PostgresApp app) : OnCallShiftApiTests(app), IClassFixture<PostgresApp>;
