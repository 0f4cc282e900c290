using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// A position in the slot order (start, then practitioner id): the next page holds the slots strictly after it.
/// Its text form (<c>2026-03-30T07:00:00Z_0196…</c>) is opaque to clients and safe in a query string.
/// </summary>
public readonly record struct SlotCursor(Instant Start, PractitionerId PractitionerId) : IComparable<SlotCursor>
{
    private const char Separator = '_';

    public int CompareTo(SlotCursor other)
    {
        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : PractitionerId.Value.CompareTo(other.PractitionerId.Value);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{InstantPattern.ExtendedIso.Format(Start)}{Separator}{PractitionerId.Value:N}");

    public static bool TryParse(string? text, [NotNullWhen(true)] out SlotCursor? cursor)
    {
        cursor = null;
        var parts = text?.Split(Separator);
        if (parts is not { Length: 2 })
        {
            return false;
        }
        var start = InstantPattern.ExtendedIso.Parse(parts[0]);
        if (!start.Success || !Guid.TryParseExact(parts[1], "N", out var practitioner))
        {
            return false;
        }
        cursor = new SlotCursor(start.Value, new PractitionerId(practitioner));
        return true;
    }

    public static bool operator <(SlotCursor left, SlotCursor right) => left.CompareTo(right) < 0;
    public static bool operator >(SlotCursor left, SlotCursor right) => left.CompareTo(right) > 0;
    public static bool operator <=(SlotCursor left, SlotCursor right) => left.CompareTo(right) <= 0;
    public static bool operator >=(SlotCursor left, SlotCursor right) => left.CompareTo(right) >= 0;
}
