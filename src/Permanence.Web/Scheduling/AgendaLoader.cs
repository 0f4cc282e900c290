using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Scheduling;
using Permanence.Data;
using RuleType = Permanence.Core.Scheduling.AppointmentType;

namespace Permanence.Web.Scheduling;

/// <summary>What the scheduling rules need about one practice, read from the database for a window of time.</summary>
/// <param name="ActiveTypes">Types that can still be booked; inactive ones remain in <paramref name="Types"/> for existing appointments.</param>
public sealed record AgendaSnapshot(Practice Practice, PracticeAgenda Agenda, IReadOnlyDictionary<AppointmentTypeId, RuleType> Types, IReadOnlySet<AppointmentTypeId> ActiveTypes);

/// <summary>Builds <see cref="PracticeAgenda"/> snapshots: rules, absences, closures and occupying appointments.</summary>
public sealed class AgendaLoader(PermanenceDbContext db)
{
    /// <summary>
    /// Loads the agenda of <paramref name="practitioners"/> (all active ones when empty) around
    /// <paramref name="window"/>. The window is widened by a day each side so daily caps and buffers at its edges
    /// see every appointment of the local days involved. <paramref name="except"/> leaves one appointment out: the
    /// hold being confirmed, or the appointment being moved.
    /// </summary>
    public async Task<AgendaSnapshot> LoadAsync(PracticeId practiceId, IReadOnlyCollection<PractitionerId> practitioners,
        TimeRange window, Instant now, AppointmentId? except, CancellationToken ct)
    {
        var practice = await db.Practices.AsNoTracking().SingleAsync(p => p.Id == practiceId, ct);
        var closures = await db.PracticeClosures.AsNoTracking().Where(c => c.PracticeId == practiceId).ToListAsync(ct);
        var ids = practitioners.Count > 0
            ? [.. practitioners]
            : await db.Practitioners.AsNoTracking().Where(p => p.PracticeId == practiceId && p.IsActive).Select(p => p.Id).ToListAsync(ct);

        var from = window.Start - Duration.FromDays(1);
        var to = window.End + Duration.FromDays(1);
        var zone = practice.TimeZone;
        var firstDay = from.InZone(zone).Date;
        var lastDay = to.InZone(zone).Date;

        var weekly = await db.WeeklySessions.AsNoTracking().Where(s => ids.Contains(s.PractitionerId)).ToListAsync(ct);
        var extra = await db.ExtraSessions.AsNoTracking()
            .Where(s => ids.Contains(s.PractitionerId) && s.Date >= firstDay && s.Date <= lastDay).ToListAsync(ct);
        var absences = await db.Absences.AsNoTracking()
            .Where(a => ids.Contains(a.PractitionerId) && a.Start < to && a.End > from).ToListAsync(ct);
        var occupying = StoredAppointment.OccupyingStatuses.ToList();
        // Only what the rules read: a booked week of a busy practice is thousands of rows.
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => ids.Contains(a.PractitionerId) && occupying.Contains(a.Status) && a.BlockedStart < to && a.BlockedEnd > from
                && (a.Status != AppointmentStatus.Held || a.HoldExpiresAt > now))
            .Select(a => new { a.Id, a.PractitionerId, a.AppointmentTypeId, a.Start, a.End, a.BlockedStart, a.BlockedEnd })
            .ToListAsync(ct);
        var types = await db.AppointmentTypes.AsNoTracking().Where(t => t.PracticeId == practiceId).ToListAsync(ct);

        var schedules = ids.Select(id => new PractitionerSchedule
        {
            PractitionerId = id,
            WeeklySessions = [.. weekly.Where(s => s.PractitionerId == id).Select(s => s.ToRule())],
            ExtraSessions = [.. extra.Where(s => s.PractitionerId == id).Select(s => s.ToRule())],
            Absences = [.. absences.Where(a => a.PractitionerId == id).Select(a => new TimeRange(a.Start, a.End))],
        });
        var existing = appointments.Where(a => a.Id != except)
            .Select(a => new ExistingAppointment(a.PractitionerId, a.AppointmentTypeId, new TimeRange(a.Start, a.End), new TimeRange(a.BlockedStart, a.BlockedEnd)));
        var agenda = new PracticeAgenda(AgendaMapping.ToCalendar(practice, closures), schedules, existing);
        return new AgendaSnapshot(practice, agenda, types.ToDictionary(t => t.Id, AgendaMapping.ToRule), types.Where(t => t.IsActive).Select(t => t.Id).ToHashSet());
    }
}
