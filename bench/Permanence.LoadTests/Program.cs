using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Permanence.LoadTests;

/// <summary>
/// Load drivers for bench/load/*.sh. The load goes through the public HTTP API, as a client would; Npgsql is used
/// for the plain INSERT baseline, for the booking path's own statements sent without HTTP (what a booking costs the
/// database at the least) and for the overlap check.
/// </summary>
/// <remarks>
/// Commands:
/// <list type="bullet">
/// <item><c>seed-agenda --url U --key K [--practitioners 10] [--share 0.7] [--days 14]</c>: a practice whose practitioners
/// consult Monday–Friday 08:00–12:00 and 14:00–19:00, a 15-minute and a 30-minute type, and a share of the 15-minute slots
/// of the next days booked; prints <c>practiceId type15,type30 practitioner1,practitioner2,…</c> on the last line.</item>
/// <item><c>booking --url U --key K --postgres CS [--practitioners 50] [--workers 16] [--seconds 15] [--history-years 0]</c>:
/// bookings/s through <c>POST /appointments</c> against single-row INSERTs/s on the same database, then, for reading the
/// ratio, the booking path's statements without HTTP, the least rows a booking writes, single-row INSERTs into
/// <c>appointments</c> and <c>GET /health</c> requests/s (what an HTTP request costs on its own), then the overlap
/// check. With <c>--history-years</c>, the practitioners first get that many years of past appointments.</item>
/// </list>
/// </remarks>
public static class Program
{
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: seed-agenda|booking --url URL --key KEY [--postgres CS] [options]");
            return 2;
        }
        var options = Options.Parse(args.Skip(1));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(options.Required("url")),
            Timeout = TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Required("key"));
        var api = new Api(http);
        return args[0] switch
        {
            "seed-agenda" => await SeedAgendaAsync(api, options),
            "booking" => await BookingThroughputAsync(api, options),
            _ => Usage(args[0]),
        };
    }

    private static int Usage(string command)
    {
        Console.Error.WriteLine($"unknown command '{command}'");
        return 2;
    }

    private static async Task<int> SeedAgendaAsync(Api api, Options options)
    {
        var practitioners = options.Number("practitioners", 10);
        var share = options.Fraction("share", 0.7);
        var days = options.Number("days", 14);
        var weekly = Weekdays
            .SelectMany(day => new[] { new { day, start = "08:00", end = "12:00" }, new { day, start = "14:00", end = "19:00" } })
            .ToArray();
        var practice = await api.CreatePracticeAsync("Cabinet du banc d'essai");
        var practitionerIds = new List<Guid>();
        for (var i = 0; i < practitioners; i++)
        {
            var practitioner = await api.CreatePractitionerAsync(practice, $"Dr Essai {i + 1}");
            await api.SetAvailabilityAsync(practice, practitioner, new { weeklySessions = weekly, extraSessions = Array.Empty<object>() });
            practitionerIds.Add(practitioner);
        }
        var type = await api.CreateTypeAsync(practice);
        var longType = await api.CreateTypeAsync(practice, "Consultation longue", 30);
        var from = DateTimeOffset.UtcNow;
        var slots = await api.AllSlotsAsync(practice, type, from, from.AddDays(days));
        // A fixed seed keeps the booked pattern the same from one run to the next.
        var random = new Random(20261123);
        var chosen = slots.Where(_ => random.NextDouble() < share).ToList();
        var outcome = await RunBookingsAsync(api, practice, type, Partition(chosen, 4), TimeSpan.FromMinutes(5));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded: {slots.Count} slots in {days} days, booked {outcome.Booked} ({(double)outcome.Booked / Math.Max(1, slots.Count):P0}), 409 {outcome.Conflicts}, errors {outcome.Errors}"));
        Console.WriteLine($"{practice} {type},{longType} {string.Join(',', practitionerIds)}");
        return outcome.Errors == 0 ? 0 : 1;
    }

    private static async Task<int> BookingThroughputAsync(Api api, Options options)
    {
        var connectionString = options.Required("postgres");
        var practitioners = options.Number("practitioners", 50);
        var workers = options.Number("workers", 16);
        var duration = TimeSpan.FromSeconds(options.Number("seconds", 15));

        // (a) Many practitioners, each with long extra sessions on weekdays without French public holidays,
        // so the workers never run out of free slots within the measured phase.
        var firstDay = NextMonday(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7));
        var sessionDays = Enumerable.Range(0, 14).Select(firstDay.AddDays).Where(d => d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday).Take(6).ToList();
        var extra = sessionDays.Select(d => new { date = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start = "07:00", end = "21:00" }).ToArray();
        var practice = await api.CreatePracticeAsync("Cabinet de charge");
        var practitionerIds = new List<Guid>();
        for (var i = 0; i < practitioners; i++)
        {
            var practitioner = await api.CreatePractitionerAsync(practice, $"Dr Charge {i + 1}");
            await api.SetAvailabilityAsync(practice, practitioner, new { weeklySessions = Array.Empty<object>(), extraSessions = extra });
            practitionerIds.Add(practitioner);
        }
        var type = await api.CreateTypeAsync(practice);
        var historyYears = options.Number("history-years", 0);
        if (historyYears > 0)
        {
            var past = await AddHistoryAsync(connectionString, practice, type, practitionerIds, historyYears);
            Console.WriteLine($"history: {past} past appointments over {historyYears} year(s)");
        }
        var windowStart = new DateTimeOffset(sessionDays[0].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
        var slots = await api.AllSlotsAsync(practice, type, windowStart, windowStart.AddDays(sessionDays.Count + 9));
        Console.WriteLine($"setup: {practitioners} practitioners, {slots.Count} free slots, {workers} workers, {duration.TotalSeconds:F0} s per phase");

        // Warm-up: a few bookings so JIT, pools and caches are ready before the clock starts.
        var warmUp = slots.Take(workers * 4).ToList();
        await RunBookingsAsync(api, practice, type, Partition(warmUp, workers), TimeSpan.FromSeconds(10));
        var measured = slots.Skip(warmUp.Count).ToList();

        // (b) K workers, each on its own slots (round-robin over the earliest-first list: no two workers share a slot).
        var bookings = await RunBookingsAsync(api, practice, type, Partition(measured, workers), duration);
        var bookingsPerSecond = bookings.Booked / bookings.Elapsed.TotalSeconds;

        // (c) The same K workers doing single-row INSERTs over Npgsql, one connection each from the pool.
        var inserts = await RunInsertsAsync(connectionString, workers, duration);
        var insertsPerSecond = inserts.Count / inserts.Elapsed.TotalSeconds;

        // (d) For reading the ratio, what a booking costs the database at the least, with the same K workers over Npgsql:
        // the booking path's own statements without HTTP, rules or checks (both round trips); the least any booking
        // writes (appointment, history entry, audit entry) in one transaction and one round trip; the appointment row
        // alone, one INSERT per round trip like the baseline's. Far in the future, on their own practitioners, so they
        // meet neither the bookings above nor each other.
        var bookingWrites = new BookingWrites(connectionString, practice, type, practitionerIds);
        var statements = await bookingWrites.RunStatementsAsync(workers, duration);
        var statementsPerSecond = statements.Count / statements.Elapsed.TotalSeconds;
        var leastRows = await bookingWrites.RunLeastRowsAsync(workers, duration);
        var leastRowsPerSecond = leastRows.Count / leastRows.Elapsed.TotalSeconds;
        var rows = await bookingWrites.RunAppointmentRowsAsync(workers, duration);
        var rowsPerSecond = rows.Count / rows.Elapsed.TotalSeconds;

        // (e) The same K workers sending GET /health through the same client and host: what an HTTP request costs
        // before any work, for reading the ratio (not part of it).
        var health = await RunHealthChecksAsync(api, workers, duration);
        var healthPerSecond = health.Count / health.Elapsed.TotalSeconds;

        var overlaps = await CountOverlapsAsync(connectionString);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bookings: {bookings.Booked} booked (201), {bookings.Conflicts} conflicts (409), {bookings.Errors} errors in {bookings.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"booking latency ms: p50 {bookings.Percentile(0.50):F1}, p99 {bookings.Percentile(0.99):F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inserts: {inserts.Count} in {inserts.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"booking statements without HTTP: {statements.Count} in {statements.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"least rows of a booking, one transaction: {leastRows.Count} in {leastRows.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"appointment rows alone: {rows.Count} in {rows.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"health checks: {health.Count} in {health.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bookings_per_s={bookingsPerSecond:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inserts_per_s={insertsPerSecond:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio={bookingsPerSecond / insertsPerSecond:P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"statements_per_s={statementsPerSecond:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"statements_ratio={statementsPerSecond / insertsPerSecond:P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"least_rows_per_s={leastRowsPerSecond:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"least_rows_ratio={leastRowsPerSecond / insertsPerSecond:P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"appointment_rows_per_s={rowsPerSecond:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"appointment_rows_ratio={rowsPerSecond / insertsPerSecond:P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"health_per_s={healthPerSecond:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"health_ratio={healthPerSecond / insertsPerSecond:P1}"));
        Console.WriteLine($"overlaps={overlaps}");
        return overlaps == 0 && bookings.Errors == 0 ? 0 : 1;
    }

    /// <summary>
    /// A practice's past, as after years of use: 20 completed 15-minute appointments per practitioner on every weekday
    /// of the last <paramref name="years"/> years, written in one statement, then the table analysed.
    /// </summary>
    private static async Task<long> AddHistoryAsync(string connectionString, Guid practice, Guid type, List<Guid> practitioners, int years)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var insert = source.CreateCommand("""
            INSERT INTO appointments ("Id", "PracticeId", "PractitionerId", "AppointmentTypeId", "Start", "End", "BlockedStart", "BlockedEnd",
                "Status", "IsSqueezeIn", "CreatedAt", "CreatedBy")
            SELECT gen_random_uuid(), $1, p, $2, t, t + interval '15 minutes', t, t + interval '15 minutes', 'Completed', false, t, 'history'
            FROM unnest($3::uuid[]) AS p,
                 generate_series(date_trunc('day', now()) - make_interval(years => $4) + interval '7 hours', date_trunc('day', now()) - interval '17 hours',
                     interval '1 day') AS d,
                 generate_series(0, 19) AS slot,
                 LATERAL (SELECT d + slot * interval '15 minutes' AS t) AS s
            WHERE extract(isodow FROM d) < 6
            """);
        insert.CommandTimeout = 600;
        insert.Parameters.Add(new NpgsqlParameter { Value = practice });
        insert.Parameters.Add(new NpgsqlParameter { Value = type });
        insert.Parameters.Add(new NpgsqlParameter { Value = practitioners.ToArray() });
        insert.Parameters.Add(new NpgsqlParameter { Value = years });
        var rows = await insert.ExecuteNonQueryAsync();
        await using var analyse = source.CreateCommand("ANALYZE appointments");
        await analyse.ExecuteNonQueryAsync();
        return rows;
    }

    private static DateOnly NextMonday(DateOnly day)
    {
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }
        return day;
    }

    private static List<List<Slot>> Partition(List<Slot> slots, int workers) =>
        [.. Enumerable.Range(0, workers).Select(w => slots.Where((_, i) => i % workers == w).ToList())];

    private static async Task<BookingOutcome> RunBookingsAsync(Api api, Guid practice, Guid type, List<List<Slot>> perWorker, TimeSpan duration)
    {
        var outcome = new BookingOutcome();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(perWorker.Select((slots, worker) => Task.Run(async () =>
        {
            var n = 0;
            foreach (var slot in slots)
            {
                if (clock.Elapsed >= duration)
                {
                    break;
                }
                var started = Stopwatch.GetTimestamp();
                var status = await api.BookAsync(practice, type, slot, $"Patient{worker:D2}x{n++:D5}");
                outcome.Record(status, Stopwatch.GetElapsedTime(started));
            }
        })));
        outcome.Elapsed = clock.Elapsed;
        return outcome;
    }

    private static async Task<(long Count, TimeSpan Elapsed)> RunInsertsAsync(string connectionString, int workers, TimeSpan duration)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using (var create = source.CreateCommand("CREATE TABLE IF NOT EXISTS bench_rows(id uuid PRIMARY KEY, practitioner uuid NOT NULL, start timestamptz NOT NULL, payload text NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }
        long count = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            await using var connection = await source.OpenConnectionAsync();
            var practitioner = Guid.NewGuid();
            var start = DateTimeOffset.UtcNow;
            while (clock.Elapsed < duration)
            {
                await using var insert = new NpgsqlCommand("INSERT INTO bench_rows(id, practitioner, start, payload) VALUES ($1, $2, $3, $4)", connection)
                {
                    Parameters = { new() { Value = Guid.NewGuid() }, new() { Value = practitioner }, new() { Value = start }, new() { Value = "Martin Léa 1985-06-01 +33612345678" } },
                };
                await insert.ExecuteNonQueryAsync();
                start = start.AddMinutes(15);
                Interlocked.Increment(ref count);
            }
        })));
        var elapsed = clock.Elapsed;
        await using (var drop = source.CreateCommand("DROP TABLE bench_rows"))
        {
            await drop.ExecuteNonQueryAsync();
        }
        return (count, elapsed);
    }

    private static async Task<(long Count, TimeSpan Elapsed)> RunHealthChecksAsync(Api api, int workers, TimeSpan duration)
    {
        long count = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                await api.HealthAsync();
                Interlocked.Increment(ref count);
            }
        })));
        return (count, clock.Elapsed);
    }

    /// <summary>
    /// Appointments that occupy time (as the exclusion constraint counts them) and start before an earlier one of the
    /// same practitioner has ended: zero exactly when no two overlap. A running maximum over each practitioner's
    /// appointments in start order, so years of history take one sort, not a self-join.
    /// </summary>
    private static async Task<long> CountOverlapsAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var check = source.CreateCommand("""
            SELECT count(*) FROM (
                SELECT "BlockedStart", max("BlockedEnd") OVER (PARTITION BY "PractitionerId" ORDER BY "BlockedStart", "Id"
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_end
                FROM appointments
                WHERE "Status" IN ('Held', 'Booked', 'Completed', 'NoShow') AND NOT "IsSqueezeIn") AS a
            WHERE earlier_end > "BlockedStart"
            """);
        check.CommandTimeout = 600;
        return (long)(await check.ExecuteScalarAsync())!;
    }
}

