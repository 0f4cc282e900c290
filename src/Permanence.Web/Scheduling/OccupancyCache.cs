using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using Permanence.Data;
using Permanence.Data.Caching;

namespace Permanence.Web.Scheduling;

/// <summary>
/// Keeps, per practice and local day, the appointments that occupy the practice's agendas that day (blocked range
/// overlapping the day), so a slot search reads no appointment from the database while the copy is current. A
/// practice's days are dropped as soon as <see cref="AppointmentVersions"/> says one of its appointments changed in
/// this process (booking, hold, move, cancellation, release), and a day is used for <see cref="MaximumAge"/> at most
/// (another node may have booked). Holds are kept with their expiry and judged against the time of each search, so a
/// lapsed hold frees its slot without a reload. A stale copy can only offer a slot that was just taken: the booking
/// check reads the database under the practitioner's lock, and the refusal comes with alternatives.
/// </summary>
public sealed class OccupancyCache(AppointmentVersions versions)
{
    /// <summary>
    /// Occupying appointments as of one instant, and how long that answer holds: while the practice's appointment
    /// version is still <paramref name="Version"/>, the oldest day read (<paramref name="LoadedAt"/>, a
    /// <see cref="Stopwatch"/> timestamp) is younger than <see cref="MaximumAge"/>, and before
    /// <paramref name="LiveHoldsUntil"/> (holds that had lapsed stay lapsed; a later instant only lets more lapse).
    /// </summary>
    public sealed record Occupancy(List<ExistingAppointment> Appointments, long Version, long LoadedAt, Instant LiveHoldsUntil);

    public static readonly TimeSpan MaximumAge = TimeSpan.FromSeconds(5);
    private const int MaximumDays = 20_000;

    private sealed record Occupied(AppointmentId Id, ExistingAppointment Appointment, Instant? HoldExpiresAt);

    private sealed record Day(long Version, long LoadedAt, Occupied[] Rows);

    private readonly ConcurrentDictionary<(PracticeId Practice, LocalDate Date), Day> _days = new();

    /// <summary>
    /// What <see cref="AgendaLoader"/> would read from the database: the occupying appointments of
    /// <paramref name="practitioners"/> whose blocked range overlaps [<paramref name="from"/>, <paramref name="to"/>),
    /// holds only while unexpired at <paramref name="now"/>; with how long that answer holds (<see cref="Occupancy"/>).
    /// </summary>
    public async Task<Occupancy> OccupancyAsync(Lazy<PermanenceDbContext> db, PracticeId practiceId, DateTimeZone zone,
        IReadOnlyCollection<PractitionerId> practitioners, Instant from, Instant to, Instant now, CancellationToken ct)
    {
        var firstDay = from.InZone(zone).Date;
        var lastDay = (to > from ? to - Duration.Epsilon : to).InZone(zone).Date;
        var version = versions.Current(practiceId);
        var days = new List<Day>();
        LocalDate? missingFrom = null, missingTo = null;
        for (var date = firstDay; date <= lastDay; date = date.PlusDays(1))
        {
            if (_days.TryGetValue((practiceId, date), out var day) && day.Version == version && Stopwatch.GetElapsedTime(day.LoadedAt) < MaximumAge)
            {
                days.Add(day);
            }
            else
            {
                missingFrom ??= date;
                missingTo = date;
            }
        }
        if (missingFrom is { } loadFrom && missingTo is { } loadTo)
        {
            days.AddRange(await LoadAsync(db.Value, practiceId, zone, loadFrom, loadTo, version, ct));
        }

        var wanted = practitioners as IReadOnlySet<PractitionerId> ?? practitioners.ToHashSet();
        var seen = new HashSet<AppointmentId>();
        var occupying = new List<ExistingAppointment>();
        var oldest = long.MaxValue;
        var liveHoldsUntil = Instant.MaxValue;
        foreach (var day in days)
        {
            oldest = Math.Min(oldest, day.LoadedAt);
            foreach (var row in day.Rows)
            {
                var blocked = row.Appointment.BlockedRange;
                if (wanted.Contains(row.Appointment.PractitionerId) && blocked.Start < to && blocked.End > from
                    && (row.HoldExpiresAt is not { } expiry || expiry > now) && seen.Add(row.Id))
                {
                    occupying.Add(row.Appointment);
                    if (row.HoldExpiresAt is { } liveUntil && liveUntil < liveHoldsUntil)
                    {
                        liveHoldsUntil = liveUntil;
                    }
                }
            }
        }
        return new Occupancy(occupying, version, oldest, liveHoldsUntil);
    }

    /// <summary>Reads the days from <paramref name="first"/> to <paramref name="last"/> in one query and keeps each of them.</summary>
    private async Task<List<Day>> LoadAsync(PermanenceDbContext db, PracticeId practiceId, DateTimeZone zone, LocalDate first, LocalDate last,
        long version, CancellationToken ct)
    {
        // The version is read before the rows (by the caller): a change committed meanwhile moves it, and these days are not used again.
        var loadedAt = Stopwatch.GetTimestamp();
        var start = first.AtStartOfDayInZone(zone).ToInstant();
        var end = last.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        var occupyingStatuses = StoredAppointment.OccupyingStatuses.ToList();
        // Shared by every caller, so read without the caller's practice-scope filter; callers passed the scope check.
        var rows = await db.Appointments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.PracticeId == practiceId && occupyingStatuses.Contains(a.Status) && a.BlockedStart < end && a.BlockedEnd > start)
            .Select(a => new { a.Id, a.PractitionerId, a.AppointmentTypeId, a.Start, a.End, a.BlockedStart, a.BlockedEnd, a.Status, a.HoldExpiresAt })
            .ToListAsync(ct);
        var occupied = rows.Select(a => new Occupied(a.Id,
                new ExistingAppointment(a.PractitionerId, a.AppointmentTypeId, new TimeRange(a.Start, a.End), new TimeRange(a.BlockedStart, a.BlockedEnd)),
                // A hold without an expiry occupies nothing, as in the database query (NULL > now is not true).
                a.Status == AppointmentStatus.Held ? a.HoldExpiresAt ?? Instant.MinValue : null))
            .ToList();

        var byDay = new Dictionary<LocalDate, List<Occupied>>();
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            byDay[date] = [];
        }
        foreach (var row in occupied)
        {
            var blocked = row.Appointment.BlockedRange;
            var from = LocalDate.Max(first, blocked.Start.InZone(zone).Date);
            var to = LocalDate.Min(last, (blocked.End > blocked.Start ? blocked.End - Duration.Epsilon : blocked.End).InZone(zone).Date);
            for (var date = from; date <= to; date = date.PlusDays(1))
            {
                byDay[date].Add(row);
            }
        }
        if (_days.Count >= MaximumDays)
        {
            _days.Clear();
        }
        var days = new List<Day>(byDay.Count);
        foreach (var (date, dayRows) in byDay)
        {
            var day = new Day(version, loadedAt, [.. dayRows]);
            _days[(practiceId, date)] = day;
            days.Add(day);
        }
        return days;
    }
}
