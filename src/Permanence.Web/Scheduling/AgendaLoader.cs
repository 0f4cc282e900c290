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
/// occupying appointments of the window from the database (what a write checks) or, for a slot search, from
/// <see cref="OccupancyCache"/> through <see cref="SearchAgendaCache"/>.
/// </summary>
public sealed class AgendaLoader(Lazy<PermanenceDbContext> db, PracticeRulesCache rules, SearchAgendaCache searchAgendas)
{
    /// <summary>The practice's rules (cached), or null when there is no such practice.</summary>
    public Task<PracticeRules?> RulesAsync(PracticeId practiceId, CancellationToken ct) => rules.GetAsync(db, practiceId, ct);

    /// <summary>
    /// Loads the agenda of <paramref name="practitioners"/> (all active ones when empty) for slots starting in
    /// <paramref name="window"/>. Appointments are read over the whole local days the window touches (daily caps count
    /// the appointments of a slot's local day) and as far beyond its edges as a slot of the practice's types reaches
    /// with its buffers. <paramref name="except"/> leaves one appointment out: the hold being confirmed, or the
    /// appointment being moved.
    /// </summary>
    public async Task<AgendaSnapshot> LoadAsync(PracticeId practiceId, IReadOnlyCollection<PractitionerId> practitioners,
        TimeRange window, Instant now, AppointmentId? except, CancellationToken ct)
    {
        var practice = await RulesAsync(practiceId, ct) ?? throw new InvalidOperationException($"No practice {practiceId}.");
        return await LoadAsync(practice, practitioners, window, now, except, ct);
    }

    /// <inheritdoc cref="LoadAsync(PracticeId, IReadOnlyCollection{PractitionerId}, TimeRange, Instant, AppointmentId?, CancellationToken)"/>
    public Task<AgendaSnapshot> LoadAsync(PracticeRules practice, IReadOnlyCollection<PractitionerId> practitioners,
        TimeRange window, Instant now, AppointmentId? except, CancellationToken ct) =>
        BuildAsync(practice, practitioners, window, (ids, from, to) => ReadOccupyingAsync(ids, from, to, now, except, ct));

    /// <summary>
    /// The agenda a slot search reads for slots starting in <paramref name="window"/>: every practitioner of the
    /// practice over the whole local days the window touches, with the appointments from <see cref="OccupancyCache"/>,
    /// built once and reused while current (<see cref="SearchAgendaCache"/>). For slot searches, which only offer
    /// times; whatever books reads the database.
    /// </summary>
    public Task<PracticeAgenda> AgendaForSearchAsync(PracticeRules practice, TimeRange window, Instant now, CancellationToken ct)
    {
        var zone = practice.Calendar.Zone;
        var firstDay = window.Start.InZone(zone).Date;
        var lastDay = (window.End > window.Start ? window.End - Duration.Epsilon : window.End).InZone(zone).Date;
        return searchAgendas.GetAsync(db, practice, firstDay, lastDay, now, ct);
    }

    /// <summary>
    /// The snapshot for <paramref name="window"/> with the appointments <paramref name="occupying"/> gives for the
    /// practitioners it is passed and the instants the rules look at, [from, to): for a caller that reads them itself.
    /// </summary>
    public static async Task<AgendaSnapshot> BuildAsync(PracticeRules practice, IReadOnlyCollection<PractitionerId> practitioners, TimeRange window,
        Func<IReadOnlyCollection<PractitionerId>, Instant, Instant, Task<List<ExistingAppointment>>> occupying)
    {
        IReadOnlyList<PractitionerId> ids = practitioners.Count > 0 ? [.. practitioners] : practice.ActivePractitioners;
        var zone = practice.Calendar.Zone;
        var firstDay = window.Start.InZone(zone).Date;
        var lastDay = (window.End > window.Start ? window.End - Duration.Epsilon : window.End).InZone(zone).Date;
        var from = Instant.Min(firstDay.AtStartOfDayInZone(zone).ToInstant(), window.Start - practice.ReachBefore);
        var to = Instant.Max(lastDay.PlusDays(1).AtStartOfDayInZone(zone).ToInstant(), window.End + practice.ReachAfter);

        var appointments = await occupying(ids.ToHashSet(), from, to);
        var schedules = ids.Select(id => new PractitionerSchedule
        {
            PractitionerId = id,
            WeeklySessions = [.. practice.WeeklySessions[id]],
            ExtraSessions = [.. practice.ExtraSessions.Where(s => s.PractitionerId == id && s.Date >= firstDay.PlusDays(-1) && s.Date <= lastDay).Select(s => s.ToRule())],
            Absences = [.. practice.Absences.Where(a => a.PractitionerId == id && a.Start < to && a.End > from).Select(a => new TimeRange(a.Start, a.End))],
        });
        var agenda = new PracticeAgenda(practice.Calendar, schedules, appointments);
        return new AgendaSnapshot(practice.Practice, agenda, practice.Types, practice.ActiveTypes);
    }

    /// <summary>The occupying appointments of <paramref name="ids"/> blocking part of [<paramref name="from"/>, <paramref name="to"/>), from the database.</summary>
    public async Task<List<ExistingAppointment>> ReadOccupyingAsync(IReadOnlyCollection<PractitionerId> ids, Instant from, Instant to, Instant now,
        AppointmentId? except, CancellationToken ct)
    {
        var occupying = StoredAppointment.OccupyingStatuses.ToList();
        var idList = ids.ToList();
        var skipped = except ?? default;
        // Only what the rules read: a booked week of a busy practice is thousands of rows.
        return await db.Value.Appointments.AsNoTracking()
            .Where(a => idList.Contains(a.PractitionerId) && occupying.Contains(a.Status) && a.BlockedStart < to && a.BlockedEnd > from
                && (a.Status != AppointmentStatus.Held || a.HoldExpiresAt > now) && a.Id != skipped)
            .Select(a => new ExistingAppointment(a.PractitionerId, a.AppointmentTypeId, new TimeRange(a.Start, a.End), new TimeRange(a.BlockedStart, a.BlockedEnd)))
            .ToListAsync(ct);
    }
}
