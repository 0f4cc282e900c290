using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Web.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Calls;

public abstract class CallPopupTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 9, 30);
    private const string Caller = "+33611223344";
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected CallPopupTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task A_secretary_assigned_to_the_practice_gets_the_popup_with_the_practice_card_and_the_callers_family_within_500_ms()
    {
        using var admin = _app.AdminClient();
        var mine = await admin.CreatePracticeWithLinesAsync("Cabinet Alpha");
        var other = await admin.CreatePracticeWithLinesAsync("Cabinet Beta");
        await admin.CreatePractitionerAsync(mine.Id, "Dr Claire Moreau");
        (await admin.PostAsJsonAsync($"/api/practices/{mine.Id}/playbook", new { question = "Où se garer ?", answer = "Parking Indigo" }, _ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await CreatePatientAsync(admin, mine.Id, "Durand", "Léa", "2015-03-02", phone: Caller);
        await CreatePatientAsync(admin, mine.Id, "Durand", "Léa", "1952-07-19", phone: "+33145000000", secondaryPhone: Caller);
        await CreatePatientAsync(admin, other.Id, "Durand", "Marc", "1980-01-01", phone: Caller);
        await using var secretaryOfMine = await _app.ConnectToCallsHubAsync(await admin.CreateApiKeyAsync("secretary", mine.Id), _ct);
        await using var secretaryOfOther = await _app.ConnectToCallsHubAsync(await admin.CreateApiKeyAsync("secretary", other.Id), _ct);
        var warmedUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var popup = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var leaked = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        secretaryOfMine.On<JsonElement>(CallsHub.CallPopup, p =>
        {
            if (p.GetProperty("from").GetString() == Caller)
            {
                popup.TrySetResult(p);
            }
            else
            {
                warmedUp.TrySetResult();
            }
        });
        secretaryOfOther.On<JsonElement>(CallsHub.CallPopup, p => leaked.TrySetResult(p));

        // The first event of a fresh host pays for JIT and query compilation; the latency measured is the steady one.
        await _app.PostCallAsync(Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", T0, mine.RoutineNumber, from: "+33699999999"));
        await warmedUp.Task.WaitAsync(TimeSpan.FromSeconds(30), _ct);

        var clock = Stopwatch.StartNew();
        var callId = await _app.PostCallAsync(Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", T0, mine.UrgentNumber, from: Caller));
        var received = await popup.Task.WaitAsync(TimeSpan.FromSeconds(30), _ct);
        var elapsed = clock.Elapsed;

        elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(500));
        received.GetProperty("callId").GetGuid().ShouldBe(callId);
        received.GetProperty("line").GetString().ShouldBe("urgent");
        received.GetProperty("eventType").GetString().ShouldBe("ringing");
        var card = received.GetProperty("practice");
        card.GetProperty("name").GetString().ShouldBe("Cabinet Alpha");
        card.GetProperty("greeting").GetString().ShouldBe("Cabinet Alpha, {secretary} à votre écoute, bonjour");
        card.GetProperty("practitioners").EnumerateArray().Select(p => p.GetProperty("displayName").GetString()).ShouldBe(["Dr Claire Moreau"]);
        card.GetProperty("playbook")[0].GetProperty("answer").GetString().ShouldBe("Parking Indigo");
        var candidates = received.GetProperty("candidates").EnumerateArray()
            .Select(c => (c.GetProperty("firstName").GetString(), c.GetProperty("birthDate").GetString(), c.GetProperty("matchedOn").GetString()))
            .OrderBy(c => c.Item2, StringComparer.Ordinal).ToList();
        candidates.ShouldBe([("Léa", "1952-07-19", "secondary_phone"), ("Léa", "2015-03-02", "phone")]);
        var audited = await WaitForAsync(() => _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "patient.search" && a.EntityId == callId.ToString())
            .Select(a => a.Detail).ToListAsync(_ct)));
        audited.ShouldBe(["call pop-up: 2 candidate(s)"]);

        // An event of the other practice, posted after, would reach the other secretary after this one had it leaked.
        await _app.PostCallAsync(Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", T0, other.RoutineNumber, from: Caller));
        var othersOwn = await leaked.Task.WaitAsync(TimeSpan.FromSeconds(30), _ct);
        othersOwn.GetProperty("practiceId").GetGuid().ShouldBe(other.Id);
    }

    [Fact]
    public async Task Once_answered_the_popup_greets_with_the_answering_secretarys_name()
    {
        using var admin = _app.AdminClient();
        var mine = await admin.CreatePracticeWithLinesAsync("Cabinet Gamma");
        await using var connection = await _app.ConnectToCallsHubAsync(await admin.CreateApiKeyAsync("secretary", mine.Id), _ct);
        var answered = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>(CallsHub.CallPopup, p =>
        {
            if (p.GetProperty("eventType").GetString() == "answered")
            {
                answered.TrySetResult(p);
            }
        });
        var agent = await CreateSecretaryAsync(admin, mine.Id, "Sophie Laurent");

        var id = $"call-{Guid.NewGuid():N}";
        await _app.PostCallAsync(
            Telephony.Event(id, "ringing", T0, mine.RoutineNumber),
            Telephony.Event(id, "answered", T0 + Duration.FromSeconds(8), mine.RoutineNumber, agentId: agent));

        var popup = await answered.Task.WaitAsync(TimeSpan.FromSeconds(30), _ct);
        popup.GetProperty("practice").GetProperty("greeting").GetString().ShouldBe("Cabinet Gamma, Sophie Laurent à votre écoute, bonjour");
    }

    private async Task CreatePatientAsync(HttpClient admin, Guid practiceId, string lastName, string firstName, string birthDate, string phone, string? secondaryPhone = null)
    {
        var response = await admin.PostAsJsonAsync($"/api/practices/{practiceId}/patients", new { lastName, firstName, birthDate, phone, secondaryPhone }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
    }

    private async Task<Guid> CreateSecretaryAsync(HttpClient admin, Guid practiceId, string displayName)
    {
        var response = await admin.PostAsJsonAsync("/api/staff", new
        {
            email = $"{Guid.NewGuid():N}@example.test",
            displayName,
            roles = new[] { "secretary" },
            password = "Correct-horse-battery-9",
            assignments = new[] { new { practiceId, skillLevel = 2 } },
        }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The audit entry is written just after the pop-up leaves: polled for a few seconds.</summary>
    private static async Task<List<string>> WaitForAsync(Func<Task<List<string>>> read)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = await read();
            if (found.Count > 0 || attempt == 100)
            {
                return found;
            }
            await Task.Delay(100);
        }
    }
}

public sealed class CallPopupTestsOnSqlite(SqliteApp app) : CallPopupTests(app), IClassFixture<SqliteApp>;

public sealed class CallPopupTestsOnPostgres(PostgresApp app) : CallPopupTests(app), IClassFixture<PostgresApp>;
