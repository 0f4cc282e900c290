using System.Text.Json;
using NodaTime;
using Permanence.Core.Scheduling;

namespace Permanence.Web.Scheduling;

/// <summary>
/// Writes slots as the JSON array of <see cref="SlotDto"/> the API's serializer options write, without building the
/// DTOs or a string per time. Times are written as the NodaTime converter writes an <see cref="OffsetDateTime"/>
/// (pattern <c>uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo&lt;Z+HH:mm&gt;</c>, RFC 3339): what this writer does not
/// format itself (years outside 1–9999, offsets with seconds) goes through the configured converter.
/// </summary>
public static class SlotJson
{
    private static readonly JsonEncodedText PractitionerId = JsonEncodedText.Encode("practitionerId");
    private static readonly JsonEncodedText AppointmentTypeId = JsonEncodedText.Encode("appointmentTypeId");
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText End = JsonEncodedText.Encode("end");

    /// <summary>Longest time written here: 2026-03-30T09:00:00.123456789+02:00.</summary>
    private const int MaximumTimeLength = 35;

    /// <summary>Writes <paramref name="slots"/> as a JSON array, times in <paramref name="zone"/>; <paramref name="options"/> formats what falls outside the fast path.</summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<Slot> slots, DateTimeZone zone, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(zone);
        writer.WriteStartArray();
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            writer.WriteStartObject();
            writer.WriteString(PractitionerId, slot.PractitionerId.Value);
            writer.WriteString(AppointmentTypeId, slot.AppointmentTypeId.Value);
            WriteTime(writer, Start, slot.Time.Start.InZone(zone).ToOffsetDateTime(), options);
            WriteTime(writer, End, slot.Time.End.InZone(zone).ToOffsetDateTime(), options);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter writer, JsonEncodedText name, OffsetDateTime time, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[MaximumTimeLength];
        if (TryFormat(time, text, out var length))
        {
            writer.WriteString(name, text[..length]);
            return;
        }
        writer.WritePropertyName(name);
        JsonSerializer.Serialize(writer, time, options);
    }

    /// <summary>
    /// <paramref name="time"/> as RFC 3339 with the fraction of a second only when there is one (trailing zeros
    /// dropped) and <c>Z</c> for a zero offset; false when the year is outside 1–9999, the offset has seconds or the
    /// calendar is not ISO, which the converter handles (or refuses) itself.
    /// </summary>
    public static bool TryFormat(OffsetDateTime time, Span<byte> destination, out int length)
    {
        length = 0;
        var offsetSeconds = time.Offset.Seconds;
        if (time.Year is < 1 or > 9999 || offsetSeconds % 60 != 0 || time.Calendar != CalendarSystem.Iso || destination.Length < MaximumTimeLength)
        {
            return false;
        }
        var at = 0;
        Digits(destination, ref at, time.Year, 4);
        destination[at++] = (byte)'-';
        Digits(destination, ref at, time.Month, 2);
        destination[at++] = (byte)'-';
        Digits(destination, ref at, time.Day, 2);
        destination[at++] = (byte)'T';
        Digits(destination, ref at, time.Hour, 2);
        destination[at++] = (byte)':';
        Digits(destination, ref at, time.Minute, 2);
        destination[at++] = (byte)':';
        Digits(destination, ref at, time.Second, 2);
        var nanoseconds = time.NanosecondOfSecond;
        if (nanoseconds != 0)
        {
            var digits = 9;
            while (nanoseconds % 10 == 0)
            {
                nanoseconds /= 10;
                digits--;
            }
            destination[at++] = (byte)'.';
            Digits(destination, ref at, nanoseconds, digits);
        }
        if (offsetSeconds == 0)
        {
            destination[at++] = (byte)'Z';
        }
        else
        {
            destination[at++] = offsetSeconds < 0 ? (byte)'-' : (byte)'+';
            var minutes = Math.Abs(offsetSeconds) / 60;
            Digits(destination, ref at, minutes / 60, 2);
            destination[at++] = (byte)':';
            Digits(destination, ref at, minutes % 60, 2);
        }
        length = at;
        return true;
    }

    /// <summary>Writes <paramref name="value"/> (non-negative) as exactly <paramref name="count"/> decimal digits, zero-padded.</summary>
    private static void Digits(Span<byte> destination, ref int at, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[at + i] = (byte)('0' + value % 10);
            value /= 10;
        }
        at += count;
    }
}
