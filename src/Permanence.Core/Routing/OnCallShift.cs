using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Routing;

/// <summary>
/// A period when someone answers urgent calls for the practice out of hours (permanence des soins): one of its
/// practitioners, or an external number (médecin de garde, SOS Médecins). When shifts overlap, the lowest
/// <see cref="Priority"/> number wins.
/// </summary>
public sealed record OnCallShift(Instant Start, Instant End, string Number, string Label, int Priority = 0, PractitionerId? PractitionerId = null)
{
    public bool Covers(Instant instant) => Start <= instant && instant < End;
}

/// <summary>A stretch of time the roster leaves uncovered, to report to the practice manager before it happens.</summary>
public sealed record CoverageGap(Instant Start, Instant End);

/// <summary>Who is on call when, and where nobody is.</summary>
public static class OnCallRoster
{
    /// <summary>The shift answering at <paramref name="instant"/>: the covering shift of lowest priority number, then earliest start.</summary>
    public static OnCallShift? OnCallAt(IEnumerable<OnCallShift> shifts, Instant instant) =>
        shifts.Where(s => s.Covers(instant)).OrderBy(s => s.Priority).ThenBy(s => s.Start).FirstOrDefault();

    /// <summary>
    /// Parts of <paramref name="needed"/> ranges (the practice's after-hours periods) that no shift covers, merged
    /// and in order.
    /// </summary>
    public static IReadOnlyList<CoverageGap> Gaps(IEnumerable<OnCallShift> shifts, IEnumerable<(Instant Start, Instant End)> needed)
    {
        var covered = shifts.Select(s => (s.Start, s.End)).Where(r => r.End > r.Start).OrderBy(r => r.Start).ToList();
        var gaps = new List<CoverageGap>();
        foreach (var (start, end) in needed.OrderBy(n => n.Start))
        {
            var cursor = start;
            foreach (var (s, e) in covered)
            {
                if (e <= cursor || s >= end)
                {
                    continue;
                }
                if (s > cursor)
                {
                    Add(gaps, cursor, s);
                }
                cursor = Instant.Max(cursor, e);
                if (cursor >= end)
                {
                    break;
                }
            }
            if (cursor < end)
            {
                Add(gaps, cursor, end);
            }
        }
        return gaps;
    }

    private static void Add(List<CoverageGap> gaps, Instant start, Instant end)
    {
        if (gaps.Count > 0 && gaps[^1].End == start)
        {
            gaps[^1] = gaps[^1] with { End = end };
        }
        else
        {
            gaps.Add(new CoverageGap(start, end));
        }
    }
}
