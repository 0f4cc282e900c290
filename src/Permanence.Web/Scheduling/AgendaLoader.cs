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

/// <summary>
/// Builds <see cref="PracticeAgenda"/> snapshots: the practice's rules from <see cref="PracticeRulesCache"/>, the
/// occupying appointments of the window from the database.
/// </summary>
public sealed class AgendaLoader(PermanenceDbContext db, PracticeRulesCache rules)
{
    /// <summary>The practice's rules (cached), or null when there is no such practice.</summary>
    public Task<PracticeRules?> RulesAsync(PracticeId practiceId, CancellationToken ct) => rules.GetAsync(db, practiceId, ct);

    /// <summary>
    /// Loads the agenda of <paramref name="practitioners"/> (all active ones when empty) around
    /// <paramref name="window"/>. The window is widened by a day each side so daily caps and buffers at its edges
    /// see every appointment of the local days involved. <paramref name="except"/> leaves one appointment out: the
    /// hold being confirmed, or the appointment being moved.
    /// </summary>
    public async Task<AgendaSnapshot> LoadAsync(PracticeId practiceId, IReadOnlyCollection<PractitionerId> practitioners,
        TimeRange window, Instant now, AppointmentId? except, CancellationToken ct)
    {
        var practice = await RulesAsync(practiceId, ct) ?? throw new InvalidOperationException($"No practice {practiceId}.");
        return await LoadAsync(practice, practitioners, window, now, except, ct);
    }

    /// <inheritdoc cref="LoadAsync(PracticeId, IReadOnlyCollection{PractitionerId}, TimeRange, Instant, AppointmentId?, CancellationToken)"/>
    public async Task<AgendaSnapshot> LoadAsync(PracticeRules practice, IReadOnlyCollection<PractitionerId> practitioners,
        TimeRange window, Instant now, AppointmentId? except, CancellationToken ct)
    {
        IReadOnlyList<PractitionerId> ids = practitioners.Count > 0 ? [.. practitioners] : practice.ActivePractitioners;
        var from = window.Start - Duration.FromDays(1);
        var to = window.End + Duration.FromDays(1);
        var zone = practice.Calendar.Zone;
        var firstDay = from.InZone(zone).Date;
        var lastDay = to.InZone(zone).Date;

        var occupying = StoredAppointment.OccupyingStatuses.ToList();
        var idList = ids.ToList();
        // Only what the rules read: a booked week of a busy practice is thousands of rows.
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => idList.Contains(a.PractitionerId) && occupying.Contains(a.Status) && a.BlockedStart < to && a.BlockedEnd > from
                && (a.Status != AppointmentStatus.Held || a.HoldExpiresAt > now))
            .Select(a => new { a.Id, a.PractitionerId, a.AppointmentTypeId, a.Start, a.End, a.BlockedStart, a.BlockedEnd })
            .ToListAsync(ct);

        var schedules = ids.Select(id => new PractitionerSchedule
        {
            PractitionerId = id,
            WeeklySessions = [.. practice.WeeklySessions[id]],
            ExtraSessions = [.. practice.ExtraSessions.Where(s => s.PractitionerId == id && s.Date >= firstDay && s.Date <= lastDay).Select(s => s.ToRule())],
            Absences = [.. practice.Absences.Where(a => a.PractitionerId == id && a.Start < to && a.End > from).Select(a => new TimeRange(a.Start, a.End))],
        });
        var existing = appointments.Where(a => a.Id != except)
            .Select(a => new ExistingAppointment(a.PractitionerId, a.AppointmentTypeId, new TimeRange(a.Start, a.End), new TimeRange(a.BlockedStart, a.BlockedEnd)));
        var agenda = new PracticeAgenda(practice.Calendar, schedules, existing);
        return new AgendaSnapshot(practice.Practice, agenda, practice.Types, practice.ActiveTypes);
    }
}
