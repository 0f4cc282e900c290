using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using Permanence.Data;
using RuleType = Permanence.Core.Scheduling.AppointmentType;

namespace Permanence.Web.Scheduling;

/// <summary>What a slot search asks, already parsed; <see cref="AgendaQueries.FindSlotsAsync"/> checks it against the practice.</summary>
/// <param name="Practitioners">Empty means every active practitioner (first available across the practice).</param>
public sealed record SlotRequest(IReadOnlyList<PractitionerId> Practitioners, AppointmentTypeId AppointmentTypeId, TimeRange Window,
    bool PatientIsNew = false, int Limit = 20, SlotCursor? After = null);

/// <summary>A page of free slots and the zone of the practice they are shown in.</summary>
public sealed record SlotSearchResult(SlotPage Page, DateTimeZone Zone, RuleType Type);

public sealed record AgendaPractitioner(PractitionerId Id, string DisplayName);

/// <summary>A bookable appointment type with what the caller must be told when booking it.</summary>
public sealed record AgendaAppointmentType(AppointmentTypeId Id, string Name, Duration Duration, string? PreparationInstructions, IReadOnlyList<string> DocumentsToBring);

public sealed record AgendaSession(PractitionerId PractitionerId, LocalDate Date, TimeRange Range);

public sealed record AgendaAbsence(PractitionerId PractitionerId, TimeRange Range, string Reason);

/// <summary>A local day the whole practice is closed: a dated closure or, when it observes them, a public holiday.</summary>
public sealed record AgendaClosure(LocalDate Date, string Reason, bool IsPublicHoliday);

public sealed record AgendaAppointment(AppointmentId Id, PractitionerId PractitionerId, AppointmentTypeId AppointmentTypeId, string TypeName,
    PatientId? PatientId, TimeRange Time, AppointmentStatus Status, bool IsSqueezeIn, string? SqueezeInReason);

/// <summary>
/// Everything an agenda screen draws for some practitioners over some local days of one practice: sessions, absences,
/// closures and the held or booked appointments. Instants throughout; <see cref="Zone"/> is the practice's clock.
/// </summary>
public sealed record AgendaView(
    PracticeId PracticeId,
    string PracticeName,
    DateTimeZone Zone,
    Duration? SlotStep,
    IReadOnlyList<LocalDate> Days,
    IReadOnlyList<AgendaPractitioner> Practitioners,
    IReadOnlyList<AgendaSession> Sessions,
    IReadOnlyList<AgendaAbsence> Absences,
    IReadOnlyList<AgendaClosure> Closures,
    IReadOnlyList<AgendaAppointment> Appointments,
    IReadOnlyList<AgendaAppointmentType> Types);

/// <summary>
/// The read side of scheduling shared by the HTTP API and the console: free-slot search, appointments of a period and
/// the agenda of some days. Writes go through <see cref="BookingService"/>.
/// </summary>
public sealed class AgendaQueries(Lazy<PermanenceDbContext> db, AgendaLoader agendas, IClock clock)
{
    /// <summary>Free slots earliest first; every practitioner must belong to the practice and the type must be active.</summary>
    public async Task<Result<SlotSearchResult>> FindSlotsAsync(PracticeId practiceId, SlotRequest request, CancellationToken ct)
    {
        if (await agendas.RulesAsync(practiceId, ct) is not { } rules)
        {
            return new NotFoundError("The practice was not found.");
        }
        var practitioners = request.Practitioners.Distinct().ToList();
        if (!practitioners.All(rules.Practitioners.Contains))
        {
            return ValidationError.For("practitionerId", "Every practitioner must belong to this practice.");
        }
        if (!rules.Types.TryGetValue(request.AppointmentTypeId, out var type) || !rules.ActiveTypes.Contains(type.Id))
        {
            return ValidationError.For("appointmentTypeId", "Unknown or inactive appointment type for this practice.");
        }
        var page = await SearchAsync(rules, new SlotQuery
        {
            Type = type,
            Window = request.Window,
            // The search's agenda holds every practitioner of the practice, inactive ones too (they can be asked for by name).
            Practitioners = practitioners.Count > 0 ? practitioners : rules.ActivePractitioners,
            PatientIsNew = request.PatientIsNew,
            Limit = request.Limit,
            After = request.After,
        }, clock.GetCurrentInstant(), ct);
        return new SlotSearchResult(page, rules.Calendar.Zone, type);
    }

