using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NodaTime;
using Npgsql;
using Permanence.Core.Calls;
using Permanence.Core.Calls.Simulation;
using Permanence.EventLoad;

// Load test of the call-event API against a running host: the same number of requests, with the same concurrency, to
// GET /health (the empty-endpoint baseline) and to POST /api/telephony/events (signed simulated events, plus replays
// of events already stored). With the host's PostgreSQL connection string it also measures how long after the last
// acknowledgement every event is derived, and checks the stored result: every event stored once, and every call's
// derived state equal to what its events give (0 lost, 0 duplicated, in the calls as well as in the rows).
// Both endpoints are first warmed up with <warm-up> requests each (not measured): the host's just-in-time compiler
// promotes the hot methods of each path during its first seconds under load, and that one-time cost belongs to
// neither steady state. The warm-up events are stored and checked like the measured ones. Last, the events are
// posted again with a wrong signature: what an event costs before anything is stored. Every phase prints the
// machine's CPU per request (MachineCpu).
// With store-floor, against the same database once the host is stopped, it measures the least an acknowledged event
// costs there (StoreFloor).
// Usage: EventLoad <base-url> <bootstrap-api-key> <signing-secret> <events> <workers> <replays> <warm-up> [<postgres-connection>]
//        EventLoad store-floor <postgres-connection> <events> <workers>
const string RoutineNumber = "+33142869901";
if (args is ["store-floor", var floorDatabase, var floorEvents, var floorWorkers])
{
    return await StoreFloor.RunAsync(floorDatabase, RoutineNumber,
        int.Parse(floorEvents, CultureInfo.InvariantCulture), int.Parse(floorWorkers, CultureInfo.InvariantCulture));
}
if (args.Length is not (7 or 8))
{
    Console.Error.WriteLine("usage: EventLoad <base-url> <bootstrap-api-key> <signing-secret> <events> <workers> <replays> <warm-up> [<postgres-connection>]");
    Console.Error.WriteLine("       EventLoad store-floor <postgres-connection> <events> <workers>");
    return 2;
}
var baseUrl = new Uri(args[0]);
var apiKey = args[1];
var secret = args[2];
var eventCount = int.Parse(args[3], CultureInfo.InvariantCulture);
var workers = int.Parse(args[4], CultureInfo.InvariantCulture);
var replayCount = int.Parse(args[5], CultureInfo.InvariantCulture);
var warmUpCount = int.Parse(args[6], CultureInfo.InvariantCulture);
var database = args.Length == 8 ? NpgsqlDataSource.Create(args[7]) : null;
var deadline = TimeSpan.FromMinutes(5);

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = workers, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
// The API key goes only on the set-up request: a provider authenticates its events by their signature and a health
// probe sends none, and a key on every measured request added a key lookup to both sides of the comparison.
using var http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

using (var setup = new HttpRequestMessage(HttpMethod.Post, "/api/practices"))
{
    setup.Headers.Authorization = new("Bearer", apiKey);
    setup.Content = JsonContent.Create(new
    {
        name = "Cabinet de charge",
        greetingText = "{practice}, {secretary} à votre écoute, bonjour",
        specialty = "general",
        timeZone = "Europe/Paris",
        routineNumber = RoutineNumber,
        urgentNumber = "+33142869902",
    });
    using var created = await http.SendAsync(setup);
    if (created.StatusCode != HttpStatusCode.Created)
    {
        Console.Error.WriteLine($"practice creation failed: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        return 1;
    }
}

var messages = LoadTraffic.Generate(RoutineNumber, warmUpCount + eventCount, seed: 42, Instant.FromUtc(2026, 11, 23, 7, 0));
var bodies = messages.Select(e => Encoding.UTF8.GetBytes(SimulatedEvents.ToJson(e))).ToList();
if (bodies.Count < warmUpCount + eventCount)
{
    Console.Error.WriteLine($"only {bodies.Count} events generated");
    return 1;
}
var warmUp = bodies.Take(warmUpCount).ToList();
var events = bodies.Skip(warmUpCount).ToList();
var replays = events.Take(replayCount).ToList();

if (warmUp.Count > 0)
{
    await RunAsync("warm-up GET /health", warmUp.Count, _ => new HttpRequestMessage(HttpMethod.Get, "/health"));
}
var health = await RunAsync("GET /health", events.Count, _ => new HttpRequestMessage(HttpMethod.Get, "/health"));
var warmedUp = warmUp.Count > 0 ? await RunAsync("warm-up POST /api/telephony/events", warmUp.Count, i => Signed(warmUp[i])) : null;
if (database is not null)
{
    // The warm-up grew the tables from nothing in seconds, faster than autovacuum (a minute between passes) refreshes
    // their statistics, so plans chosen while they were nearly empty would scan them whole. A long-running database
    // has current statistics; ANALYZE gives the measured phase the same.
    await using var analyze = database.CreateCommand("ANALYZE");
    await analyze.ExecuteNonQueryAsync();
    Console.WriteLine("statistics refreshed (ANALYZE) after the warm-up");
}
var ingest = await RunAsync("POST /api/telephony/events", events.Count, i => Signed(events[i]));
if (database is not null)
{
    var lag = await UntilDerivedAsync(database);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all events derived {lag.TotalMilliseconds:F0} ms after the last acknowledgement"));
}
var replayed = await RunAsync("POST replays", replays.Count, i => Signed(replays[i]));
// What every event pays before anything is stored: the request, its body read and its signature checked (here found
// wrong, so answered 401 at once and nothing stored).
if (warmUp.Count > 0)
{
    await RunAsync("warm-up POST rejected", warmUp.Count, i => Signed(warmUp[i], secret + "-wrong"));
}
var rejected = await RunAsync("POST rejected (wrong signature)", events.Count, i => Signed(events[i], secret + "-wrong"));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio events/health: {ingest.PerSecond / health.PerSecond:P1}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"expected stored events: {bodies.Count}"));
var ok = (warmedUp?.ByStatus.GetValueOrDefault(202) ?? 0) == warmUp.Count && ingest.ByStatus.GetValueOrDefault(202) == events.Count && replayed.ByStatus.GetValueOrDefault(200) == replays.Count
    && rejected.ByStatus.GetValueOrDefault(401) == events.Count;
