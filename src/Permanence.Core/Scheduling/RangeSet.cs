using NodaTime;

namespace Permanence.Core.Scheduling;

/// <summary>A union of time ranges kept sorted and disjoint, for logarithmic "what overlaps this?" lookups.</summary>
internal sealed class RangeSet
{
    private readonly TimeRange[] _ranges;

    public RangeSet(IEnumerable<TimeRange> ranges)
    {
        var sorted = ranges.Where(r => !r.IsEmpty).OrderBy(r => r.Start).ToList();
        var merged = new List<TimeRange>(sorted.Count);
        foreach (var range in sorted)
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = new TimeRange(last.Start, Instant.Max(last.End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }
        _ranges = [.. merged];
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
