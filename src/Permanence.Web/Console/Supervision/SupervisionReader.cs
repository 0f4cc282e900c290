using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Quality;
using Permanence.Data;
using Permanence.Data.Quality;
using Permanence.Web.Calls;
using Permanence.Web.Quality;
using Permanence.Web.Routing;

namespace Permanence.Web.Console.Supervision;

/// <summary>One practice's volume over the recent weeks, placed in the outsourcing guide.</summary>
public sealed record PracticeVolume(PracticeId PracticeId, string PracticeName, double CallsPerWorkingDay, VolumeBand Band);

/// <summary>The recommended staffing of today's hours, with the history it was computed from.</summary>
public sealed record TodayStaffing(IsoDayOfWeek Day, IReadOnlyList<StaffingHour> Hours, int SecretaryHoursPerWeek, double AverageHandlingSeconds,
    bool HandlingFromHistory, int CallsInHistory, int PracticesWithShortHistory);

/// <summary>What the supervision wall shows at <see cref="At"/>.</summary>
public sealed record SupervisionSnapshot(
    Instant At,
    DateTimeZone Zone,
    QueueSnapshotDto Acd,
    KpiReport Today,
    IReadOnlyList<PracticeVolume> Volumes,
    TodayStaffing Staffing,
    double ServiceLevelSeconds,
    double ServiceLevelTarget);

/// <summary>
/// Reads the supervision wall: the distributor's queues and secretaries (the same snapshot as
/// <c>GET /api/supervision/queues</c>), today's figures (the same <see cref="KpiService"/> as the KPI API), each
/// practice's volume against the outsourcing guide, and today's staffing recommendation (the same history and Erlang
/// plan as <c>GET /api/staffing</c>). Practices are those the caller sees.
/// </summary>
public sealed class SupervisionReader(PermanenceDbContext db, KpiService kpis, AcdService acd, IClock clock, IOptions<QualityOptions> quality)
{
    /// <summary>Four weeks: at least the two the staffing plan needs, and whole weeks so each weekday counts alike.</summary>
    public static readonly Duration HistoryWindow = Duration.FromDays(28);

    public async Task<SupervisionSnapshot> ReadAsync(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var zone = KpiService.SecretariatZone;
        var practices = await db.Practices.AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        var ids = practices.Select(p => (PracticeId?)p.Id).ToList();

        var queues = await acd.QueueSnapshotAsync([.. practices.Select(p => p.Id)], ct);

        var midnight = now.InZone(zone).Date.AtStartOfDayInZone(zone).ToInstant();
        var today = await kpis.ForSecretariatAsync(new CallPeriod(midnight, now), ct);

        var from = now - HistoryWindow;
        var workingDays = WorkingDaysBetween(from.InZone(zone).Date, now.InZone(zone).Date);
        var counts = await db.Calls.AsNoTracking()
            .Where(c => c.PracticeId != null && ids.Contains(c.PracticeId) && c.StartedAt >= from && c.StartedAt < now && c.Outcome != CallOutcome.InProgress)
            .GroupBy(c => c.PracticeId).Select(g => new { PracticeId = g.Key, Calls = g.Count() }).ToListAsync(ct);
        var volumes = practices.OrderBy(p => p.Name).Select(p =>
        {
            var perDay = (double)(counts.FirstOrDefault(c => c.PracticeId == p.Id)?.Calls ?? 0) / workingDays;
            return new PracticeVolume(p.Id, p.Name, perDay, OutsourcingGuide.BandOf(perDay));
        }).ToList();

        var history = await StaffingHistory.ReadAsync(db, from, now, zone, ct);
        var handling = history.AverageHandlingSeconds ?? StaffingEndpoints.DefaultHandlingSeconds;
        var plan = StaffingPlan.Build(history.CallsPerHourOfWeek, handling, quality.Value.ServiceLevelSeconds, quality.Value.ServiceLevelTarget);
        var weekday = now.InZone(zone).DayOfWeek;
        var staffing = new TodayStaffing(weekday, [.. plan.Where(h => h.Day == weekday && (h.CallsPerHour > 0 || h.Agents > 0))],
            plan.Sum(h => h.Agents), handling, history.AverageHandlingSeconds is not null, history.Calls, history.ShortHistory.Count);

        return new SupervisionSnapshot(now, zone, queues, today, volumes, staffing, quality.Value.ServiceLevelSeconds, quality.Value.ServiceLevelTarget);
    }

    /// <summary>Monday to Friday in [<paramref name="first"/>, <paramref name="end"/>); at least one, to divide by.</summary>
    private static int WorkingDaysBetween(LocalDate first, LocalDate end)
    {
        var days = 0;
        for (var day = first; day < end; day = day.PlusDays(1))
        {
            days += day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? 0 : 1;
        }
        return Math.Max(1, days);
    }
}
