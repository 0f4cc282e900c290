using NodaTime;

namespace Permanence.Core.Scheduling;

/// <summary>A union of time ranges kept sorted and disjoint, for logarithmic "what overlaps this?" lookups.</summary>
internal sealed class RangeSet
{
    private readonly TimeRange[] _ranges;

    public RangeSet(IEnumerable<TimeRange> ranges)
    {
        var sorted = ranges.ToArray();
        Array.Sort(sorted, static (x, y) => x.Start.CompareTo(y.Start));
        var count = 0;
        foreach (var range in sorted)
        {
            if (range.IsEmpty)
            {
                continue;
            }
            if (count > 0 && range.Start <= sorted[count - 1].End)
            {
                var last = sorted[count - 1];
                sorted[count - 1] = new TimeRange(last.Start, Instant.Max(last.End, range.End));
            }
            else
            {
                // Merging in place: the write position never passes the read position.
                sorted[count++] = range;
            }
        }
        Array.Resize(ref sorted, count);
        _ranges = sorted;
    }

    /// <summary>The merged range overlapping <paramref name="range"/> that starts first, or null.</summary>
    public TimeRange? FirstOverlapping(TimeRange range)
    {
        if (range.IsEmpty)
        {
            return null;
        }
        var low = 0;
        var high = _ranges.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_ranges[middle].End <= range.Start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low < _ranges.Length && _ranges[low].Start < range.End ? _ranges[low] : null;
    }
}
