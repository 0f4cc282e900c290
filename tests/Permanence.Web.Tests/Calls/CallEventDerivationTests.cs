using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Data.Scope;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Calls;

/// <summary>A 202 means the event is stored; the call's state follows just after, in the background.</summary>
public abstract class CallEventDerivationTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 10, 0);
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected CallEventDerivationTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task An_acknowledged_event_is_already_stored_and_its_call_is_derived_just_after()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var sid = $"call-{Guid.NewGuid():N}";

        var ringing = await _app.PostSignedEventAsync(Telephony.Event(sid, "ringing", T0, practice.RoutineNumber));
        var ended = await _app.PostSignedEventAsync(Telephony.Event(sid, "ended", T0 + Duration.FromSeconds(45), practice.RoutineNumber));

        ringing.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        ended.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var callId = (await ended.ReadAsync<JsonElement>()).GetProperty("callId").GetGuid();
        (await ringing.ReadAsync<JsonElement>()).GetProperty("callId").GetGuid().ShouldBe(callId);
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(e => e.CallId == new CallId(callId), _ct))).ShouldBe(2);
        await _app.UntilDerivedAsync();
        var call = await _app.WithDbAsync(db => db.Calls.SingleAsync(c => c.Id == new CallId(callId), _ct));
        (call.Outcome, call.WaitSeconds, call.PracticeId).ShouldBe((CallOutcome.Abandoned, 45, new PracticeId(practice.Id)));
    }

    [Fact]
    public async Task A_replay_of_a_derived_event_is_200_stores_nothing_and_leaves_the_call_as_it_was()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var sid = $"call-{Guid.NewGuid():N}";
        var answered = Telephony.Event(sid, "answered", T0 + Duration.FromSeconds(6), practice.RoutineNumber);
        var callId = new CallId(await _app.PostCallAsync(
            Telephony.Event(sid, "ringing", T0, practice.RoutineNumber), answered, Telephony.Event(sid, "ended", T0 + Duration.FromSeconds(96), practice.RoutineNumber)));
        var before = await _app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId, _ct));

        var replay = await _app.PostEventAsync(answered);

        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replay.ReadAsync<JsonElement>()).GetProperty("callId").GetGuid().ShouldBe(callId.Value);
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(e => e.CallId == callId, _ct))).ShouldBe(3);
        var after = await _app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == callId, _ct));
        (after.EventsVersion, after.Outcome, after.WaitSeconds, after.TalkSeconds).ShouldBe((before.EventsVersion, CallOutcome.Answered, 6, 90));
    }

    [Fact]
    public async Task Events_acknowledged_in_reverse_order_are_derived_to_the_same_state()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var sid = $"call-{Guid.NewGuid():N}";
        object[] reversed =
        [
            Telephony.Event(sid, "ended", T0 + Duration.FromSeconds(130), practice.UrgentNumber),
            Telephony.Event(sid, "resumed", T0 + Duration.FromSeconds(70), practice.UrgentNumber),
            Telephony.Event(sid, "held", T0 + Duration.FromSeconds(40), practice.UrgentNumber),
            Telephony.Event(sid, "answered", T0 + Duration.FromSeconds(10), practice.UrgentNumber),
            Telephony.Event(sid, "ringing", T0, practice.UrgentNumber),
        ];

        foreach (var e in reversed)
        {
            (await _app.PostSignedEventAsync(e)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await _app.UntilDerivedAsync();
        var call = await _app.WithDbAsync(db => db.Calls.SingleAsync(c => c.ProviderCallId == sid, _ct));
        (call.Outcome, call.Line, call.StartedAt, call.WaitSeconds, call.TalkSeconds, call.HoldSeconds)
            .ShouldBe((CallOutcome.Answered, CallLine.Urgent, T0, 10, 90, 30));
    }
}

public sealed class CallEventDerivationTestsOnSqlite(SqliteApp app) : CallEventDerivationTests(app), IClassFixture<SqliteApp>;

public sealed class CallEventDerivationTestsOnPostgres(PostgresApp app) : CallEventDerivationTests(app), IClassFixture<PostgresApp>;

/// <summary>Events acknowledged by a node that stopped before deriving them are derived by the next node to start.</summary>
public abstract class CallEventRecoveryTests(TestDatabase database)
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 11, 0);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_left_awaiting_derivation_by_a_stopped_node_are_derived_when_a_node_starts()
    {
        var first = new PermanenceApp(database);
        first.EnsureAvailable();
        await first.InitializeAsync();
        try
        {
            using var admin = first.AdminClient();
            var practice = await admin.CreatePracticeWithLinesAsync("Cabinet de la Reprise");
            await using var second = new PermanenceApp(first);
            await first.DisposeAsync();
            // What the accept stage leaves when the node stops right after its 202s: the call as first created, its
            // events marked as awaiting derivation.
            var call = new Call
            {
                ProviderCallId = $"call-{Guid.NewGuid():N}",
                PracticeId = new PracticeId(practice.Id),
                Line = CallLine.Routine,
                FromNumber = "+33612345678",
                ToNumber = practice.RoutineNumber,
                StartedAt = T0,
                CreatedAt = T0,
            };
            await using (var db = first.DbContextFor(SystemPracticeScope.Instance))
            {
                db.Calls.Add(call);
                foreach (var (type, seconds) in new[] { (CallEventType.Ringing, 0), (CallEventType.Answered, 8), (CallEventType.Ended, 68) })
                {
                    db.CallEvents.Add(new CallEvent
                    {
                        EventId = $"evt-{Guid.NewGuid():N}",
                        CallId = call.Id,
                        PracticeId = call.PracticeId,
                        Type = type,
                        At = T0 + Duration.FromSeconds(seconds),
                        ReceivedAt = T0 + Duration.FromSeconds(seconds),
                        AwaitingDerivation = true,
                    });
                }
                await db.SaveChangesAsync(_ct);
            }

            await second.InitializeAsync();
            await second.UntilDerivedAsync();

            var derived = await second.WithDbAsync(db => db.Calls.SingleAsync(c => c.Id == call.Id, _ct));
            (derived.Outcome, derived.WaitSeconds, derived.TalkSeconds).ShouldBe((CallOutcome.Answered, 8, 60));
        }
        finally
        {
            await first.DisposeAsync();
        }
    }
}

public sealed class CallEventRecoveryTestsOnSqlite() : CallEventRecoveryTests(TestDatabase.Sqlite);

public sealed class CallEventRecoveryTestsOnPostgres() : CallEventRecoveryTests(TestDatabase.Postgres);
