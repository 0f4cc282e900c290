using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Quality;

public abstract class StaffingApiTests
{
    /// <summary>Monday 9 November 2026, 00:00 in Paris (UTC+1).</summary>
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 8, 23, 0);
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected StaffingApiTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    private static string Period(Instant from, Instant to) =>
        $"from={Uri.EscapeDataString(Telephony.Iso(from))}&to={Uri.EscapeDataString(Telephony.Iso(to))}";

    [Fact]
    public async Task Two_weeks_of_history_give_the_monday_nine_oclock_rate_and_handling_time()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet des Effectifs");
        var hours = new[] { new { day = "monday", start = "08:00", end = "12:00" } };
        (await admin.PutAsJsonAsync($"/api/practices/{practice.Id}/opening-hours", hours, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var nine = Start + Duration.FromHours(9);
        await _app.PostAnsweredCallAsync(practice.RoutineNumber, nine, talkSeconds: 120);
        await _app.PostAnsweredCallAsync(practice.RoutineNumber, nine + Duration.FromMinutes(20), talkSeconds: 120);
        await _app.PostAnsweredCallAsync(practice.RoutineNumber, nine + Duration.FromDays(7) + Duration.FromMinutes(10), talkSeconds: 240);
        // After hours: goes to voicemail or on-call, not into the secretaries' profile.
        await _app.PostAnsweredCallAsync(practice.RoutineNumber, Start + Duration.FromHours(20));

        using var supervisor = _app.ClientWithKey(await admin.CreateApiKeyAsync("supervisor", practice.Id));
        var response = await supervisor.GetAsync($"/api/staffing?{Period(Start, Start + Duration.FromDays(14))}&targetSeconds=20&targetServiceLevel=0.9", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        var plan = await response.ReadAsync<JsonElement>();

        plan.GetProperty("calls").GetInt32().ShouldBe(3);
        plan.GetProperty("averageHandlingSeconds").GetDouble().ShouldBe(160, 1e-9);
        plan.GetProperty("handlingSecondsFromHistory").GetBoolean().ShouldBeTrue();
        plan.GetProperty("targetServiceLevel").GetDouble().ShouldBe(0.9);
        var table = plan.GetProperty("hours");
        table.GetArrayLength().ShouldBe(168);
        table[9].GetProperty("day").GetString().ShouldBe("monday");
        table[9].GetProperty("hour").GetInt32().ShouldBe(9);
        table[9].GetProperty("callsPerHour").GetDouble().ShouldBe(1.5, 1e-9);
        table[9].GetProperty("agents").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        table[20].GetProperty("callsPerHour").GetDouble().ShouldBe(0);
        plan.GetProperty("practicesWithShortHistory").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_practice_served_for_one_week_of_the_window_is_averaged_over_that_week_and_flagged()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet Nouveau");
        var hours = new[] { new { day = "monday", start = "08:00", end = "12:00" } };
        (await admin.PutAsJsonAsync($"/api/practices/{practice.Id}/opening-hours", hours, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Its first calls ring on the second Monday of the two-week window: two at 09:00 that week, none before.
        var secondMondayNine = Start + Duration.FromDays(7) + Duration.FromHours(9);
        await _app.PostAnsweredCallAsync(practice.RoutineNumber, secondMondayNine, talkSeconds: 120);
        await _app.PostAnsweredCallAsync(practice.RoutineNumber, secondMondayNine + Duration.FromMinutes(30), talkSeconds: 120);

        using var supervisor = _app.ClientWithKey(await admin.CreateApiKeyAsync("supervisor", practice.Id));
        var plan = await (await supervisor.GetAsync($"/api/staffing?{Period(Start, Start + Duration.FromDays(14))}", _ct)).ReadAsync<JsonElement>();

        plan.GetProperty("hours")[9].GetProperty("callsPerHour").GetDouble().ShouldBe(2, 1e-9, "two calls over the one Monday it was served, not over two");
        plan.GetProperty("practicesWithShortHistory").EnumerateArray().Select(p => p.GetGuid()).ShouldBe([practice.Id]);
    }

    [Fact]
    public async Task The_default_target_service_level_comes_from_the_quality_settings()
    {
        using var configured = _app.WithWebHostBuilder(host => host.UseSetting("Quality:ServiceLevelTargetPercent", "90"));
        using var client = configured.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", PermanenceApp.BootstrapKey);
        using var admin = _app.AdminClient();

        var configuredPlan = await (await client.GetAsync($"/api/staffing?{Period(Start, Start + Duration.FromDays(14))}", _ct)).ReadAsync<JsonElement>();
        var defaultPlan = await (await admin.GetAsync($"/api/staffing?{Period(Start, Start + Duration.FromDays(14))}", _ct)).ReadAsync<JsonElement>();

        configuredPlan.GetProperty("targetServiceLevel").GetDouble().ShouldBe(0.9);
        defaultPlan.GetProperty("targetServiceLevel").GetDouble().ShouldBe(0.8);
    }

    [Theory]
    [InlineData(13, "")]
    [InlineData(14, "&targetServiceLevel=1")]
    [InlineData(14, "&targetSeconds=abc")]
    public async Task A_window_under_two_weeks_or_a_bad_target_is_400_problem(int days, string extra)
    {
        using var admin = _app.AdminClient();
        var response = await admin.GetAsync($"/api/staffing?{Period(Start, Start + Duration.FromDays(days))}{extra}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("from=9999-12-01T00:00:00Z&to=9999-12-31T23:00:00-05:00")]
    [InlineData("from=9999-12-01T00:00:00Z&to=9999-12-31T12:00:00Z")]
    [InlineData("from=-9998-01-01T00:00:00Z&to=-9998-02-01T00:00:00Z")]
    public async Task A_history_outside_the_years_a_call_log_can_hold_is_400_problem(string query)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        await _app.PostAnsweredCallAsync(practice.RoutineNumber, Start + Duration.FromHours(9));

        var response = await admin.GetAsync($"/api/staffing?{query}", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("from", out _).ShouldBeTrue();
    }
}

public sealed class StaffingApiTestsOnSqlite(SqliteApp app) : StaffingApiTests(app), IClassFixture<SqliteApp>;

public sealed class StaffingApiTestsOnPostgres(PostgresApp app) : StaffingApiTests(app), IClassFixture<PostgresApp>;
