using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Quality;

namespace Permanence.Data.Quality;

/// <summary>
/// What staffing needs of the call history: the arrival profile of calls that rang in service hours (after-hours
/// calls go to voicemail or on-call, not to a secretary) and the average handling time of answered calls.
/// </summary>
/// <param name="CallsPerHourOfWeek">168 average arrival rates, Monday 00:00 first, in the secretariat's zone.</param>
/// <param name="AverageHandlingSeconds">Talk + hold + wrap-up over answered calls; null without any.</param>
/// <param name="ShortHistory">
/// Practices whose calls start less than <see cref="MinimumWindow"/> before the end of the window (new to the
/// secretariat): their rates are averaged over the days they have, so they are counted, but on few weeks.
/// </param>
public sealed record StaffingHistory(double[] CallsPerHourOfWeek, double? AverageHandlingSeconds, int Calls, int Answered, IReadOnlyList<PracticeId> ShortHistory)
{
    /// <summary>Shorter windows give a profile in which one unusual day weighs too much.</summary>
    public static readonly Duration MinimumWindow = Duration.FromDays(14);

    /// <summary>
    /// Reads the calls of every practice <paramref name="db"/> lets its caller see, in [from, to). Each practice's rates
    /// are averaged from the start of the window, or from the day of its first call when it has none before the window,
    /// then added up: a practice that joined a week ago is not divided by weeks it was not served.
    /// </summary>
    public static async Task<StaffingHistory> ReadAsync(PermanenceDbContext db, Instant from, Instant to, DateTimeZone zone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var practices = await db.Practices.AsNoTracking().Include(p => p.OpeningHours).Include(p => p.Closures).AsSplitQuery()
            .ToDictionaryAsync(p => p.Id, ct);
        var calls = await db.Calls.AsNoTracking()
            .Where(c => c.PracticeId != null && c.StartedAt >= from && c.StartedAt < to && c.Outcome != CallOutcome.InProgress)
            .Select(c => new { PracticeId = c.PracticeId!.Value, c.StartedAt, c.Outcome, c.TalkSeconds, c.HoldSeconds, c.WrapUpSeconds })
            .ToListAsync(ct);
        var servedBefore = (await db.Practices.AsNoTracking().Where(p => db.Calls.Any(c => c.PracticeId == p.Id && c.StartedAt < from))
            .Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var inHours = calls.Where(c => practices.TryGetValue(c.PracticeId, out var p) && ServiceHours.Cover(p, c.StartedAt)).ToList();
        var inHoursByPractice = inHours.ToLookup(c => c.PracticeId, c => c.StartedAt);
        var profile = new double[ArrivalHistory.HoursInWeek];
        var shortHistory = new List<PracticeId>();
        foreach (var practiceCalls in calls.GroupBy(c => c.PracticeId))
        {
            var first = practiceCalls.Min(c => c.StartedAt);
            var since = servedBefore.Contains(practiceCalls.Key) ? from : Instant.Max(from, zone.AtStartOfDay(first.InZone(zone).Date).ToInstant());
            if (to - since < MinimumWindow)
            {
                shortHistory.Add(practiceCalls.Key);
            }
            var rates = ArrivalHistory.CallsPerHourOfWeek(inHoursByPractice[practiceCalls.Key], since, to, zone);
            for (var hour = 0; hour < profile.Length; hour++)
            {
                profile[hour] += rates[hour];
            }
        }
        var answered = inHours.Where(c => c.Outcome == CallOutcome.Answered).ToList();
        return new StaffingHistory(
            profile,
            answered.Count == 0 ? null : answered.Average(c => (double)((c.TalkSeconds ?? 0) + c.HoldSeconds + (c.WrapUpSeconds ?? 0))),
            inHours.Count,
            answered.Count,
            shortHistory);
    }
}
