using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Permanence.Core.Messaging;
using Permanence.Web.Calls;
using Permanence.Web.Routing;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Routing;

/// <summary>Secretaries' states, the queues they serve, overflow and supervision scope, through the HTTP API and the call-event API.</summary>
public abstract class AcdApiTests
{
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected AcdApiTests(PermanenceApp app)
    {
        _app = app;
        _app.EnsureAvailable();
    }

    [Fact]
    public async Task A_secretary_starts_offline_and_goes_available_then_on_break()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet des États");
        using var console = await SignedInSecretaryAsync(admin, "Léa Martin", practice.Id);

        var initial = await (await console.GetAsync("/api/agents/me/state", _ct)).ReadAsync<JsonElement>();
        initial.GetProperty("state").GetString().ShouldBe("offline");

        var available = await console.PutAsJsonAsync("/api/agents/me/state", new { state = "available" }, _ct);
        available.StatusCode.ShouldBe(HttpStatusCode.OK, await available.Content.ReadAsStringAsync(_ct));
        var body = await available.ReadAsync<JsonElement>();
        body.GetProperty("state").GetString().ShouldBe("available");
        body.GetProperty("idleSeconds").GetInt32().ShouldBe(0);

        _app.Clock.Advance(Duration.FromSeconds(42));
        var idle = await (await console.GetAsync("/api/agents/me/state", _ct)).ReadAsync<JsonElement>();
        idle.GetProperty("idleSeconds").GetInt32().ShouldBe(42);

