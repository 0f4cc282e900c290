using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NodaTime;
using Permanence.Web.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Calls;

public abstract class CallsHubTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 9, 30);
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected CallsHubTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task A_secretary_watching_a_practice_receives_its_call_updates_and_not_another_practices()
    {
        using var admin = _app.AdminClient();
        var mine = await admin.CreatePracticeWithLinesAsync("Cabinet A");
        var other = await admin.CreatePracticeWithLinesAsync("Cabinet B");
        await using var connection = await _app.ConnectToCallsHubAsync(await admin.CreateApiKeyAsync("secretary", mine.Id), _ct);
        var received = new ConcurrentQueue<JsonElement>();
        var mineArrived = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>(CallsHub.CallUpdated, call =>
        {
            received.Enqueue(call);
            if (call.GetProperty("practiceId").GetGuid() == mine.Id)
            {
                mineArrived.TrySetResult(call);
            }
        });
        await connection.InvokeAsync("WatchPractice", mine.Id, _ct);

        // B's event goes first: had it been delivered, it would arrive before A's on this connection.
        await _app.PostCallAsync(Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", T0, other.RoutineNumber));
        var callId = await _app.PostCallAsync(Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", T0, mine.UrgentNumber));

        var update = await mineArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), _ct);
        update.GetProperty("id").GetGuid().ShouldBe(callId);
        update.GetProperty("line").GetString().ShouldBe("urgent");
        update.GetProperty("startedAt").GetString().ShouldBe("2026-11-23T09:30:00Z");
        received.ShouldAllBe(c => c.GetProperty("practiceId").GetGuid() == mine.Id);
    }

    [Fact]
    public async Task Watching_a_practice_outside_ones_scope_is_refused()
    {
        using var admin = _app.AdminClient();
        var mine = await admin.CreatePracticeWithLinesAsync("Cabinet A");
        var other = await admin.CreatePracticeWithLinesAsync("Cabinet B");
        await using var connection = await _app.ConnectToCallsHubAsync(await admin.CreateApiKeyAsync("secretary", mine.Id), _ct);

        await Should.ThrowAsync<HubException>(() => connection.InvokeAsync("WatchPractice", other.Id, _ct));
        await Should.ThrowAsync<HubException>(() => connection.InvokeAsync("WatchUnknownNumbers", _ct));
    }
}

public sealed class CallsHubTestsOnSqlite(SqliteApp app) : CallsHubTests(app), IClassFixture<SqliteApp>;

public sealed class CallsHubTestsOnPostgres(PostgresApp app) : CallsHubTests(app), IClassFixture<PostgresApp>;
