using System.Collections.Concurrent;
using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// One practitioner's rules and booked time, indexed for the slot search and the booking check, which both read
/// availability only through this class so that they always agree. Immutable once built; the sessions of a date are
/// resolved once and kept, safely for concurrent readers, since one agenda may serve many searches.
/// </summary>
internal sealed class PractitionerAgenda
{
    private readonly PracticeCalendar _calendar;
    private readonly WeeklySession[][] _weeklyByDay;
    private readonly Dictionary<LocalDate, ExtraSession[]> _extrasByDate;
    private readonly RangeSet _unavailable;
    private readonly RangeSet _blocked;
    private readonly Dictionary<(AppointmentTypeId, LocalDate), int> _countPerTypeAndDay;
    private readonly ConcurrentDictionary<LocalDate, Session[]> _sessionsByDate = new();

    public PractitionerAgenda(PracticeCalendar calendar, PractitionerSchedule schedule, IEnumerable<ExistingAppointment> appointments)
    {
        _calendar = calendar;
        Id = schedule.PractitionerId;
        _weeklyByDay = new WeeklySession[8][];
        for (var day = 0; day < _weeklyByDay.Length; day++)
        {
            _weeklyByDay[day] = [.. schedule.WeeklySessions.Where(s => (int)s.Day == day)];
        }
        _extrasByDate = schedule.ExtraSessions.GroupBy(s => s.Date).ToDictionary(g => g.Key, g => g.ToArray());
        _unavailable = new RangeSet(schedule.Absences.Concat(calendar.Closures));
        var blocked = new List<TimeRange>();
        _countPerTypeAndDay = [];
        foreach (var appointment in appointments)
        {
            blocked.Add(appointment.BlockedRange);
            var key = (appointment.AppointmentTypeId, appointment.Time.Start.InZone(calendar.Zone).Date);
            _countPerTypeAndDay[key] = _countPerTypeAndDay.GetValueOrDefault(key) + 1;
        }
        _blocked = new RangeSet(blocked);
    }

    public PractitionerId Id { get; }

    /// <summary>
    /// The sessions of <paramref name="date"/> as instants, sorted and disjoint: overlapping or touching sessions of
    /// one site merge; where sessions of two sites overlap, the one that starts first keeps the overlap.
    /// Public holidays are not removed here.
    /// </summary>
    public Session[] SessionsOn(LocalDate date)
    {
        if (_weeklyByDay[(int)date.DayOfWeek].Length == 0 && !_extrasByDate.ContainsKey(date))
        {
            return [];
        }
        return _sessionsByDate.GetOrAdd(date, static (day, agenda) => agenda.ResolveSessions(day), this);
    }

    private Session[] ResolveSessions(LocalDate date)
    {
        var weekly = _weeklyByDay[(int)date.DayOfWeek];
        _extrasByDate.TryGetValue(date, out var extras);
        var zone = _calendar.Zone;
        var raw = new List<Session>(weekly.Length + (extras?.Length ?? 0));
        raw.AddRange(weekly.Select(s => new Session(SessionTimeResolver.ToRange(date, s.Start, s.End, zone), s.Site)));
        if (extras is not null)
        {
            raw.AddRange(extras.Select(s => new Session(SessionTimeResolver.ToRange(date, s.Start, s.End, zone), s.Site)));
        }
        raw.RemoveAll(s => s.Range.IsEmpty);
        raw.Sort((x, y) => x.Range.Start != y.Range.Start
            ? x.Range.Start.CompareTo(y.Range.Start)
            : y.Range.End.CompareTo(x.Range.End));
        var sessions = new List<Session>(raw.Count);
        foreach (var session in raw)
        {
            if (sessions.Count == 0 || session.Range.Start > sessions[^1].Range.End)
            {
                sessions.Add(session);
                continue;
            }
            var last = sessions[^1];
            if (session.Site == last.Site)
            {
                sessions[^1] = last with { Range = new TimeRange(last.Range.Start, Instant.Max(last.Range.End, session.Range.End)) };
            }
            else if (session.Range.End > last.Range.End)
            {
                sessions.Add(session with { Range = new TimeRange(last.Range.End, session.Range.End) });
            }
        }
        return [.. sessions];
    }