        var onBreak = await (await console.PutAsJsonAsync("/api/agents/me/state", new { state = "break" }, _ct)).ReadAsync<JsonElement>();
        onBreak.GetProperty("state").GetString().ShouldBe("break");
        onBreak.GetProperty("idleSeconds").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("on_call")]
    [InlineData("ringing")]
    [InlineData("wrap_up")]
    [InlineData("asleep")]
    [InlineData(null)]
    public async Task A_state_only_the_distributor_sets_or_an_unknown_one_is_a_400_naming_the_field(string? state)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet des Refus");
        using var console = await SignedInSecretaryAsync(admin, "Marc Petit", practice.Id);

        var response = await console.PutAsJsonAsync("/api/agents/me/state", new { state }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("state", out _).ShouldBeTrue();
        var current = await (await console.GetAsync("/api/agents/me/state", _ct)).ReadAsync<JsonElement>();
        current.GetProperty("state").GetString().ShouldBe("offline");
    }

    [Fact]
    public async Task An_api_key_has_no_agent_state()
    {
        using var admin = _app.AdminClient();
        var response = await admin.PutAsJsonAsync("/api/agents/me/state", new { state = "available" }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_urgent_line_is_offered_first_and_a_ringing_secretary_cannot_go_on_break()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet des Priorités");
        using var console = await SignedInSecretaryAsync(admin, "Julie Bernard", practice.Id);
        var now = _app.Clock.GetCurrentInstant();
        var routine = await RingAsync(practice.RoutineNumber, now);
        _app.Clock.Advance(Duration.FromSeconds(5));
        var urgent = await RingAsync(practice.UrgentNumber, now + Duration.FromSeconds(5));

        var queues = await SupervisionAsync(admin, practice.Id);
        queues.Single(q => q.GetProperty("line").GetString() == "routine").GetProperty("calls")[0].GetProperty("callId").GetGuid().ShouldBe(routine);
        queues.Single(q => q.GetProperty("line").GetString() == "urgent").GetProperty("calls")[0].GetProperty("callId").GetGuid().ShouldBe(urgent);

        var offered = await (await console.PutAsJsonAsync("/api/agents/me/state", new { state = "available" }, _ct)).ReadAsync<JsonElement>();
        offered.GetProperty("state").GetString().ShouldBe("ringing");
        offered.GetProperty("currentCallId").GetGuid().ShouldBe(urgent);

        var refused = await console.PutAsJsonAsync("/api/agents/me/state", new { state = "break" }, _ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Answering_then_hanging_up_puts_the_secretary_in_wrap_up_and_then_on_the_next_call()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet du Cycle");
        var signedIn = await SignedInSecretaryWithIdAsync(admin, "Nina Roux", practice.Id);
        using var console = signedIn.Console;
        var agentId = signedIn.Id;
        await console.PutAsJsonAsync("/api/agents/me/state", new { state = "available" }, _ct);
        var start = _app.Clock.GetCurrentInstant();
        var first = $"acd-{Guid.NewGuid():N}";
        var firstId = await _app.PostCallAsync(Telephony.Event(first, "ringing", start, practice.RoutineNumber));

        (await StateAsync(console)).GetProperty("currentCallId").GetGuid().ShouldBe(firstId);
        _app.Clock.Advance(Duration.FromSeconds(6));
        await _app.PostCallAsync(Telephony.Event(first, "answered", start + Duration.FromSeconds(6), practice.RoutineNumber, agentId: agentId));
        (await StateAsync(console)).GetProperty("state").GetString().ShouldBe("on_call");
        _app.Clock.Advance(Duration.FromMinutes(3));
        var second = await RingAsync(practice.RoutineNumber, _app.Clock.GetCurrentInstant());
        await _app.PostCallAsync(Telephony.Event(first, "ended", _app.Clock.GetCurrentInstant(), practice.RoutineNumber));

        var wrapUp = await StateAsync(console);
        wrapUp.GetProperty("state").GetString().ShouldBe("wrap_up");
        wrapUp.GetProperty("wrapUpUntil").GetString().ShouldNotBeNull();
        _app.Clock.Advance(Duration.FromSeconds(30));
        await TickAsync();
        var next = await StateAsync(console);
        next.GetProperty("state").GetString().ShouldBe("ringing");
        next.GetProperty("currentCallId").GetGuid().ShouldBe(second);
    }

    [Fact]
    public async Task An_unanswered_offer_goes_to_the_next_secretary_after_the_ring_timeout()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet des Sonneries");
        using var first = await SignedInSecretaryAsync(admin, "Anne Leroy", practice.Id);
        using var second = await SignedInSecretaryAsync(admin, "Paul Girard", practice.Id);
        await first.PutAsJsonAsync("/api/agents/me/state", new { state = "available" }, _ct);
        _app.Clock.Advance(Duration.FromSeconds(10));
        await second.PutAsJsonAsync("/api/agents/me/state", new { state = "available" }, _ct);
        var call = await RingAsync(practice.RoutineNumber, _app.Clock.GetCurrentInstant());

        // Longest idle first.
        (await StateAsync(first)).GetProperty("currentCallId").GetGuid().ShouldBe(call);
        _app.Clock.Advance(Duration.FromSeconds(15));
        await TickAsync();

        (await StateAsync(first)).GetProperty("state").GetString().ShouldBe("break");
        (await StateAsync(second)).GetProperty("currentCallId").GetGuid().ShouldBe(call);
    }

    [Fact]
    public async Task A_call_waiting_past_the_maximum_overflows_to_a_message_for_the_practice()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet du Débordement");
        await admin.CreatePractitionerAsync(practice.Id, "Dr Hugo Lambert");
        var call = await RingAsync(practice.RoutineNumber, _app.Clock.GetCurrentInstant());

        _app.Clock.Advance(Duration.FromSeconds(119));
        await TickAsync();
        (await SupervisionAsync(admin, practice.Id)).Single(q => q.GetProperty("line").GetString() == "routine")
            .GetProperty("calls").GetArrayLength().ShouldBe(1);

        _app.Clock.Advance(Duration.FromSeconds(1));
        await TickAsync();

        (await SupervisionAsync(admin, practice.Id)).ShouldAllBe(q => q.GetProperty("calls").GetArrayLength() == 0);
        var messages = await _app.WithDbAsync(db => db.PractitionerMessages.Where(m => m.CallId == new Core.Calls.CallId(call)).ToListAsync(_ct));
        messages.ShouldHaveSingleItem().Kind.ShouldBe(MessageKind.Message);
        messages[0].CallbackNumber.ShouldBe("+33612345678");
        (await _app.HistoryOnceNotifiedAsync(new Core.Calls.CallId(call))).ShouldBe(["created", "notified"], "the practitioner is told at once, not first at the due time's reminder");
    }

    [Fact]
    public async Task A_practice_asking_for_callbacks_gets_a_callback_task_after_its_own_maximum_wait()
    {
        using var admin = _app.AdminClient();
        var routine = TestData.NextPhoneNumber();
        var created = await admin.PostAsJsonAsync("/api/practices", new
        {
            name = "Cabinet des Rappels",
            greetingText = "{practice}, bonjour",
            specialty = "general",
            timeZone = "Europe/Paris",
            routineNumber = routine,
            queueMaximumWaitSeconds = 60,
            queueOverflow = "callback_task",
        }, _ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(_ct));
        var practice = await created.ReadAsync<JsonElement>();
        practice.GetProperty("queueOverflow").GetString().ShouldBe("callback_task");
        var practiceId = practice.GetProperty("id").GetGuid();
        await admin.CreatePractitionerAsync(practiceId, "Dr Inès Carpentier");
        var call = await RingAsync(routine, _app.Clock.GetCurrentInstant());

        _app.Clock.Advance(Duration.FromSeconds(60));
        await TickAsync();

        var task = await _app.WithDbAsync(db => db.PractitionerMessages.SingleAsync(m => m.CallId == new Core.Calls.CallId(call), _ct));
        task.Kind.ShouldBe(MessageKind.Callback);
        var audit = await (await admin.GetAsync($"/api/audit?practiceId={practiceId}&action=call.overflowed", _ct)).ReadAsync<JsonElement>();
        audit.EnumerateArray().ShouldContain(e => e.GetProperty("entityId").GetString() == call.ToString());
    }

    [Fact]
    public async Task A_maximum_wait_out_of_bounds_or_an_unknown_overflow_policy_is_a_400_naming_the_fields()
    {
        using var admin = _app.AdminClient();
        var response = await admin.PostAsJsonAsync("/api/practices", new
        {
            name = "Cabinet Impatient",
            greetingText = "{practice}, bonjour",
            specialty = "general",
            timeZone = "Europe/Paris",
            routineNumber = TestData.NextPhoneNumber(),
            queueMaximumWaitSeconds = 5,
            queueOverflow = "hang_up",
        }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("queueMaximumWaitSeconds", out _).ShouldBeTrue();
        errors.TryGetProperty("queueOverflow", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_supervisor_sees_only_the_queues_of_their_practices()
    {
        using var admin = _app.AdminClient();
        var mine = await admin.CreatePracticeWithLinesAsync("Cabinet Supervisé");
        var other = await admin.CreatePracticeWithLinesAsync("Cabinet d'Ailleurs");
        await RingAsync(other.RoutineNumber, _app.Clock.GetCurrentInstant());
        using var supervisor = _app.ClientWithKey(await admin.CreateApiKeyAsync("supervisor", mine.Id));

        var snapshot = await (await supervisor.GetAsync("/api/supervision/queues", _ct)).ReadAsync<JsonElement>();

        var practices = snapshot.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("practiceId").GetGuid()).Distinct().ToList();
        practices.ShouldBe([mine.Id]);
        using var secretary = _app.ClientWithKey(await admin.CreateApiKeyAsync("secretary", mine.Id));
        (await secretary.GetAsync("/api/supervision/queues", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Calls_ringing_at_once_each_go_to_a_different_secretary()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet de l'Affluence");
        var secretaries = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            var console = await SignedInSecretaryAsync(admin, $"Secrétaire {i}", practice.Id);
            secretaries.Add(console);
            await console.PutAsJsonAsync("/api/agents/me/state", new { state = "available" }, _ct);
        }
        var at = _app.Clock.GetCurrentInstant();

        var calls = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RingAsync(practice.RoutineNumber, at)));

        var held = new List<Guid>();
        foreach (var console in secretaries)
        {
            var state = await StateAsync(console);
            state.GetProperty("state").GetString().ShouldBe("ringing");
            held.Add(state.GetProperty("currentCallId").GetGuid());
            console.Dispose();
        }
        held.Distinct().Count().ShouldBe(4);
        var waiting = (await SupervisionAsync(admin, practice.Id)).Single(q => q.GetProperty("line").GetString() == "routine")
            .GetProperty("calls").EnumerateArray().Where(c => c.GetProperty("offeredTo").ValueKind == JsonValueKind.Null)
            .Select(c => c.GetProperty("callId").GetGuid()).ToList();
        waiting.Count.ShouldBe(2);
        held.Concat(waiting).Order().ShouldBe(calls.Order());
    }

    [Fact]
    public async Task Supervisors_are_pushed_the_queues_of_their_practices_only()
    {
        using var admin = _app.AdminClient();
        var a = await admin.CreatePracticeWithLinesAsync("Cabinet Alpha");
        var b = await admin.CreatePracticeWithLinesAsync("Cabinet Bêta");
        var ofA = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ofB = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var supervisorOfA = await _app.ConnectToCallsHubAsync(await admin.CreateApiKeyAsync("supervisor", a.Id), _ct);
        await using var supervisorOfB = await _app.ConnectToCallsHubAsync(await admin.CreateApiKeyAsync("supervisor", b.Id), _ct);
        supervisorOfA.On<JsonElement>(CallsHub.QueuesUpdated, update => ofA.TrySetResult(update));
        supervisorOfB.On<JsonElement>(CallsHub.QueuesUpdated, update => ofB.TrySetResult(update));

        var call = await RingAsync(a.RoutineNumber, _app.Clock.GetCurrentInstant());
        await RingAsync(b.RoutineNumber, _app.Clock.GetCurrentInstant());

        var pushedToA = await ofA.Task.WaitAsync(TimeSpan.FromSeconds(30), _ct);
        var routine = pushedToA.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("line").GetString() == "routine");
        routine.GetProperty("practiceId").GetGuid().ShouldBe(a.Id);
        routine.GetProperty("calls")[0].GetProperty("callId").GetGuid().ShouldBe(call);
        // B's supervisor was not sent A's change: the first update they get is B's.
        var pushedToB = await ofB.Task.WaitAsync(TimeSpan.FromSeconds(30), _ct);
        pushedToB.GetProperty("queues").EnumerateArray().ShouldAllBe(q => q.GetProperty("practiceId").GetGuid() == b.Id);
    }


    [Fact]
    public async Task A_change_of_skills_activation_or_queue_settings_is_seen_by_the_next_decision_on_the_same_node()
    {
        using var admin = _app.AdminClient();
        var trained = await admin.CreatePracticeWithLinesAsync("Cabinet des Compétences");
        var untrained = await admin.CreatePracticeWithLinesAsync("Cabinet des Apprentis");
        var signedIn = await SignedInSecretaryWithIdAsync(admin, "Chloé Lemoine", trained.Id);
        using var console = signedIn.Console;
        var secretary = signedIn.Id;
        await console.PutAsJsonAsync("/api/agents/me/state", new { state = "available" }, _ct);
        var waiting = await RingAsync(untrained.RoutineNumber, _app.Clock.GetCurrentInstant());
        (await StateAsync(console)).GetProperty("state").GetString().ShouldBe("available");

        var staff = (await (await admin.GetAsync("/api/staff", _ct)).ReadAsync<JsonElement>()).EnumerateArray()
            .Single(u => u.GetProperty("id").GetGuid() == secretary);
        var updated = await admin.PutAsJsonAsync($"/api/staff/{secretary}", new
        {
            email = staff.GetProperty("email").GetString(),
            displayName = "Chloé Lemoine",
            roles = new[] { "secretary" },
            assignments = new[] { new { practiceId = trained.Id, skillLevel = 2 }, new { practiceId = untrained.Id, skillLevel = 1 } },
        }, _ct);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync(_ct));
        await TickAsync();
        var offered = await StateAsync(console);
        offered.GetProperty("state").GetString().ShouldBe("ringing");
        offered.GetProperty("currentCallId").GetGuid().ShouldBe(waiting);

        var other = await SignedInSecretaryWithIdAsync(admin, "Hugo Lambert", untrained.Id);
        using var otherConsole = other.Console;
        var deactivated = other.Id;
        await otherConsole.PutAsJsonAsync("/api/agents/me/state", new { state = "available" }, _ct);
        (await admin.DeleteAsync($"/api/staff/{deactivated}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var unoffered = await RingAsync(untrained.RoutineNumber, _app.Clock.GetCurrentInstant());
        var line = (await SupervisionAsync(admin, untrained.Id)).Single(q => q.GetProperty("line").GetString() == "routine");
        line.GetProperty("calls").EnumerateArray().Single(c => c.GetProperty("callId").GetGuid() == unoffered)
            .GetProperty("offeredTo").ValueKind.ShouldBe(JsonValueKind.Null);

        var impatient = await admin.CreatePracticeWithLinesAsync("Cabinet Pressé");
        await admin.CreatePractitionerAsync(impatient.Id, "Dr Paul Mercier");
        var overflowing = await RingAsync(impatient.RoutineNumber, _app.Clock.GetCurrentInstant());
        var settings = await admin.PutAsJsonAsync($"/api/practices/{impatient.Id}", new
        {
            name = "Cabinet Pressé",
            greetingText = "{practice}, bonjour",
            specialty = "general",
            timeZone = "Europe/Paris",
            routineNumber = impatient.RoutineNumber,
            urgentNumber = impatient.UrgentNumber,
            queueMaximumWaitSeconds = 60,
            queueOverflow = "callback_task",
        }, _ct);
        settings.StatusCode.ShouldBe(HttpStatusCode.OK, await settings.Content.ReadAsStringAsync(_ct));
        _app.Clock.Advance(Duration.FromSeconds(60));
        await TickAsync();
        var task = await _app.WithDbAsync(db => db.PractitionerMessages.SingleAsync(m => m.CallId == new Core.Calls.CallId(overflowing), _ct));
        task.Kind.ShouldBe(MessageKind.Callback);
    }

    private async Task<Guid> RingAsync(string line, Instant at) =>
        await _app.PostCallAsync(Telephony.Event($"acd-{Guid.NewGuid():N}", "ringing", at, line));

    private async Task TickAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AcdService>().TickAsync(_ct);
    }

    private async Task<JsonElement> StateAsync(HttpClient console) => await (await console.GetAsync("/api/agents/me/state", _ct)).ReadAsync<JsonElement>();

    private async Task<List<JsonElement>> SupervisionAsync(HttpClient client, Guid practiceId)
    {
        var snapshot = await (await client.GetAsync("/api/supervision/queues", _ct)).ReadAsync<JsonElement>();
        return [.. snapshot.GetProperty("queues").EnumerateArray().Where(q => q.GetProperty("practiceId").GetGuid() == practiceId)];
    }

    private async Task<HttpClient> SignedInSecretaryAsync(HttpClient admin, string displayName, Guid practiceId) =>
        (await SignedInSecretaryWithIdAsync(admin, displayName, practiceId)).Console;

    private async Task<(HttpClient Console, Guid Id)> SignedInSecretaryWithIdAsync(HttpClient admin, string displayName, Guid practiceId) =>
        await AcdStaff.SignedInSecretaryAsync(_app, admin, displayName, practiceId);
}

/// <summary>Secretaries signed in to the console, for distributor tests.</summary>
public static class AcdStaff
{
    public const string Password = "Correct-horse-battery-9";

    public static async Task<(HttpClient Console, Guid Id)> SignedInSecretaryAsync(PermanenceApp app, HttpClient admin, string displayName, Guid practiceId)
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"{Guid.NewGuid():N}@example.test";
        var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            email,
            displayName,
            roles = new[] { "secretary" },
            password = Password,
            assignments = new[] { new { practiceId, skillLevel = 2 } },
        }, ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
        var id = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        var console = app.CookieClient();
        var login = await console.PostAsJsonAsync("/api/account/login", new { email, password = Password }, ct);
        login.StatusCode.ShouldBe(HttpStatusCode.OK, await login.Content.ReadAsStringAsync(ct));
        return (console, id);
    }
}

public sealed class AcdApiTestsOnSqlite(SqliteApp app) : AcdApiTests(app), IClassFixture<SqliteApp>;

public sealed class AcdApiTestsOnPostgres(PostgresApp app) : AcdApiTests(app), IClassFixture<PostgresApp>;