    /// <summary>
    /// Runs <paramref name="query"/> over growing pieces of its window (the rest of the first local day, then two days, four…), taking the
    /// appointments of each piece only (from <see cref="SearchAgendaCache"/>), and stops as soon as the page is full: the first free slots of a busy
    /// practice are usually in the first day, and loading the whole window would read every appointment in it.
    /// Pieces split the window by slot start, as the search does, so the slots and their order are those of one
    /// search over the whole window.
    /// </summary>
    private async Task<SlotPage> SearchAsync(PracticeRules rules, SlotQuery query, Instant now, CancellationToken ct)
    {
        var found = new List<Slot>(query.Limit + 1);
        if (query.Practitioners.Count == 0)
        {
            // A practice without active practitioners: an empty list would mean every practitioner of the agenda.
            return new SlotPage(found, null);
        }
        // The same bounds the search applies: no piece is loaded where no slot can start.
        var pieceStart = Instant.Max(Instant.Max(query.Window.Start, now + query.Type.MinimumNotice), query.After?.Start ?? Instant.MinValue);
        var end = Instant.Min(query.Window.End, now + query.Type.MaximumHorizon);
        var zone = rules.Calendar.Zone;
        var days = 1;
        while (pieceStart < end && found.Count <= query.Limit)
        {
            // Pieces end at the practice's midnight: the appointments of a piece are read by whole local days.
            var pieceEnd = pieceStart.InZone(zone).Date.PlusDays(days).AtStartOfDayInZone(zone).ToInstant();
            var piece = new TimeRange(pieceStart, Instant.Min(end, pieceEnd));
            var agenda = await agendas.AgendaForSearchAsync(rules, piece, now, ct);
            // One more than the page asks for tells whether there is a next page.
            found.AddRange(SlotSearch.Find(agenda, query with { Window = piece, Limit = query.Limit + 1 - found.Count }, now).Slots);
            pieceStart = piece.End;
            days *= 2;
        }
        if (found.Count <= query.Limit)
        {
            return new SlotPage(found, null);
        }
        found.RemoveAt(found.Count - 1);
        return new SlotPage(found, found[^1].Cursor);
    }

    /// <summary>Appointments overlapping <paramref name="window"/>, earliest first, at most 2000.</summary>
    public async Task<List<AppointmentDto>> ListAppointmentsAsync(PracticeId practiceId, TimeRange window, IReadOnlyCollection<PractitionerId> practitioners,
        IReadOnlyCollection<AppointmentStatus> statuses, CancellationToken ct)
    {
        var (start, end) = (window.Start, window.End);
        // BlockedEnd ≥ End (buffers are never negative), so the redundant bound lets the index on the end skip the past.
        var query = db.Value.Appointments.AsNoTracking().Where(a => a.PracticeId == practiceId && a.Start < end && a.End > start && a.BlockedEnd > start);
        if (practitioners.Count > 0)
        {
            query = query.Where(a => practitioners.Contains(a.PractitionerId));
        }
        if (statuses.Count > 0)
        {
            query = query.Where(a => statuses.Contains(a.Status));
        }
        var appointments = await query.OrderBy(a => a.Start).Take(2000).ToListAsync(ct);
        var types = await db.Value.AppointmentTypes.AsNoTracking().Where(t => t.PracticeId == practiceId).ToDictionaryAsync(t => t.Id, ct);
        var zone = await PracticeZones.ForAsync(db.Value, practiceId.Value, ct);
        return [.. appointments.Select(a => a.ToDto(zone, types.GetValueOrDefault(a.AppointmentTypeId)))];
    }

