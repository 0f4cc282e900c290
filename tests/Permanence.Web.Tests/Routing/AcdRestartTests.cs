using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Permanence.Web.Routing;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Routing;

/// <summary>The distributor's state is in the database: a restarted web node carries on where the last one stopped.</summary>
public abstract class AcdRestartTests(TestDatabase database)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Queue_and_secretary_states_survive_a_restart_and_the_next_decision_is_the_same()
    {
        var first = new PermanenceApp(database);
        first.EnsureAvailable();
        await first.InitializeAsync();
        try
        {
            using var admin = first.AdminClient();
            var practice = await admin.CreatePracticeWithLinesAsync("Cabinet du Redémarrage");
            var (onBreak, _) = await AcdStaff.SignedInSecretaryAsync(first, admin, "Claire Dubois", practice.Id);
            var (ringing, _) = await AcdStaff.SignedInSecretaryAsync(first, admin, "Hélène Faure", practice.Id);
            var (talking, talkingId) = await AcdStaff.SignedInSecretaryAsync(first, admin, "Yves Marchand", practice.Id);
            var start = first.Clock.GetCurrentInstant();
            await talking.PutAsJsonAsync("/api/agents/me/state", new { state = "available" }, _ct);
            var talkedSid = $"restart-{Guid.NewGuid():N}";
            await first.PostCallAsync(Telephony.Event(talkedSid, "ringing", start, practice.RoutineNumber));
            await first.PostCallAsync(Telephony.Event(talkedSid, "answered", start, practice.RoutineNumber, agentId: talkingId));
            await ringing.PutAsJsonAsync("/api/agents/me/state", new { state = "available" }, _ct);
            var offered = await first.PostCallAsync(Telephony.Event($"restart-{Guid.NewGuid():N}", "ringing", start, practice.RoutineNumber));
            await onBreak.PutAsJsonAsync("/api/agents/me/state", new { state = "break" }, _ct);
            first.Clock.Advance(Duration.FromSeconds(3));
            var urgent = await first.PostCallAsync(Telephony.Event($"restart-{Guid.NewGuid():N}", "ringing", first.Clock.GetCurrentInstant(), practice.UrgentNumber));
            first.Clock.Advance(Duration.FromSeconds(2));
            var routine = await first.PostCallAsync(Telephony.Event($"restart-{Guid.NewGuid():N}", "ringing", first.Clock.GetCurrentInstant(), practice.RoutineNumber));
            var before = await QueuesAsync(admin, practice.Id);
            var restartedAt = first.Clock.GetCurrentInstant();
            onBreak.Dispose();
            ringing.Dispose();
            talking.Dispose();

            await using var second = new PermanenceApp(first);
            await first.DisposeAsync();
            second.Clock.Reset(restartedAt);
            await second.InitializeAsync();
            using var admin2 = second.AdminClient();

            (await QueuesAsync(admin2, practice.Id)).ShouldBe(before);
            var agents = await AgentsAsync(admin2, practice.Id);
            agents["Claire Dubois"].ShouldBe("break");
            agents["Hélène Faure"].ShouldBe("ringing");
            agents["Yves Marchand"].ShouldBe("on_call");

            // The ring timeout set before the restart runs out: the call goes back in line, behind nothing (it was
            // first), the secretary goes on break; the secretary who answered ends and, after wrap-up, takes the urgent call.
            second.Clock.Advance(Duration.FromSeconds(10));
            await TickAsync(second);
            (await AgentsAsync(admin2, practice.Id))["Hélène Faure"].ShouldBe("break");
            await second.PostCallAsync(Telephony.Event(talkedSid, "ended", second.Clock.GetCurrentInstant(), practice.RoutineNumber));
            second.Clock.Advance(Duration.FromSeconds(30));
            await TickAsync(second);
            var snapshot = await (await admin2.GetAsync("/api/supervision/queues", _ct)).ReadAsync<JsonElement>();
            var yves = snapshot.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("displayName").GetString() == "Yves Marchand");
            yves.GetProperty("currentCallId").GetGuid().ShouldBe(urgent);
            var routineLine = (await QueuesAsync(admin2, practice.Id)).Single(q => q.StartsWith("routine", StringComparison.Ordinal));
            routineLine.ShouldBe($"routine:{offered},{routine}");
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    private static async Task TickAsync(PermanenceApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AcdService>().TickAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Each queue of the practice as "line:call,call" in offer order, with who the call rings at.</summary>
    private async Task<List<string>> QueuesAsync(HttpClient client, Guid practiceId)
    {
        var snapshot = await (await client.GetAsync("/api/supervision/queues", _ct)).ReadAsync<JsonElement>();
        return [.. snapshot.GetProperty("queues").EnumerateArray().Where(q => q.GetProperty("practiceId").GetGuid() == practiceId)
            .Select(q => $"{q.GetProperty("line").GetString()}:{string.Join(",", q.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("callId").GetGuid()))}")];
    }

    private async Task<Dictionary<string, string>> AgentsAsync(HttpClient client, Guid practiceId)
    {
        var snapshot = await (await client.GetAsync("/api/supervision/queues", _ct)).ReadAsync<JsonElement>();
        return snapshot.GetProperty("agents").EnumerateArray()
            .Where(a => a.GetProperty("practices").EnumerateArray().Any(p => p.GetGuid() == practiceId))
            .ToDictionary(a => a.GetProperty("displayName").GetString()!, a => a.GetProperty("state").GetString()!);
    }
}

public sealed class AcdRestartTestsOnSqlite() : AcdRestartTests(TestDatabase.Sqlite);

public sealed class AcdRestartTestsOnPostgres() : AcdRestartTests(TestDatabase.Postgres);
