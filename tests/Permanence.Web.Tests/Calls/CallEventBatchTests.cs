using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Web.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Calls;

/// <summary>Events written together (group commit): each stored once, with the call states one-by-one delivery gives.</summary>
public abstract class CallEventBatchTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 9, 0);
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected CallEventBatchTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    /// <summary>Event types and offsets in seconds from the first ringing, per call: answered, held, abandoned, voicemail.</summary>
    private static readonly (string Type, int At)[][] Scripts =
    [
        [("ringing", 0), ("answered", 12), ("ended", 130)],
        [("ringing", 0), ("answered", 5), ("held", 40), ("resumed", 70), ("ended", 200)],
        [("ringing", 0), ("ended", 45)],
        [("ringing", 0), ("voicemail", 30), ("ended", 90)],
        [("ringing", 0), ("answered", 9), ("held", 20), ("resumed", 25), ("held", 60), ("resumed", 75), ("ended", 100)],
        [("ringing", 0), ("answered", 3), ("ended", 33)],
    ];

    [Fact]
    public async Task Events_of_many_calls_posted_at_once_are_stored_once_with_the_states_of_one_by_one_delivery()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var run = Guid.NewGuid().ToString("N");
        List<(string CallId, object Body, string EventId)> concurrent = [];
        for (var n = 0; n < Scripts.Length; n++)
        {
            var to = n % 2 == 0 ? practice.RoutineNumber : practice.UrgentNumber;
            foreach (var (type, at) in Scripts[n])
            {
                var eventId = $"evt-{Guid.NewGuid():N}";
                concurrent.Add(($"batch-{run}-{n}", Telephony.Event($"batch-{run}-{n}", type, T0 + Duration.FromSeconds(at), to, eventId: eventId), eventId));
            }
            await _app.PostCallAsync([.. Scripts[n].Select(e => Telephony.Event($"single-{run}-{n}", e.Type, T0 + Duration.FromSeconds(e.At), to))]);
        }
        var shuffled = concurrent.OrderBy(_ => Random.Shared.Next()).ToList();

        var responses = await Task.WhenAll(shuffled.Select(e => _app.PostEventAsync(e.Body)));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Accepted);
        var eventIds = concurrent.Select(e => e.EventId).ToList();
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(e => eventIds.Contains(e.EventId), _ct))).ShouldBe(eventIds.Count);
        var calls = await _app.WithDbAsync(db => db.Calls.Where(c => c.ProviderCallId.Contains(run)).ToListAsync(_ct));
        calls.Count.ShouldBe(2 * Scripts.Length);
        for (var n = 0; n < Scripts.Length; n++)
        {
            var together = calls.Single(c => c.ProviderCallId == $"batch-{run}-{n}");
            var alone = calls.Single(c => c.ProviderCallId == $"single-{run}-{n}");
            StateOf(together).ShouldBe(StateOf(alone), $"call {n}");
        }
    }

    [Fact]
    public async Task A_replay_inside_one_batch_is_answered_as_a_duplicate_and_stored_once()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var callId = $"call-{Guid.NewGuid():N}";
        var ringing = Valid($"evt-{Guid.NewGuid():N}", callId, "ringing", T0, practice.RoutineNumber);
        var answered = Valid($"evt-{Guid.NewGuid():N}", callId, "answered", T0 + Duration.FromSeconds(7), practice.RoutineNumber);
        var ended = Valid($"evt-{Guid.NewGuid():N}", callId, "ended", T0 + Duration.FromSeconds(67), practice.RoutineNumber);

        var first = await IngestBatchAsync(ringing, answered, ringing);
        var second = await IngestBatchAsync(answered, ended, ended);

        first.Select(r => r.Duplicate).ShouldBe([false, false, true]);
        second.Select(r => r.Duplicate).ShouldBe([true, false, true]);
        first.Concat(second).Select(r => r.CallId).Distinct().Count().ShouldBe(1);
        var eventIds = new[] { ringing.EventId, answered.EventId, ended.EventId };
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(e => eventIds.Contains(e.EventId), _ct))).ShouldBe(3);
        var call = await _app.WithDbAsync(db => db.Calls.SingleAsync(c => c.ProviderCallId == callId, _ct));
        (call.Outcome, call.WaitSeconds, call.TalkSeconds).ShouldBe((CallOutcome.Answered, 7, 60));
    }

    [Fact]
    public async Task An_event_id_stored_under_another_call_is_a_duplicate_of_it_and_the_rest_of_the_batch_is_stored()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var storedCall = $"call-{Guid.NewGuid():N}";
        var takenEventId = $"evt-{Guid.NewGuid():N}";
        var storedCallId = await _app.PostCallAsync(Telephony.Event(storedCall, "ringing", T0, practice.RoutineNumber, eventId: takenEventId));
        var newCall = $"call-{Guid.NewGuid():N}";
        var otherCall = $"call-{Guid.NewGuid():N}";
        // The same event id under another provider call, as when another node stored the event first: no call is
        // created for it, and the receipt names the call it is stored under.
        ValidCallEvent[] batch =
        [
            Valid($"evt-{Guid.NewGuid():N}", newCall, "ringing", T0, practice.RoutineNumber),
            Valid(takenEventId, otherCall, "ringing", T0, practice.RoutineNumber),
            Valid($"evt-{Guid.NewGuid():N}", newCall, "answered", T0 + Duration.FromSeconds(4), practice.RoutineNumber),
            Valid($"evt-{Guid.NewGuid():N}", newCall, "ended", T0 + Duration.FromSeconds(64), practice.RoutineNumber),
        ];

        var receipts = await IngestBatchAsync(batch);

        receipts.Select(r => r.Duplicate).ShouldBe([false, true, false, false]);
        receipts[1].CallId.ShouldBe(storedCallId);
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(e => e.EventId == takenEventId, _ct))).ShouldBe(1);
        (await _app.WithDbAsync(db => db.Calls.CountAsync(c => c.ProviderCallId == otherCall, _ct))).ShouldBe(0);
        var call = await _app.WithDbAsync(db => db.Calls.SingleAsync(c => c.ProviderCallId == newCall, _ct));
        (call.Outcome, call.WaitSeconds, call.TalkSeconds).ShouldBe((CallOutcome.Answered, 4, 60));
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(e => e.CallId == call.Id, _ct))).ShouldBe(3);
    }

    [Fact]
    public async Task A_request_that_stops_waiting_leaves_its_event_and_the_others_to_be_stored()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var callId = $"call-{Guid.NewGuid():N}";
        var ringing = Valid($"evt-{Guid.NewGuid():N}", callId, "ringing", T0, practice.RoutineNumber);
        var ended = Valid($"evt-{Guid.NewGuid():N}", callId, "ended", T0 + Duration.FromSeconds(20), practice.RoutineNumber);
        var writer = _app.Services.GetRequiredService<CallEventWriter>();
        using var gaveUp = new CancellationTokenSource();

        var abandoned = writer.WriteAsync(ringing, gaveUp.Token);
        await gaveUp.CancelAsync();
        var receipt = await writer.WriteAsync(ended, _ct);

        await Should.ThrowAsync<OperationCanceledException>(abandoned);
        receipt.ShouldNotBeNull().Duplicate.ShouldBeFalse();
        await _app.UntilDerivedAsync();
        var call = await _app.WithDbAsync(db => db.Calls.SingleAsync(c => c.ProviderCallId == callId, _ct));
        (call.Outcome, call.WaitSeconds).ShouldBe((CallOutcome.Abandoned, 20));
    }

    private static object StateOf(Call c) =>
        (c.PracticeId, c.Line, c.Outcome, c.StartedAt, c.AnsweredAt, c.EndedAt, c.WaitSeconds, c.TalkSeconds, c.HoldSeconds, c.FromNumber, c.ToNumber);

    private static ValidCallEvent Valid(string eventId, string callId, string type, Instant at, string to) =>
        CallEventValidation.Validate(new CallEventInput(eventId, callId, type, "+33612345678", to, Telephony.Iso(at), null, null)).Value!;

    /// <summary>Stores the events as one batch of the writer would, then lets them be derived.</summary>
    private async Task<IReadOnlyList<CallEventReceipt>> IngestBatchAsync(params ValidCallEvent[] batch)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var receipts = await scope.ServiceProvider.GetRequiredService<CallEventAcceptance>().AcceptAsync(batch, _ct);
        _app.Services.GetRequiredService<CallEventDerivation>().Signal();
        await _app.UntilDerivedAsync();
        return receipts;
    }
}

