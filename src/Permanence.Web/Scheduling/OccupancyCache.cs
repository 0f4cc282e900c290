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

    /// <summary>
    /// Age from which a kept day is read again when a search needs it, so that an agenda built from the days lasts a
    /// while: <see cref="SearchAgendaCache"/> rebuilds an agenda from this age on, while its searches keep using it.
    /// </summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(4);
    private const int MaximumDays = 20_000;

    private sealed record Occupied(AppointmentId Id, ExistingAppointment Appointment, Instant? HoldExpiresAt);

    private sealed record Day(long Version, long LoadedAt, Occupied[] Rows);

    /// <summary>A read under way of some days at one appointment version; its task gives null when the read failed or was cancelled.</summary>
    private sealed record Load(long Version, Task<Dictionary<LocalDate, Day>?> Days);

    private readonly ConcurrentDictionary<(PracticeId Practice, LocalDate Date), Day> _days = new();

    /// <summary>
    /// Days being read, so that when they lapse under load one search reads them and the others that need them at the
    /// same appointment version wait for that read (as fresh as a kept day) instead of each querying the same rows.
    /// </summary>
    private readonly ConcurrentDictionary<(PracticeId Practice, LocalDate Date), Load> _loads = new();

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
        List<(LocalDate Date, Load Load)>? awaited = null;
        LocalDate? missingFrom = null, missingTo = null;
        for (var date = firstDay; date <= lastDay; date = date.PlusDays(1))
        {
            if (_days.TryGetValue((practiceId, date), out var day) && day.Version == version && Stopwatch.GetElapsedTime(day.LoadedAt) < RefreshAfter)
            {
                days.Add(day);
            }
            else if (_loads.TryGetValue((practiceId, date), out var load) && load.Version == version)
            {
                (awaited ??= []).Add((date, load));
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
        if (awaited is not null)
        {
            LocalDate? failedFrom = null, failedTo = null;
            foreach (var (date, load) in awaited)
            {
                if (await load.Days.WaitAsync(ct) is { } loaded && loaded.TryGetValue(date, out var day))
                {
                    days.Add(day);
                }
                else
                {
                    failedFrom = failedFrom is { } f ? LocalDate.Min(f, date) : date;
                    failedTo = failedTo is { } t ? LocalDate.Max(t, date) : date;
                }
            }
            if (failedFrom is { } retryFrom && failedTo is { } retryTo)
            {
                // Days already in the list come back once more; the loop below counts each appointment once.
                days.AddRange(await LoadAsync(db.Value, practiceId, zone, retryFrom, retryTo, version, ct));
            }
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

    /// <summary>
    /// Reads the days from <paramref name="first"/> to <paramref name="last"/> in one query and keeps each of them;
    /// searches needing one of these days at <paramref name="version"/> meanwhile wait for this read.
    /// </summary>
    private async Task<List<Day>> LoadAsync(PermanenceDbContext db, PracticeId practiceId, DateTimeZone zone, LocalDate first, LocalDate last,
        long version, CancellationToken ct)
    {
        var done = new TaskCompletionSource<Dictionary<LocalDate, Day>?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = new Load(version, done.Task);
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            _loads[(practiceId, date)] = load;
        }
        try
        {
            var days = await ReadAsync(db, practiceId, zone, first, last, version, ct);
            done.SetResult(days);
            return [.. days.Values];
        }
        finally
        {
            done.TrySetResult(null);
            for (var date = first; date <= last; date = date.PlusDays(1))
            {
                _loads.TryRemove(KeyValuePair.Create((practiceId, date), load));
            }
        }
    }

    private async Task<Dictionary<LocalDate, Day>> ReadAsync(PermanenceDbContext db, PracticeId practiceId, DateTimeZone zone, LocalDate first, LocalDate last,
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
        var days = new Dictionary<LocalDate, Day>(byDay.Count);
        foreach (var (date, dayRows) in byDay)
        {
            var day = new Day(version, loadedAt, [.. dayRows]);
            _days[(practiceId, date)] = day;
            days[date] = day;
        }
        return days;
    }
}
