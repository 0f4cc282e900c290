using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using Permanence.Web.Scheduling;

namespace Permanence.Web.Tests.Scheduling;

/// <summary>The slot search writes its JSON itself; it must be, byte for byte, what the serializer writes for the DTOs.</summary>
public sealed class SlotJsonTests
{
    // The options the web host configures for its JSON (WebComposition).
    private static readonly JsonSerializerOptions Options = WebOptions();

    [Fact]
    public void Slots_in_every_zone_are_written_as_the_serializer_writes_their_DTOs()
    {
        var random = new Random(20261123);
        var zones = DateTimeZoneProviders.Tzdb.Ids.Select(DateTimeZoneProviders.Tzdb.GetZoneOrNull).OfType<DateTimeZone>().ToList();
        for (var run = 0; run < 400; run++)
        {
            var zone = zones[random.Next(zones.Count)];
            var slots = Enumerable.Range(0, random.Next(0, 6)).Select(_ => RandomSlot(random)).ToList();
            Written(slots, zone).ShouldBe(Serialized(slots, zone), $"zone {zone.Id}");
        }
    }

    [Theory]
    [InlineData("Europe/Paris", "1890-06-01T12:00:00Z")] // local mean time: an offset with seconds
    [InlineData("Asia/Kathmandu", "2026-03-30T07:15:00Z")] // +05:45
    [InlineData("America/St_Johns", "2026-03-30T07:15:00Z")] // -02:30
    [InlineData("UTC", "2026-03-30T07:15:00.5Z")]
    [InlineData("UTC", "2026-03-30T07:15:00.000000001Z")]
    [InlineData("UTC", "0001-01-01T00:00:00Z")]
    [InlineData("America/Los_Angeles", "0001-01-01T00:00:00Z")] // local year 0
    public void Edge_times_are_written_as_the_serializer_writes_them(string zoneId, string instant)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var start = NodaTime.Text.InstantPattern.ExtendedIso.Parse(instant).Value;
        var slots = new List<Slot> { SlotAt(start, start + Duration.FromMinutes(15)) };
        Written(slots, zone).ShouldBe(Serialized(slots, zone));
    }

    private static string Written(IReadOnlyList<Slot> slots, DateTimeZone zone)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder, Indented = Options.WriteIndented }))
        {
            SlotJson.Write(writer, slots, zone, Options);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Serialized(IReadOnlyList<Slot> slots, DateTimeZone zone) =>
        JsonSerializer.Serialize(slots.Select(s => s.ToDto(zone)).ToList(), Options);

    private static Slot RandomSlot(Random random)
    {
        // From year 1 to 9999, on a minute or with any fraction of a second.
        var start = Instant.FromUnixTimeTicks(random.NextInt64(-62_135_596_800L, 253_402_300_799L - 86_400L) * NodaConstants.TicksPerSecond)
            + Duration.FromNanoseconds(random.Next(4) switch { 0 => 0, 1 => random.Next(1000) * 1_000_000L, 2 => random.Next(1000), _ => random.NextInt64(1_000_000_000L) });
        return SlotAt(start, start + Duration.FromMinutes(random.Next(1, 240)));
    }

    private static Slot SlotAt(Instant start, Instant end) =>
        new(new PractitionerId(Guid.NewGuid()), new AppointmentTypeId(Guid.NewGuid()), new TimeRange(start, end), new TimeRange(start, end), null);

    private static JsonSerializerOptions WebOptions()
    {
        var options = new JsonOptions().SerializerOptions;
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        return options;
    }
}
