using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using NodaTime;
using Microsoft.Extensions.DependencyInjection;
using Permanence.Web.Calls;
using Permanence.Web.Security;
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
    public async Task A_connection_whose_api_key_is_revoked_is_ended_at_the_next_check_and_the_others_stay()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var revokedSecret = await admin.CreateApiKeyAsync("secretary", practice.Id);
        await using var revoked = await _app.ConnectToCallsHubAsync(revokedSecret, _ct);
        await using var kept = await _app.ConnectToCallsHubAsync(await admin.CreateApiKeyAsync("secretary", practice.Id), _ct);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        revoked.Closed += _ => { ended.TrySetResult(); return Task.CompletedTask; };
        var sessions = _app.Services.GetRequiredService<HubSessionRevalidation>();
        (await sessions.CheckAsync(_ct)).ShouldBe(0);

        var keys = await (await admin.GetAsync("/api/api-keys", _ct)).ReadAsync<JsonElement>();
        var id = keys.EnumerateArray().Single(k => k.GetProperty("prefix").GetString() is { } prefix && revokedSecret.StartsWith(prefix, StringComparison.Ordinal))
            .GetProperty("id").GetGuid();
        (await admin.PostAsync($"/api/api-keys/{id}/revoke", null, _ct)).EnsureSuccessStatusCode();

        (await sessions.CheckAsync(_ct)).ShouldBe(1);
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(30), _ct);
        kept.State.ShouldBe(HubConnectionState.Connected);
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