if (database is not null)
{
    await UntilDerivedAsync(database);
    ok &= await CheckStoredAsync(database, messages);
}
return ok ? 0 : 1;

// Polls until no stored event awaits derivation; the time from the call to the first poll that finds none.
static async Task<TimeSpan> UntilDerivedAsync(NpgsqlDataSource database)
{
    var clock = Stopwatch.StartNew();
    await using var command = database.CreateCommand("""SELECT count(*) FROM call_events WHERE "AwaitingDerivation" """);
    while ((long)(await command.ExecuteScalarAsync())! > 0)
    {
        if (clock.Elapsed > TimeSpan.FromMinutes(5))
        {
            throw new TimeoutException("events still awaited derivation after 5 minutes");
        }
        await Task.Delay(5);
    }
    return clock.Elapsed;
}

// Every event stored once under its call, and every call's derived state equal to what the same events give through
// the domain's own derivation (lost, duplicated or underived events would change a count or a timing).
static async Task<bool> CheckStoredAsync(NpgsqlDataSource database, List<CallEventMessage> sent)
{
    var expected = sent.GroupBy(e => e.CallId.ToString()).ToDictionary(g => g.Key, g =>
    {
        var call = new Call { ProviderCallId = g.Key, FromNumber = "", ToNumber = "" };
        call.Apply(CallTimeline.From(g.Select(e => new CallEvent { EventId = e.EventId.ToString(), Type = CallCodes.TryEventType(e.Type)!.Value, At = e.At })));
        return (Events: (long)g.Count(), State: StateOf(call.Outcome.ToString(), call.StartedAt, call.AnsweredAt, call.EndedAt, call.WaitSeconds, call.TalkSeconds, call.HoldSeconds));
    });
    await using var rows = database.CreateCommand("""SELECT count(*), count(DISTINCT "EventId") FROM call_events""");
    await using var counts = await rows.ExecuteReaderAsync();
    await counts.ReadAsync();
    var (stored, distinct) = (counts.GetInt64(0), counts.GetInt64(1));
    await counts.DisposeAsync();
    await using var query = database.CreateCommand("""
        SELECT c."ProviderCallId", c."Outcome", c."StartedAt", c."AnsweredAt", c."EndedAt", c."WaitSeconds", c."TalkSeconds", c."HoldSeconds",
               (SELECT count(*) FROM call_events e WHERE e."CallId" = c."Id")
        FROM calls c
        """);
    await using var reader = await query.ExecuteReaderAsync();
    int calls = 0, matching = 0;
    while (await reader.ReadAsync())
    {
        calls++;
        var state = StateOf(reader.GetString(1), At(reader, 2)!.Value, At(reader, 3), At(reader, 4), Seconds(reader, 5), Seconds(reader, 6), reader.GetInt32(7));
        if (expected.TryGetValue(reader.GetString(0), out var want) && want.Events == reader.GetInt64(8) && want.State == state)
        {
            matching++;
        }
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"stored: {stored} event rows, {distinct} distinct event ids (sent {sent.Count}); calls: {calls} stored, {expected.Count} sent, {matching} with all their events and the state they give"));
    return stored == sent.Count && distinct == sent.Count && calls == expected.Count && matching == expected.Count;

    static Instant? At(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc));
    static int? Seconds(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
}

static string StateOf(string outcome, Instant started, Instant? answered, Instant? ended, int? wait, int? talk, int hold) =>
    string.Create(CultureInfo.InvariantCulture, $"{outcome} {started} {answered} {ended} {wait} {talk} {hold}");

HttpRequestMessage Signed(byte[] body, string? signingSecret = null)
{
    var request = new HttpRequestMessage(HttpMethod.Post, "/api/telephony/events") { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new("application/json");
    request.Headers.TryAddWithoutValidation(EventSignature.Header, EventSignature.Sign(body, signingSecret ?? secret));
    return request;
}

async Task<RunResult> RunAsync(string name, int count, Func<int, HttpRequestMessage> build)
{
    var next = -1;
    var latencies = new double[count];
    var statuses = new int[count];
    using var stop = new CancellationTokenSource(deadline);
    var cpu = MachineCpu.Read();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count && !stop.IsCancellationRequested)
        {
            var sent = Stopwatch.GetTimestamp();
            using var request = build(i);
            using var response = await http.SendAsync(request, stop.Token);
            statuses[i] = (int)response.StatusCode;
            latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
        }
    }));
    var elapsed = clock.Elapsed;
    var cpuAfter = MachineCpu.Read();
    var done = statuses.Count(s => s != 0);
    var cpuUsed = cpuAfter.Since(cpu, done, "request");
    var byStatus = statuses.Where(s => s != 0).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
    var sorted = latencies.Take(done).Order().ToArray();
    var result = new RunResult(done / elapsed.TotalSeconds, byStatus);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {done} requests, {workers} workers, {elapsed.TotalSeconds:F2} s, {result.PerSecond:F0} req/s, p50 {Percentile(sorted, 0.5):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, statuses {JsonSerializer.Serialize(byStatus)}, {cpuUsed}"));
    return result;
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

internal sealed record RunResult(double PerSecond, Dictionary<int, int> ByStatus);
