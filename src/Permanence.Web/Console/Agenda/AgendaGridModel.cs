using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using Permanence.Web.Scheduling;

namespace Permanence.Web.Console.Agenda;

/// <summary>What a cell of the agenda grid shows, most important first when several apply.</summary>
public enum AgendaCellKind
{
    /// <summary>The local time does not exist that day (the hour skipped when clocks go forward).</summary>
    Skipped,
    Appointment,
    Closed,
    Absent,
    Free,
    OutsideSessions,
}

/// <summary>One column: a practitioner on a local day (side by side: several practitioners; week: several days).</summary>
public sealed record AgendaColumn(PractitionerId PractitionerId, string PractitionerName, LocalDate Date, AgendaClosure? Closure);

/// <summary>
/// One cell: the row's wall-clock time on the column's day, resolved to an instant in the practice's zone.
/// <see cref="Appointments"/> lists every appointment overlapping the cell (a squeeze-in overlaps another one);
/// <see cref="Starting"/> those whose first cell in this column this is, where the grid labels them.
/// </summary>
public sealed record AgendaCell(int Row, int Column, LocalTime Time, Instant Start, AgendaCellKind Kind,
    IReadOnlyList<AgendaAppointment> Appointments, IReadOnlyList<AgendaAppointment> Starting, string? Note)
{
    public string Id => $"agenda-cell-{Row}-{Column}";
}

/// <summary>
/// The agenda as a grid of wall-clock rows (every <see cref="Step"/>, in the practice's zone) and practitioner/day
/// columns. A row time skipped by a spring-forward transition gives a <see cref="AgendaCellKind.Skipped"/> cell; a
/// time repeated by a fall-back transition is shown once, at its earlier occurrence (as sessions are resolved).
/// </summary>
public sealed class AgendaGridModel
{
    private static readonly LocalTime DefaultFirst = new(8, 0);
    private static readonly LocalTime DefaultLast = new(19, 0);

    private readonly AgendaCell[,] _cells;

    private AgendaGridModel(AgendaView view, Duration step, IReadOnlyList<LocalTime> times, IReadOnlyList<AgendaColumn> columns, AgendaCell[,] cells)
    {
        View = view;
        Step = step;
        Times = times;
        Columns = columns;
        _cells = cells;
    }

    public AgendaView View { get; }
    public DateTimeZone Zone => View.Zone;
    public Duration Step { get; }
    public IReadOnlyList<LocalTime> Times { get; }
    public IReadOnlyList<AgendaColumn> Columns { get; }

    public AgendaCell this[int row, int column] => _cells[row, column];

    /// <summary>The cell of <paramref name="practitioner"/> that contains <paramref name="instant"/>, if shown.</summary>
    public AgendaCell? CellAt(PractitionerId practitioner, Instant instant)
    {
        for (var c = 0; c < Columns.Count; c++)
        {
            if (Columns[c].PractitionerId != practitioner)
            {
                continue;
            }
            for (var r = 0; r < Times.Count; r++)
            {
                var cell = _cells[r, c];
                if (cell.Kind != AgendaCellKind.Skipped && cell.Start <= instant && instant < cell.Start + Step)
                {
                    return cell;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Builds the grid of <paramref name="view"/>: one column per practitioner and day (practitioners within a day),
    /// rows from the earliest session or appointment of the shown days to the latest (08:00–19:00 when there is none),
    /// every <paramref name="step"/> (the practice's slot step, or 15 minutes when it has none).
    /// </summary>
    public static AgendaGridModel Build(AgendaView view, Duration? step = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var rowStep = step ?? view.SlotStep ?? Duration.FromMinutes(15);
        var zone = view.Zone;
        var columns = (from date in view.Days
                       from p in view.Practitioners
                       select new AgendaColumn(p.Id, p.DisplayName, date, view.Closures.FirstOrDefault(c => c.Date == date))).ToList();
        var times = Rows(view, rowStep);
        var cells = new AgendaCell[times.Count, columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var sessions = view.Sessions.Where(s => s.PractitionerId == column.PractitionerId && s.Date == column.Date).ToList();
            var absences = view.Absences.Where(a => a.PractitionerId == column.PractitionerId).ToList();
            var appointments = view.Appointments.Where(a => a.PractitionerId == column.PractitionerId).ToList();
            var labelled = new HashSet<AppointmentId>();
            for (var r = 0; r < times.Count; r++)
            {
                var mapping = zone.MapLocal(column.Date.At(times[r]));
                if (mapping.Count == 0)
                {
                    cells[r, c] = new AgendaCell(r, c, times[r], default, AgendaCellKind.Skipped, [], [], null);
                    continue;
                }
                var start = mapping.First().ToInstant();
                var range = new TimeRange(start, start + rowStep);
                var here = appointments.Where(a => a.Time.Overlaps(range)).ToList();
                var starting = here.Where(a => labelled.Add(a.Id)).ToList();
                var absence = absences.FirstOrDefault(a => a.Range.Overlaps(range));
                var (kind, note) = here.Count > 0 ? (AgendaCellKind.Appointment, null)
                    : column.Closure is { } closure ? (AgendaCellKind.Closed, closure.Reason)
                    : absence is not null ? (AgendaCellKind.Absent, absence.Reason)
                    : sessions.Any(s => s.Range.Contains(start)) ? (AgendaCellKind.Free, null)
                    : (AgendaCellKind.OutsideSessions, (string?)null);
                cells[r, c] = new AgendaCell(r, c, times[r], start, kind, here, starting, note);
            }
        }
        return new AgendaGridModel(view, rowStep, times, columns, cells);
    }

    private static List<LocalTime> Rows(AgendaView view, Duration step)
    {
        var zone = view.Zone;
        var shownDays = view.Days.ToHashSet();
        var bounds = view.Sessions.Select(s => (s.Range.Start, s.Range.End))
            .Concat(view.Appointments.Select(a => (a.Time.Start, a.Time.End)))
            .Select(r => (Start: r.Start.InZone(zone).LocalDateTime, End: r.End.InZone(zone).LocalDateTime))
            .Where(r => shownDays.Contains(r.Start.Date))
            .ToList();
        var first = bounds.Count == 0 ? DefaultFirst : bounds.Min(b => b.Start.TimeOfDay);
        var last = bounds.Count == 0 ? DefaultLast : bounds.Max(b => b.End.Date > b.Start.Date ? LocalTime.MaxValue : b.End.TimeOfDay);
        var minutes = (long)step.TotalMinutes;
        var origin = LocalTime.FromMinutesSinceMidnight((int)(first.TickOfDay / NodaConstants.TicksPerMinute / minutes * minutes));
        var rows = new List<LocalTime>();
        for (var t = origin.TickOfDay; t < last.TickOfDay; t += step.BclCompatibleTicks)
        {
            rows.Add(LocalTime.FromTicksSinceMidnight(t));
        }
        return rows;
    }
}