/// <summary>A free slot as the slots endpoint returns it; <see cref="Start"/> is sent back verbatim to book it.</summary>
public sealed record Slot(Guid PractitionerId, string Start);

/// <summary>Counts of one booking phase; thread-safe.</summary>
public sealed class BookingOutcome
{
    private readonly List<double> _latencies = [];
    private long _booked;
    private long _conflicts;
    private long _errors;

    public long Booked => Interlocked.Read(ref _booked);
    public long Conflicts => Interlocked.Read(ref _conflicts);
    public long Errors => Interlocked.Read(ref _errors);
    public TimeSpan Elapsed { get; set; }

    public void Record(HttpStatusCode status, TimeSpan latency)
    {
        _ = status switch
        {
            HttpStatusCode.Created => Interlocked.Increment(ref _booked),
            HttpStatusCode.Conflict => Interlocked.Increment(ref _conflicts),
            _ => Interlocked.Increment(ref _errors),
        };
        lock (_latencies)
        {
            _latencies.Add(latency.TotalMilliseconds);
        }
    }

    /// <summary>Latency in milliseconds at quantile <paramref name="q"/> (nearest rank).</summary>
    public double Percentile(double q)
    {
        lock (_latencies)
        {
            if (_latencies.Count == 0)
            {
                return 0;
            }
            var sorted = _latencies.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        }
    }
}