    /// <summary>
    /// The agenda of <paramref name="practitioners"/> (every active one when empty) for <paramref name="days"/> local days
    /// from <paramref name="firstDay"/>, in the practice's zone. Sessions come from the same rules the slot search reads.
    /// </summary>
    public async Task<AgendaView> LoadAgendaAsync(PracticeId practiceId, IReadOnlyCollection<PractitionerId> practitioners, LocalDate firstDay, int days,
        CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 31);
        var practice = await db.Value.Practices.AsNoTracking().SingleAsync(p => p.Id == practiceId, ct);
        var zone = practice.TimeZone;
        var dates = Enumerable.Range(0, days).Select(firstDay.PlusDays).ToList();
        var window = new TimeRange(firstDay.AtStartOfDayInZone(zone).ToInstant(), firstDay.PlusDays(days).AtStartOfDayInZone(zone).ToInstant());

        var people = await db.Value.Practitioners.AsNoTracking().Where(p => p.PracticeId == practiceId && p.IsActive).OrderBy(p => p.DisplayName).ToListAsync(ct);
        if (practitioners.Count > 0)
        {
            people = [.. people.Where(p => practitioners.Contains(p.Id))];
        }
        var ids = people.Select(p => p.Id).ToList();
        var snapshot = await agendas.LoadAsync(practiceId, ids, window, clock.GetCurrentInstant(), except: null, ct);
        var calendar = snapshot.Agenda.Practice;

        var sessions = (from id in ids from date in dates from session in snapshot.Agenda.SessionsOn(id, date) select new AgendaSession(id, date, session.Range)).ToList();
        var absences = await db.Value.Absences.AsNoTracking()
            .Where(a => ids.Contains(a.PractitionerId) && a.Start < window.End && a.End > window.Start).ToListAsync(ct);
        var (first, last) = (dates[0], dates[^1]);
        var closures = await db.Value.PracticeClosures.AsNoTracking()
            .Where(c => c.PracticeId == practiceId && c.FirstDay <= last && c.LastDay >= first).ToListAsync(ct);
        var closed = dates
            .Select(date => closures.FirstOrDefault(c => c.FirstDay <= date && c.LastDay >= date) is { } closure
                ? new AgendaClosure(date, closure.Reason, IsPublicHoliday: false)
                : calendar.IsClosedOn(date) ? new AgendaClosure(date, FrenchPublicHolidays.For(date.Year, calendar.HolidayRegion).FirstOrDefault(h => h.Date == date)?.Name ?? "", IsPublicHoliday: true) : null)
            .OfType<AgendaClosure>().ToList();

        var active = new[] { AppointmentStatus.Held, AppointmentStatus.Booked, AppointmentStatus.Completed, AppointmentStatus.NoShow };
        var now = clock.GetCurrentInstant();
        // The redundant BlockedEnd bound, as in ListAppointmentsAsync, keeps the past out of the read.
        var appointments = await db.Value.Appointments.AsNoTracking()
            .Where(a => a.PracticeId == practiceId && ids.Contains(a.PractitionerId) && active.Contains(a.Status) && a.Start < window.End && a.End > window.Start
                && a.BlockedEnd > window.Start && (a.Status != AppointmentStatus.Held || a.HoldExpiresAt > now))
            .OrderBy(a => a.Start).ToListAsync(ct);
        var types = await db.Value.AppointmentTypes.AsNoTracking().Where(t => t.PracticeId == practiceId).ToListAsync(ct);
        var typeNames = types.ToDictionary(t => t.Id, t => t.Name);

        return new AgendaView(practiceId, practice.Name, zone, calendar.SlotStep, dates,
            [.. people.Select(p => new AgendaPractitioner(p.Id, p.DisplayName))],
            sessions,
            [.. absences.Select(a => new AgendaAbsence(a.PractitionerId, new TimeRange(a.Start, a.End), a.Reason))],
            closed,
            [.. appointments.Select(a => new AgendaAppointment(a.Id, a.PractitionerId, a.AppointmentTypeId, typeNames.GetValueOrDefault(a.AppointmentTypeId, ""),
                a.PatientId, new TimeRange(a.Start, a.End), a.Status, a.IsSqueezeIn, a.SqueezeInReason))],
            [.. types.Where(t => t.IsActive).OrderBy(t => t.Name).Select(t => new AgendaAppointmentType(t.Id, t.Name, Duration.FromMinutes(t.DurationMinutes),
                string.IsNullOrWhiteSpace(t.PreparationInstructions) ? null : t.PreparationInstructions, t.DocumentsToBring))]);
    }
}