    public bool IsClosedOn(LocalDate date) => _calendar.IsClosedOn(date);

    /// <summary>The absence or closure overlapping <paramref name="time"/>, or null.</summary>
    public TimeRange? UnavailabilityOverlapping(TimeRange time) => _unavailable.FirstOverlapping(time);

    /// <summary>The booked time (buffers included, overlapping bookings merged) overlapping <paramref name="blockedRange"/>, or null.</summary>
    public TimeRange? BookedTimeOverlapping(TimeRange blockedRange) => _blocked.FirstOverlapping(blockedRange);

    /// <summary>Active appointments of <paramref name="type"/> on the local <paramref name="date"/> of the practice.</summary>
    public int CountOn(AppointmentTypeId type, LocalDate date) =>
        _countPerTypeAndDay.GetValueOrDefault((type, date));

    /// <summary>
    /// Free slots of <paramref name="type"/> starting in [<paramref name="from"/>, <paramref name="until"/>), strictly
    /// increasing by start. Starts lie on the grid of <paramref name="step"/> counted from each session's start.
    /// </summary>
    public IEnumerable<Slot> FreeSlots(AppointmentType type, Instant from, Instant until, Duration step)
    {
        if (from >= until)
        {
            yield break;
        }
        var zone = _calendar.Zone;
        var lastDate = until.InZone(zone).Date;
        for (var date = from.InZone(zone).Date.PlusDays(-1); date <= lastDate; date = date.PlusDays(1))
        {
            if (IsClosedOn(date))
            {
                continue;
            }
            foreach (var session in SessionsOn(date))
            {
                var range = session.Range;
                if (range.End <= from || range.Start >= until)
                {
                    continue;
                }
                var start = FirstGridStartAtOrAfter(range.Start, from, step);
                while (start < until && start + type.Duration <= range.End)
                {
                    var time = type.TimeAt(start);
                    if (UnavailabilityOverlapping(time) is { } absence)
                    {
                        start = FirstGridStartAtOrAfter(range.Start, absence.End, step);
                        continue;
                    }
                    var blocked = time.Widen(type.BufferBefore, type.BufferAfter);
                    if (BookedTimeOverlapping(blocked) is { } booked)
                    {
                        start = FirstGridStartAtOrAfter(range.Start, booked.End + type.BufferBefore, step);
                        continue;
                    }
                    if (type.MaximumPerDayPerPractitioner is { } cap)
                    {
                        var day = start.InZone(zone).Date;
                        if (CountOn(type.Id, day) >= cap)
                        {
                            start = FirstGridStartAtOrAfter(range.Start, day.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(), step);
                            continue;
                        }
                    }
                    yield return new Slot(Id, type.Id, time, blocked, session.Site);
                    start += step;
                }
            }
        }
    }

    /// <summary>
    /// The session that contains <paramref name="time"/>, with the local date it belongs to and whether
    /// <paramref name="time"/> starts on its grid of <paramref name="step"/>; null when no session contains it.
    /// Sessions are disjoint, so at most one does.
    /// </summary>
    public (Session Session, LocalDate Date, bool StartsOnGrid)? SessionContaining(TimeRange time, Duration step)
    {
        var date = time.Start.InZone(_calendar.Zone).Date;
        foreach (var candidateDate in new[] { date.PlusDays(-1), date })
        {
            foreach (var session in SessionsOn(candidateDate))
            {
                if (session.Range.Contains(time))
                {
                    return (session, candidateDate, IsOnGrid(session.Range.Start, time.Start, step));
                }
            }
        }
        return null;
    }

    private static bool IsOnGrid(Instant origin, Instant start, Duration step) =>
        start >= origin && (start - origin).ToInt64Nanoseconds() % step.ToInt64Nanoseconds() == 0;

    private static Instant FirstGridStartAtOrAfter(Instant origin, Instant bound, Duration step)
    {
        if (bound <= origin)
        {
            return origin;
        }
        var stepNanoseconds = step.ToInt64Nanoseconds();
        var steps = ((bound - origin).ToInt64Nanoseconds() + stepNanoseconds - 1) / stepNanoseconds;
        return origin + Duration.FromNanoseconds(steps * stepNanoseconds);
    }
}