/// <summary>A stopping node answers what it cannot store with a retry, rather than leaving the provider waiting.</summary>
public sealed class CallEventWriterShutdownTests
{
    [Fact]
    public async Task After_the_host_stops_an_event_is_refused_for_a_retry_not_left_waiting()
    {
        var app = new PermanenceApp(TestDatabase.Sqlite);
        await app.InitializeAsync();
        var writer = app.Services.GetRequiredService<CallEventWriter>();
        await app.DisposeAsync();

        var incoming = CallEventValidation.Validate(new CallEventInput($"evt-{Guid.NewGuid():N}", $"call-{Guid.NewGuid():N}", "ringing", "+33612345678",
            "+33142860001", Telephony.Iso(Instant.FromUtc(2026, 11, 23, 9, 0)), null, null)).Value!;
        (await writer.WriteAsync(incoming, TestContext.Current.CancellationToken)).ShouldBeNull();
    }
}

/// <summary>An event the database refuses fails alone: the other requests of its batch get their receipts.</summary>
public sealed class CallEventWriterOnPostgresTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 9, 0);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_the_database_refuses_fails_alone_and_the_rest_of_its_batch_is_stored()
    {
        app.EnsureAvailable();
        using var admin = app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var callId = $"call-{Guid.NewGuid():N}";
        var ringing = Valid(callId, "ringing", T0, practice.RoutineNumber);
        var ended = Valid(callId, "ended", T0 + Duration.FromSeconds(20), practice.RoutineNumber);
        // Built past validation, which refuses it: PostgreSQL stores no NUL in text, so this event fails its batch's statement.
        var refused = Valid($"call-{Guid.NewGuid():N}", "ringing", T0, practice.RoutineNumber) with { ProviderCallId = "call-\0" };
        using var writer = new CallEventWriter(app.Services.GetRequiredService<IServiceScopeFactory>(),
            app.Services.GetRequiredService<CallEventDerivation>(), NullLogger<CallEventWriter>.Instance);
        // Queued before the writer starts, so it takes them as one batch.
        var receipts = new[] { ringing, refused, ended }.Select(e => writer.WriteAsync(e, _ct)).ToList();

        await writer.StartAsync(_ct);
        try
        {
            (await receipts[0]).ShouldNotBeNull().Duplicate.ShouldBeFalse();
            await Should.ThrowAsync<Npgsql.PostgresException>(receipts[1]);
            (await receipts[2]).ShouldNotBeNull().Duplicate.ShouldBeFalse();
        }
        finally
        {
            await writer.StopAsync(_ct);
        }

        await app.UntilDerivedAsync();
        var call = await app.WithDbAsync(db => db.Calls.SingleAsync(c => c.ProviderCallId == callId, _ct));
        (call.Outcome, call.WaitSeconds).ShouldBe((CallOutcome.Abandoned, 20));
        (await app.WithDbAsync(db => db.CallEvents.CountAsync(e => e.EventId == refused.EventId, _ct))).ShouldBe(0);
    }

    private static ValidCallEvent Valid(string callId, string type, Instant at, string to) =>
        CallEventValidation.Validate(new CallEventInput($"evt-{Guid.NewGuid():N}", callId, type, "+33612345678", to, Telephony.Iso(at), null, null)).Value!;
}

public sealed class CallEventBatchTestsOnSqlite(SqliteApp app) : CallEventBatchTests(app), IClassFixture<SqliteApp>;

public sealed class CallEventBatchTestsOnPostgres(PostgresApp app) : CallEventBatchTests(app), IClassFixture<PostgresApp>;
