using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Calls.Simulation;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Calls;

public abstract class CallEventApiTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 8, 30);
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected CallEventApiTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=00")]
    [InlineData("sha256=not-hex")]
    [InlineData("md5=abc")]
    public async Task A_missing_or_bad_signature_is_401_and_stores_nothing(string? header)
    {
        var callId = $"call-{Guid.NewGuid():N}";
        var json = JsonSerializer.Serialize(Telephony.Event(callId, "ringing", T0, "+33142860001"), TestJson.Options);
        var response = await _app.PostRawEventAsync(json, header);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await _app.WithDbAsync(db => db.Calls.CountAsync(c => c.ProviderCallId == callId, _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task An_event_signed_with_another_secret_is_401_and_stores_nothing()
    {
        var callId = $"call-{Guid.NewGuid():N}";
        var before = await _app.WithDbAsync(db => db.CallEvents.CountAsync(_ct));
        var response = await _app.PostEventAsync(Telephony.Event(callId, "ringing", T0, "+33142860001"), secret: "some-other-secret-0123456789");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(_ct))).ShouldBe(before);
        (await _app.WithDbAsync(db => db.Calls.CountAsync(c => c.ProviderCallId == callId, _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_replayed_event_is_acknowledged_and_stored_once()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var body = Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", T0, practice.RoutineNumber);
        var eventId = (string)body.GetType().GetProperty("eventId")!.GetValue(body)!;

        (await _app.PostEventAsync(body)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var replay = await _app.PostEventAsync(body);
        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.ReadAsync<JsonElement>()).GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(e => e.EventId == eventId, _ct))).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_event_never_fail_and_store_it_once()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var body = Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", T0, practice.RoutineNumber);
        var eventId = (string)body.GetType().GetProperty("eventId")!.GetValue(body)!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _app.PostEventAsync(body)));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Accepted);
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(e => e.EventId == eventId, _ct))).ShouldBe(1);
    }

    [Fact]
    public async Task Events_of_one_call_delivered_at_the_same_time_all_count()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var id = $"call-{Guid.NewGuid():N}";
        object[] events =
        [
            Telephony.Event(id, "ringing", T0, practice.RoutineNumber),
            Telephony.Event(id, "answered", T0 + Duration.FromSeconds(10), practice.RoutineNumber),
            Telephony.Event(id, "held", T0 + Duration.FromSeconds(20), practice.RoutineNumber),
            Telephony.Event(id, "resumed", T0 + Duration.FromSeconds(50), practice.RoutineNumber),
            Telephony.Event(id, "ended", T0 + Duration.FromSeconds(100), practice.RoutineNumber),
        ];

        var responses = await Task.WhenAll(events.Select(e => _app.PostEventAsync(e)));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Accepted);
        var call = await _app.WithDbAsync(db => db.Calls.SingleAsync(c => c.ProviderCallId == id, _ct));
        (call.Outcome, call.WaitSeconds, call.HoldSeconds, call.TalkSeconds).ShouldBe((CallOutcome.Answered, 10, 30, 60));
    }

    [Fact]
    public async Task Timings_are_derived_from_the_events()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var id = $"call-{Guid.NewGuid():N}";
        var callId = await _app.PostCallAsync(
            Telephony.Event(id, "ringing", T0, practice.RoutineNumber),
            Telephony.Event(id, "answered", T0 + Duration.FromSeconds(12), practice.RoutineNumber),
            Telephony.Event(id, "held", T0 + Duration.FromSeconds(60), practice.RoutineNumber),
            Telephony.Event(id, "resumed", T0 + Duration.FromSeconds(90), practice.RoutineNumber),
            Telephony.Event(id, "held", T0 + Duration.FromSeconds(100), practice.RoutineNumber),
            Telephony.Event(id, "resumed", T0 + Duration.FromSeconds(110), practice.RoutineNumber),
            Telephony.Event(id, "ended", T0 + Duration.FromSeconds(212), practice.RoutineNumber));

        var call = await GetCallAsync(admin, practice.Id, callId);
        call.GetProperty("outcome").GetString().ShouldBe("answered");
        call.GetProperty("line").GetString().ShouldBe("routine");
        call.GetProperty("waitSeconds").GetInt32().ShouldBe(12);
        call.GetProperty("holdSeconds").GetInt32().ShouldBe(40);
        call.GetProperty("talkSeconds").GetInt32().ShouldBe(160);
    }

    [Fact]
    public async Task Events_delivered_out_of_order_give_the_same_timings()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var id = $"call-{Guid.NewGuid():N}";
        var callId = await _app.PostCallAsync(
            Telephony.Event(id, "ended", T0 + Duration.FromSeconds(100), practice.UrgentNumber),
            Telephony.Event(id, "resumed", T0 + Duration.FromSeconds(50), practice.UrgentNumber),
            Telephony.Event(id, "answered", T0 + Duration.FromSeconds(8), practice.UrgentNumber),
            Telephony.Event(id, "held", T0 + Duration.FromSeconds(30), practice.UrgentNumber),
            Telephony.Event(id, "ringing", T0, practice.UrgentNumber));

        var call = await GetCallAsync(admin, practice.Id, callId);
        call.GetProperty("line").GetString().ShouldBe("urgent");
        call.GetProperty("outcome").GetString().ShouldBe("answered");
        call.GetProperty("startedAt").GetString().ShouldBe("2026-11-23T08:30:00Z");
        call.GetProperty("waitSeconds").GetInt32().ShouldBe(8);
        call.GetProperty("holdSeconds").GetInt32().ShouldBe(20);
        call.GetProperty("talkSeconds").GetInt32().ShouldBe(72);
    }

    [Fact]
    public async Task A_call_ended_before_any_answer_is_abandoned_with_its_wait()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var id = $"call-{Guid.NewGuid():N}";
        var callId = await _app.PostCallAsync(
            Telephony.Event(id, "ringing", T0, practice.RoutineNumber),
            Telephony.Event(id, "ended", T0 + Duration.FromSeconds(45), practice.RoutineNumber));

        var call = await GetCallAsync(admin, practice.Id, callId);
        call.GetProperty("outcome").GetString().ShouldBe("abandoned");
        call.GetProperty("waitSeconds").GetInt32().ShouldBe(45);
        call.GetProperty("talkSeconds").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_call_to_an_unknown_number_is_logged_flagged_and_shown_to_administrators_only()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var secretary = await admin.CreateApiKeyAsync("secretary", practice.Id);
        var id = $"call-{Guid.NewGuid():N}";
        await _app.PostCallAsync(Telephony.Event(id, "ringing", T0, "+33999999999"), Telephony.Event(id, "ended", T0 + Duration.FromSeconds(5), "+33999999999"));

        var stored = await _app.WithDbAsync(db => db.Calls.SingleAsync(c => c.ProviderCallId == id, _ct));
        stored.DialedNumberUnknown.ShouldBeTrue();
        stored.PracticeId.ShouldBeNull();
        stored.Outcome.ShouldBe(CallOutcome.Abandoned);

        var period = $"from={Uri.EscapeDataString("2026-11-23T00:00:00+01:00")}&to={Uri.EscapeDataString("2026-11-24T00:00:00+01:00")}";
        var unknown = await (await admin.GetAsync($"/api/telephony/unknown-number-calls?{period}", _ct)).ReadAsync<JsonElement>();
        unknown.EnumerateArray().ShouldContain(c => c.GetProperty("to").GetString() == "+33999999999" && c.GetProperty("dialedNumberUnknown").GetBoolean());
        using var secretaryClient = _app.ClientWithKey(secretary);
        (await secretaryClient.GetAsync($"/api/telephony/unknown-number-calls?{period}", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var log = await (await secretaryClient.GetAsync($"/api/practices/{practice.Id}/calls?{period}", _ct)).ReadAsync<JsonElement>();
        log.GetProperty("items").EnumerateArray().ShouldNotContain(c => c.GetProperty("to").GetString() == "+33999999999");
    }

    [Theory]
    [InlineData("{\"eventId\": ")]
    [InlineData("[]")]
    [InlineData("{\"eventId\":\"e1\",\"callId\":\"c1\",\"type\":\"exploded\",\"from\":\"+33612345678\",\"to\":\"+33142860001\",\"at\":\"2026-11-23T09:00:00\"}")]
    public async Task A_malformed_but_signed_body_is_400_problem_and_stores_nothing(string json)
    {
        var before = await _app.WithDbAsync(db => db.CallEvents.CountAsync(_ct));
        var response = await _app.PostRawEventAsync(json, EventSignature.Sign(System.Text.Encoding.UTF8.GetBytes(json), PermanenceApp.EventSigningSecret));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(_ct))).ShouldBe(before);
    }

    [Fact]
    public async Task An_oversized_body_is_413_problem_and_stores_nothing()
    {
        var before = await _app.WithDbAsync(db => db.CallEvents.CountAsync(_ct));
        var json = $"{{\"eventId\":\"{new string('x', 20_000)}\"}}";
        var response = await _app.PostRawEventAsync(json, EventSignature.Sign(System.Text.Encoding.UTF8.GetBytes(json), PermanenceApp.EventSigningSecret));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(_ct))).ShouldBe(before);
    }

    [Theory]
    [InlineData("eventId")]
    [InlineData("callId")]
    [InlineData("from")]
    [InlineData("to")]
    [InlineData("transferTo")]
    public async Task A_signed_event_with_a_nul_character_in_a_field_is_400_naming_it_and_stores_nothing(string field)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var callId = $"call-{Guid.NewGuid():N}";
        var body = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["eventId"] = $"evt-{Guid.NewGuid():N}",
            ["callId"] = callId,
            ["type"] = "transferred",
            ["from"] = "+33612345678",
            ["to"] = practice.RoutineNumber,
            ["at"] = Telephony.Iso(T0),
            ["transferTo"] = "+33142860099",
        };
        body[field] += "\u0000";
        var before = await _app.WithDbAsync(db => db.CallEvents.CountAsync(_ct));

        var response = await _app.PostSignedEventAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(_ct))).ShouldBe(before);
        (await _app.WithDbAsync(db => db.Calls.CountAsync(c => c.ProviderCallId.StartsWith(callId), _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Field_errors_name_the_bad_fields()
    {
        const string json = "{\"eventId\":\"e1\",\"callId\":\"c1\",\"type\":\"exploded\",\"from\":\"+33612345678\",\"to\":\"+33142860001\",\"at\":\"2026-11-23T09:00:00\"}";
        var response = await _app.PostRawEventAsync(json, EventSignature.Sign(System.Text.Encoding.UTF8.GetBytes(json), PermanenceApp.EventSigningSecret));
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("type", out _).ShouldBeTrue();
        errors.TryGetProperty("at", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_event_dated_in_a_far_year_is_400_on_its_time_and_stores_nothing()
    {
        var callId = $"call-{Guid.NewGuid():N}";
        var json = $"{{\"eventId\":\"{callId}-1\",\"callId\":\"{callId}\",\"type\":\"ringing\",\"from\":\"+33612345678\",\"to\":\"+33142860001\",\"at\":\"9999-12-31T23:00:00-05:00\"}}";
        var response = await _app.PostRawEventAsync(json, EventSignature.Sign(System.Text.Encoding.UTF8.GetBytes(json), PermanenceApp.EventSigningSecret));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["at"]);
        (await _app.WithDbAsync(db => db.CallEvents.IgnoreQueryFilters().CountAsync(e => e.EventId == callId + "-1", _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Simulated_traffic_is_accepted_and_appears_in_the_call_log()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var start = Instant.FromUtc(2026, 11, 20, 9, 0);
        var simulated = new SimulatedPractice(practice.RoutineNumber, practice.UrgentNumber, DateTimeZoneProviders.Tzdb["Europe/Paris"],
            ArrivalProfile.GeneralPractice(25).Scaled(20), _ => true, []);
        var events = new TrafficGenerator(new Random(5)).Generate([simulated], start, start + Duration.FromMinutes(30)).SelectMany(SimulatedEvents.For).ToList();
        events.ShouldNotBeEmpty();
        foreach (var e in events)
        {
            var response = await _app.PostEventAsync(new { eventId = e.EventId, callId = e.CallId, type = e.Type, from = e.From, to = e.To, at = Telephony.Iso(e.At) });
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }
        var period = $"from={Uri.EscapeDataString(Telephony.Iso(start))}&to={Uri.EscapeDataString(Telephony.Iso(start + Duration.FromHours(2)))}&pageSize=200";
        var log = await (await admin.GetAsync($"/api/practices/{practice.Id}/calls?{period}", _ct)).ReadAsync<JsonElement>();
        log.GetProperty("total").GetInt32().ShouldBe(events.Select(e => e.CallId).Distinct().Count());
        log.GetProperty("items").EnumerateArray().ShouldAllBe(c => c.GetProperty("outcome").GetString() != "in_progress");
    }

    private async Task<JsonElement> GetCallAsync(HttpClient client, Guid practiceId, Guid callId)
    {
        var response = await client.GetAsync($"/api/practices/{practiceId}/calls/{callId}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        return (await response.ReadAsync<JsonElement>()).GetProperty("call");
    }
}

public sealed class CallEventApiTestsOnSqlite(SqliteApp app) : CallEventApiTests(app), IClassFixture<SqliteApp>;

public sealed class CallEventApiTestsOnPostgres(PostgresApp app) : CallEventApiTests(app), IClassFixture<PostgresApp>;