/// <summary>The few API calls the load drivers need.</summary>
public sealed class Api(HttpClient http)
{
    private static int _lastError;

    public async Task<Guid> CreatePracticeAsync(string name)
    {
        var number = $"+33142{Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture)}";
        return await PostForIdAsync("/api/practices", new
        {
            name,
            greetingText = "{practice}, {secretary} à votre écoute, bonjour",
            specialty = "general",
            timeZone = "Europe/Paris",
            address = "12 rue des Tilleuls, 75011 Paris",
            routineNumber = number,
            afterHoursPolicy = "voicemail_to_message",
        });
    }

    public Task<Guid> CreatePractitionerAsync(Guid practice, string displayName) =>
        PostForIdAsync($"/api/practices/{practice}/practitioners", new { displayName, specialty = "general" });

    public Task<Guid> CreateTypeAsync(Guid practice, string name = "Consultation", int durationMinutes = 15) =>
        PostForIdAsync($"/api/practices/{practice}/appointment-types", new { name, durationMinutes, bookingHorizonDays = 365 });

    public async Task SetAvailabilityAsync(Guid practice, Guid practitioner, object availability)
    {
        using var response = await http.PutAsJsonAsync($"/api/practices/{practice}/practitioners/{practitioner}/availability", availability);
        await EnsureAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Every free slot in the window, earliest first across the practice, following the <c>Link: rel="next"</c> pages.</summary>
    public async Task<List<Slot>> AllSlotsAsync(Guid practice, Guid type, DateTimeOffset from, DateTimeOffset to)
    {
        var slots = new List<Slot>();
        string? next = $"/api/practices/{practice}/slots?appointmentTypeId={type}&from={Iso(from)}&to={Iso(to)}&limit=100";
        while (next is not null)
        {
            using var response = await http.GetAsync(next);
            await EnsureAsync(response, HttpStatusCode.OK);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            slots.AddRange(page.EnumerateArray().Select(s => new Slot(s.GetProperty("practitionerId").GetGuid(), s.GetProperty("start").GetString()!)));
            next = response.Headers.TryGetValues("Link", out var links) ? NextLink(links.First()) : null;
        }
        return slots;
    }

    public async Task<HttpStatusCode> BookAsync(Guid practice, Guid type, Slot slot, string lastName)
    {
        try
        {
            using var response = await http.PostAsJsonAsync($"/api/practices/{practice}/appointments", new
            {
                practitionerId = slot.PractitionerId,
                appointmentTypeId = type,
                start = slot.Start,
                patient = new { lastName, firstName = "Léa", birthDate = "1985-06-01", phone = "0612345678" },
            });
            if (response.StatusCode is not HttpStatusCode.Created and not HttpStatusCode.Conflict && Interlocked.Increment(ref _lastError) <= 3)
            {
                Console.Error.WriteLine($"booking {slot.Start}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            return response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            Console.Error.WriteLine($"booking {slot.Start}: {e.Message}");
            return HttpStatusCode.ServiceUnavailable;
        }
    }

    public async Task HealthAsync()
    {
        using var response = await http.GetAsync("/health");
        await EnsureAsync(response, HttpStatusCode.OK);
    }

    private async Task<Guid> PostForIdAsync(string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        await EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static string Iso(DateTimeOffset instant) =>
        Uri.EscapeDataString(instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static string? NextLink(string header)
    {
        var open = header.IndexOf('<', StringComparison.Ordinal);
        var close = header.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open && header.Contains("rel=\"next\"", StringComparison.Ordinal) ? header[(open + 1)..close] : null;
    }
}

/// <summary><c>--name value</c> pairs from the command line.</summary>
public sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(IEnumerable<string> args)
    {
        var list = args.ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < list.Count; i += 2)
        {
            values[list[i].TrimStart('-')] = list[i + 1];
        }
        return new Options(values);
    }

    public string Required(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public int Number(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Fraction(string name, double fallback) =>
        values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
