using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;
using Permanence.Web.Tests.Scheduling;

namespace Permanence.Web.Tests.Quality;

/// <summary>
/// A hand-worked Monday (Paris, UTC+1; open 08:00–12:00 and 14:00–18:00), posted through the signed event API:
/// <code>
/// #  rang (Paris) line     from           outcome    wait talk agent  note
/// 1  09:00        routine  +33612345678   answered   10   120  A      appointment_book/routine, callback task
/// 2  09:30        routine  +33611111111   answered   30   60   B
/// 3  10:00        routine  +33612345678   abandoned  2    —    —      short abandon; repeat of 1 within 24 h
/// 4  10:10        routine  +33622222222   abandoned  40   —    —      long abandon
/// 5  20:00        routine  +33633333333   voicemail  20   —    —      after hours
/// 6  11:00        urgent   +33644444444   answered   5    300  A
/// </code>
/// offered 6, in service hours 5, answered 3 → pick-up 3/5; service level (10 s and 5 s ≤ 15 s) 2/(5−1);
/// ASA (10+30+5)/3 = 15 s; abandonment 1/4; AHT (120+60+300)/3 = 160 s; missed 2; repeat 1/6; callback 1/3;
/// after hours 1/6.
/// </summary>
public abstract class KpiApiTests
{
    private const string Password = "Correct-Horse-Battery-9";
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 16, 0, 0);
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected KpiApiTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    private static string Period(Instant from, Instant to) =>
        $"from={Uri.EscapeDataString(Telephony.Iso(from))}&to={Uri.EscapeDataString(Telephony.Iso(to))}";

    private static readonly string Day = Period(Monday, Monday + Duration.FromDays(1));

    private async Task<(PracticeLines Practice, Guid AgentA, Guid AgentB)> WorkedMondayAsync(HttpClient admin, Guid? agentA = null)
    {
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet des Chiffres");
        var hours = new[] { new { day = "monday", start = "08:00", end = "12:00" }, new { day = "monday", start = "14:00", end = "18:00" } };
        (await admin.PutAsJsonAsync($"/api/practices/{practice.Id}/opening-hours", hours, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var a = agentA ?? Guid.NewGuid();
        var b = Guid.NewGuid();
        var at = (int hour, int minute) => Monday + Duration.FromHours(hour - 1) + Duration.FromMinutes(minute);

        var first = await _app.PostAnsweredCallAsync(practice.RoutineNumber, at(9, 0), waitSeconds: 10, talkSeconds: 120, agentId: a);
        var steps = $"/api/practices/{practice.Id}/calls/{first}/steps";
        (await admin.PostAsJsonAsync($"{steps}/triage", new { urgency = "routine", category = "appointment_book" }, _ct)).EnsureSuccessStatusCode();
        var practitioner = await admin.CreatePractitionerAsync(practice.Id);
        var task = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/messages",
            new { practitionerId = practitioner, kind = "message", subject = "Rappeler le patient", body = "Pour son rendez-vous.", priority = "routine" }, _ct);
        task.StatusCode.ShouldBe(HttpStatusCode.Created, await task.Content.ReadAsStringAsync(_ct));
        var taskId = (await task.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await admin.PostAsJsonAsync($"{steps}/action", new { actionKind = "task", targetId = taskId, note = "rappeler" }, _ct)).EnsureSuccessStatusCode();
        await PostCallAsync(practice.RoutineNumber, "+33611111111", at(9, 30), ("answered", 30, b), ("ended", 90, null));
        await PostCallAsync(practice.RoutineNumber, "+33612345678", at(10, 0), ("ended", 2, null));
        await PostCallAsync(practice.RoutineNumber, "+33622222222", at(10, 10), ("ended", 40, null));
        await PostCallAsync(practice.RoutineNumber, "+33633333333", at(20, 0), ("voicemail", 20, null), ("ended", 50, null));
        await PostCallAsync(practice.UrgentNumber, "+33644444444", at(11, 0), ("answered", 5, a), ("ended", 305, null));
        return (practice, a, b);
    }

    private async Task PostCallAsync(string to, string from, Instant ringingAt, params (string Type, int AfterSeconds, Guid? Agent)[] then)
    {
        var id = $"call-{Guid.NewGuid():N}";
        await _app.PostCallAsync([Telephony.Event(id, "ringing", ringingAt, to, from),
            .. then.Select(e => Telephony.Event(id, e.Type, ringingAt + Duration.FromSeconds(e.AfterSeconds), to, from, e.Agent))]);
    }

    [Fact]
    public async Task The_practice_figures_match_the_hand_worked_monday()
    {
        using var admin = _app.AdminClient();
        var (practice, _, _) = await WorkedMondayAsync(admin);

        var response = await admin.GetAsync($"/api/practices/{practice.Id}/kpis?{Day}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        var kpis = await response.ReadAsync<JsonElement>();

        kpis.GetProperty("offered").GetInt32().ShouldBe(6);
        kpis.GetProperty("offeredInServiceHours").GetInt32().ShouldBe(5);
        kpis.GetProperty("answered").GetInt32().ShouldBe(3);
        kpis.GetProperty("pickUpRate").GetDouble().ShouldBe(0.6, 1e-9);
        kpis.GetProperty("nationalPickUpReference").GetDouble().ShouldBe(0.86);
        kpis.GetProperty("serviceLevel").GetDouble().ShouldBe(0.5, 1e-9);
        kpis.GetProperty("averageSpeedOfAnswerSeconds").GetDouble().ShouldBe(15, 1e-9);
        kpis.GetProperty("abandonedShort").GetInt32().ShouldBe(1);
        kpis.GetProperty("abandonedLong").GetInt32().ShouldBe(1);
        kpis.GetProperty("abandonmentRate").GetDouble().ShouldBe(0.25, 1e-9);
        kpis.GetProperty("averageHandlingSeconds").GetDouble().ShouldBe(160, 1e-9);
        kpis.GetProperty("missed").GetInt32().ShouldBe(2);
        kpis.GetProperty("repeatCallRate").GetDouble().ShouldBe(1.0 / 6, 1e-9);
        kpis.GetProperty("callbackRate").GetDouble().ShouldBe(1.0 / 3, 1e-9);
        kpis.GetProperty("afterHoursShare").GetDouble().ShouldBe(1.0 / 6, 1e-9);
        kpis.GetProperty("schedulingErrorRate").ValueKind.ShouldBe(JsonValueKind.Null);
        kpis.GetProperty("averageSatisfaction").ValueKind.ShouldBe(JsonValueKind.Null);
        kpis.GetProperty("byCategory").GetProperty("appointment_book").GetInt32().ShouldBe(1);
        kpis.GetProperty("byUrgency").GetProperty("routine").GetInt32().ShouldBe(1);

        var heatmap = kpis.GetProperty("heatmap");
        heatmap.GetArrayLength().ShouldBe(7);
        heatmap.EnumerateArray().ShouldAllBe(day => day.GetArrayLength() == 24);
        var monday = heatmap[0];
        (monday[9].GetInt32(), monday[10].GetInt32(), monday[11].GetInt32(), monday[20].GetInt32()).ShouldBe((2, 2, 1, 1));
    }

    [Fact]
    public async Task The_thresholds_come_from_the_quality_settings()
    {
        using var admin = _app.AdminClient();
        var (practice, _, _) = await WorkedMondayAsync(admin);
        // The same log read by a host configured for 30 s of service level and 1 s short abandons: the 30 s answer now
        // counts (3 of 5), and the 2 s abandon is no longer short (2 long abandons of 5 calls in service hours).
        using var configured = _app.WithWebHostBuilder(host =>
        {
            host.UseSetting("Quality:ServiceLevelSeconds", "30");
            host.UseSetting("Quality:ShortAbandonSeconds", "1");
        });
        using var client = configured.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", PermanenceApp.BootstrapKey);

        var kpis = await (await client.GetAsync($"/api/practices/{practice.Id}/kpis?{Day}", _ct)).ReadAsync<JsonElement>();

        kpis.GetProperty("serviceLevel").GetDouble().ShouldBe(0.6, 1e-9);
        kpis.GetProperty("abandonedShort").GetInt32().ShouldBe(0);
        kpis.GetProperty("abandonedLong").GetInt32().ShouldBe(2);
        kpis.GetProperty("abandonmentRate").GetDouble().ShouldBe(0.4, 1e-9);
    }

    [Fact]
    public async Task The_urgent_line_alone_and_each_secretary_have_their_own_figures()
    {
        using var admin = _app.AdminClient();
        var (practice, a, b) = await WorkedMondayAsync(admin);

        var urgent = await (await admin.GetAsync($"/api/practices/{practice.Id}/kpis?{Day}&line=urgent", _ct)).ReadAsync<JsonElement>();
        urgent.GetProperty("line").GetString().ShouldBe("urgent");
        urgent.GetProperty("offered").GetInt32().ShouldBe(1);
        urgent.GetProperty("pickUpRate").GetDouble().ShouldBe(1.0);

        var agents = (await (await admin.GetAsync($"/api/practices/{practice.Id}/kpis/agents?{Day}", _ct)).ReadAsync<JsonElement>())
            .GetProperty("agents").EnumerateArray().ToDictionary(x => x.GetProperty("agentId").GetGuid());
        agents.Count.ShouldBe(2);
        agents[a].GetProperty("answered").GetInt32().ShouldBe(2);
        agents[a].GetProperty("averageSpeedOfAnswerSeconds").GetDouble().ShouldBe(7.5, 1e-9);
        agents[a].GetProperty("averageHandlingSeconds").GetDouble().ShouldBe(210, 1e-9);
        agents[a].GetProperty("callbackRate").GetDouble().ShouldBe(0.5, 1e-9);
        agents[b].GetProperty("answered").GetInt32().ShouldBe(1);
        agents[b].GetProperty("averageHandlingSeconds").GetDouble().ShouldBe(60, 1e-9);
    }

    [Fact]
    public async Task A_secretary_reads_only_their_own_line_and_not_the_practice_figures()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet du Secrétariat");
        var email = $"secretaire-{Guid.NewGuid():N}@demo.permanence.invalid";
        var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            email,
            displayName = "Léa Secrétaire",
            roles = new[] { "secretary" },
            password = Password,
            assignments = new[] { new { practiceId = practice.Id, skillLevel = 2 } },
        }, _ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(_ct));
        var self = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        await _app.PostAnsweredCallAsync(practice.RoutineNumber, Monday + Duration.FromHours(8), agentId: self);
        await _app.PostAnsweredCallAsync(practice.RoutineNumber, Monday + Duration.FromHours(9), agentId: Guid.NewGuid());

        using var console = _app.CookieClient();
        (await console.PostAsJsonAsync("/api/account/login", new { email, password = Password }, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await console.GetAsync($"/api/practices/{practice.Id}/kpis?{Day}", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var own = (await (await console.GetAsync($"/api/practices/{practice.Id}/kpis/agents?{Day}", _ct)).ReadAsync<JsonElement>()).GetProperty("agents");
        own.GetArrayLength().ShouldBe(1);
        own[0].GetProperty("agentId").GetGuid().ShouldBe(self);
    }

    [Fact]
    public async Task Secretariat_figures_cover_the_practices_a_supervisor_is_assigned_to()
    {
        using var admin = _app.AdminClient();
        var (practice, _, _) = await WorkedMondayAsync(admin);
        var other = await admin.CreatePracticeWithLinesAsync("Cabinet Voisin");
        await _app.PostAnsweredCallAsync(other.RoutineNumber, Monday + Duration.FromHours(8));

        using var supervisor = _app.ClientWithKey(await admin.CreateApiKeyAsync("supervisor", practice.Id));
        var response = await supervisor.GetAsync($"/api/kpis?{Day}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        var kpis = await response.ReadAsync<JsonElement>();
        kpis.GetProperty("offered").GetInt32().ShouldBe(6);
        kpis.GetProperty("pickUpRate").GetDouble().ShouldBe(0.6, 1e-9);

        using var manager = _app.ClientWithKey(await admin.CreateApiKeyAsync("practice_manager", practice.Id));
        (await manager.GetAsync($"/api/kpis?{Day}", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await manager.GetAsync($"/api/practices/{practice.Id}/kpis?{Day}", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Appointments_corrected_for_a_scheduling_error_give_the_rate_of_the_period_they_were_booked_in()
    {
        var agenda = await _app.CreateAgendaAsync();
        var booked = new List<Guid>();
        foreach (var start in new[] { "2026-12-01T09:00:00+01:00", "2026-12-01T09:30:00+01:00", "2026-12-01T10:00:00+01:00", "2026-12-01T10:30:00+01:00" })
        {
            var response = await agenda.BookAsync(start);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
            booked.Add((await response.ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("id").GetGuid());
        }
        var appointments = $"/api/practices/{agenda.Practice}/appointments";
        (await agenda.Client.PostAsJsonAsync($"{appointments}/{booked[0]}/cancel", new { reason = "mauvais praticien", schedulingError = true }, _ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await agenda.Client.PostAsJsonAsync($"{appointments}/{booked[1]}/cancel", new { reason = "patient empêché" }, _ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var moved = await agenda.Client.PostAsJsonAsync($"{appointments}/{booked[2]}/reschedule",
            new { start = "2026-12-01T11:00:00+01:00", reason = "mauvaise durée", schedulingError = true }, _ct);
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync(_ct));

        // Five appointments booked today (the move books a new one), two of them corrected for an error.
        var today = _app.Clock.GetCurrentInstant().InUtc().Date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var kpis = await agenda.Client.GetAsync($"/api/practices/{agenda.Practice}/kpis?{Period(today, today + Duration.FromDays(1))}", _ct);
        kpis.StatusCode.ShouldBe(HttpStatusCode.OK, await kpis.Content.ReadAsStringAsync(_ct));
        (await kpis.ReadAsync<JsonElement>()).GetProperty("schedulingErrorRate").GetDouble().ShouldBe(2.0 / 5, 1e-9);

        var yesterday = await agenda.Client.GetAsync($"/api/practices/{agenda.Practice}/kpis?{Period(today - Duration.FromDays(1), today)}", _ct);
        (await yesterday.ReadAsync<JsonElement>()).GetProperty("schedulingErrorRate").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    /// <summary>
    /// Caller ids as providers report a withheld number, posted through the signed event API, one call every ten
    /// minutes from 09:00 (Paris) on the routine line:
    /// <code>
    /// from          anonymous ×2, restricted ×2, Unknown ×2, +266696687 ×2 (Twilio's ANONYMOUS), +33612345678 ×2
    /// </code>
    /// Only the second call of +33612345678 is a repeat: 1/10, for the practice, its routine line and the secretariat.
    /// </summary>
    [Fact]
    public async Task Calls_from_withheld_numbers_are_not_repeats_of_one_another_in_any_figure()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet des Numéros Masqués");
        var agent = Guid.NewGuid();
        var callers = new[] { "anonymous", "anonymous", "restricted", "restricted", "Unknown", "Unknown", "+266696687", "+266696687", "+33612345678", "+33612345678" };
        for (var i = 0; i < callers.Length; i++)
        {
            await PostCallAsync(practice.RoutineNumber, callers[i], Monday + Duration.FromHours(8) + Duration.FromMinutes(10 * i),
                ("answered", 10, agent), ("ended", 70, null));
        }
        using var supervisor = _app.ClientWithKey(await admin.CreateApiKeyAsync("supervisor", practice.Id));

        foreach (var route in new[] { $"/api/practices/{practice.Id}/kpis?{Day}", $"/api/practices/{practice.Id}/kpis?{Day}&line=routine", $"/api/kpis?{Day}" })
        {
            var response = await supervisor.GetAsync(route, _ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
            var kpis = await response.ReadAsync<JsonElement>();
            kpis.GetProperty("offered").GetInt32().ShouldBe(10, route);
            kpis.GetProperty("repeatCallRate").GetDouble().ShouldBe(1.0 / 10, 1e-9, route);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("from=2026-11-16&to=2026-11-17")]
    [InlineData("from=2026-11-17T00:00:00%2B01:00&to=2026-11-16T00:00:00%2B01:00")]
    [InlineData("from=2025-01-01T00:00:00%2B01:00&to=2026-11-17T00:00:00%2B01:00")]
    [InlineData("from=2026-11-16T00:00:00%2B01:00&to=2026-11-17T00:00:00%2B01:00&line=hotline")]
    public async Task A_bad_inverted_or_over_long_window_or_unknown_line_is_400_problem(string query)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var response = await admin.GetAsync($"/api/practices/{practice.Id}/kpis?{query}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).TryGetProperty("errors", out _).ShouldBeTrue();
    }

    /// <summary>Dates no call log holds, at the edges of what the time library can represent.</summary>
    public static TheoryData<string, string> FarPeriods => new()
    {
        // 'to' is 10000-01-01T04:00Z, past the last representable instant.
        { "from=9999-12-30T23:00:00-05:00&to=9999-12-31T23:00:00-05:00", "to" },
        // Representable, but the day after 31 December 9999 is not.
        { "from=9999-12-30T00:00:00Z&to=9999-12-31T12:00:00Z", "from" },
        { "from=-9998-01-01T00:00:00Z&to=-9998-01-02T00:00:00Z", "from" },
        { "from=1066-10-14T09:00:00%2B01:00&to=1066-10-15T09:00:00%2B01:00", "from" },
    };

    [Theory]
    [MemberData(nameof(FarPeriods))]
    public async Task A_period_outside_the_years_a_call_log_can_hold_is_400_problem_on_every_figure_route(string query, string field)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        await _app.PostAnsweredCallAsync(practice.RoutineNumber, Monday + Duration.FromHours(9));

        foreach (var route in new[] { $"/api/practices/{practice.Id}/kpis", $"/api/practices/{practice.Id}/kpis/agents", "/api/kpis" })
        {
            var response = await admin.GetAsync($"{route}?{query}", _ct);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{route}: {await response.Content.ReadAsStringAsync(_ct)}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(route);
        }
    }
}

public sealed class KpiApiTestsOnSqlite(SqliteApp app) : KpiApiTests(app), IClassFixture<SqliteApp>;

public sealed class KpiApiTestsOnPostgres(PostgresApp app) : KpiApiTests(app), IClassFixture<PostgresApp>;
