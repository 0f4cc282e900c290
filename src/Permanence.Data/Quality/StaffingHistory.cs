using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Quality;

namespace Permanence.Data.Quality;

/// <summary>
/// What staffing needs of the call history: the arrival profile of calls that rang in service hours (after-hours
/// calls go to voicemail or on-call, not to a secretary) and the average handling time of answered calls.
/// </summary>
/// <param name="CallsPerHourOfWeek">168 average arrival rates, Monday 00:00 first, in the secretariat's zone.</param>
/// <param name="AverageHandlingSeconds">Talk + hold + wrap-up over answered calls; null without any.</param>
public sealed record StaffingHistory(double[] CallsPerHourOfWeek, double? AverageHandlingSeconds, int Calls, int Answered)
{
    /// <summary>Shorter windows give a profile in which one unusual day weighs too much.</summary>
    public static readonly Duration MinimumWindow = Duration.FromDays(14);

    /// <summary>Reads the calls of every practice <paramref name="db"/> lets its caller see, in [from, to).</summary>
    public static async Task<StaffingHistory> ReadAsync(PermanenceDbContext db, Instant from, Instant to, DateTimeZone zone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var practices = await db.Practices.AsNoTracking().Include(p => p.OpeningHours).Include(p => p.Closures).AsSplitQuery()
            .ToDictionaryAsync(p => p.Id, ct);
        var calls = await db.Calls.AsNoTracking()
            .Where(c => c.PracticeId != null && c.StartedAt >= from && c.StartedAt < to && c.Outcome != CallOutcome.InProgress)
            .Select(c => new { PracticeId = c.PracticeId!.Value, c.StartedAt, c.Outcome, c.TalkSeconds, c.HoldSeconds, c.WrapUpSeconds })
            .ToListAsync(ct);
        var inHours = calls.Where(c => practices.TryGetValue(c.PracticeId, out var p) && ServiceHours.Cover(p, c.StartedAt)).ToList();
        var answered = inHours.Where(c => c.Outcome == CallOutcome.Answered).ToList();
        return new StaffingHistory(
            ArrivalHistory.CallsPerHourOfWeek(inHours.Select(c => c.StartedAt), from, to, zone),
            answered.Count == 0 ? null : answered.Average(c => (double)((c.TalkSeconds ?? 0) + c.HoldSeconds + (c.WrapUpSeconds ?? 0))),
            inHours.Count,
            answered.Count);
    }
}
