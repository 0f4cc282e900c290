using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Calls.Simulation;
using Permanence.Data;
using Permanence.Data.Caching;
using Permanence.Data.Scope;
using Permanence.Web.Calls;
using Permanence.Web.Cluster;

namespace Permanence.EventLoad;

/// <summary>
/// The least an acknowledged event costs: the web host's own accept stage (<see cref="CallEventAcceptance"/>, the
/// statements that store an event durably, once) run in this process on events already parsed and validated, with
/// no HTTP, no signature, no derivation and no distributor, in the group-commit shapes a host can gather from
/// <c>workers</c> concurrent requests (a batches in flight of b events, a × b = workers). The web host must be
/// stopped first, so its derivation sweep does not run meanwhile. An accepted event costs at least a rejected one
/// (request, body, signature) plus this, which bounds what any ingestion that stores before it answers can reach.
/// </summary>
internal static class StoreFloor
{
    public static async Task<int> RunAsync(string connection, string routineNumber, int events, int workers)
    {
        await using var dataSource = DatabaseRegistration.PostgresDataSource(connection);
        var builder = new DbContextOptionsBuilder<PostgresPermanenceDbContext>();
        DatabaseRegistration.ConfigurePostgres(builder, dataSource);
        var options = builder.Options;
        var lines = new PracticeLines(new PracticeRuleVersions());
        // A single node: no Redis, so the audience counts only this process's (absent) watchers.
        using var cluster = new ClusterBus(new ConfigurationBuilder().Build(), Options.Create(new ClusterOptions()), NullLogger<ClusterBus>.Instance);
        var popups = new CallPopupQueue(new PopupAudience(cluster), NullLogger<CallPopupQueue>.Instance);
        var shapes = Enumerable.Range(0, 31).Select(i => 1 << i).TakeWhile(inFlight => inFlight <= Math.Min(workers, CallEventWriter.MaxBatchesInFlight))
            .Where(inFlight => workers % inFlight == 0).Select(inFlight => (InFlight: inFlight, Size: workers / inFlight)).ToList();
        // Fresh events for the warm-up and for each shape (new ids and calls, so nothing is a duplicate), on the line of
        // the practice the HTTP phases created.
        var fresh = Generate(routineNumber, events * (shapes.Count + 1));
        var ok = true;
        ok &= await StoreAsync("store floor warm-up", fresh[..events], shapes[^1], options, lines, popups) is not null;
        await using (var analyze = dataSource.CreateCommand("ANALYZE"))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        for (var i = 0; i < shapes.Count; i++)
        {
            ok &= await StoreAsync("store floor", fresh[(events * (i + 1))..(events * (i + 2))], shapes[i], options, lines, popups) is not null;
        }
        return ok ? 0 : 1;
    }

    private static List<ValidCallEvent> Generate(string routineNumber, int count) =>
        [.. LoadTraffic.Generate(routineNumber, count, seed: 7, Instant.FromUtc(2026, 12, 7, 7, 0))
            .Select(e => CallEventValidation.Validate(JsonSerializer.Deserialize<CallEventInput>(SimulatedEvents.ToJson(e), JsonSerializerOptions.Web)!).Value!)];

    /// <summary>Stores <paramref name="events"/> in batches of the shape's size, that many at once; null when one was refused.</summary>
    private static async Task<double?> StoreAsync(string name, List<ValidCallEvent> events, (int InFlight, int Size) shape,
        DbContextOptions<PostgresPermanenceDbContext> options, PracticeLines lines, CallPopupQueue popups)
    {
        var next = -shape.Size;
        var duplicates = 0;
        var cpu = MachineCpu.Read();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, shape.InFlight).Select(async _ =>
        {
            int first;
            while ((first = Interlocked.Add(ref next, shape.Size)) < events.Count)
            {
                var batch = events.GetRange(first, Math.Min(shape.Size, events.Count - first));
                // A context per batch, as the host's writer takes a scope per batch.
                await using var db = new PostgresPermanenceDbContext(options, SystemPracticeScope.Instance);
                var accept = new CallEventAcceptance(db, SystemClock.Instance, lines, popups, NullLogger<CallEventAcceptance>.Instance);
                var receipts = await accept.AcceptAsync(batch, CancellationToken.None);
                Interlocked.Add(ref duplicates, receipts.Count(r => r.Duplicate));
            }
        }));
        var perSecond = events.Count / clock.Elapsed.TotalSeconds;
        var cpuUsed = MachineCpu.Read().Since(cpu, events.Count, "event");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {events.Count} events, {shape.InFlight} batches of {shape.Size} in flight, {clock.Elapsed.TotalSeconds:F2} s, {perSecond:F0} events/s, {duplicates} refused as duplicates, {cpuUsed}"));
        return duplicates == 0 ? perSecond : null;
    }
}
