using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// A snapshot of one practice's scheduling state for a window: its calendar, the practitioners' rules and the
/// active appointments and live holds, loaded by the caller. Immutable once built, so one snapshot can serve a
/// slot search, a booking check and the alternatives of a refusal; safe to share between threads.
/// </summary>
public sealed class PracticeAgenda
{
    private readonly Dictionary<PractitionerId, PractitionerAgenda> _byPractitioner;
    private readonly PractitionerSchedule[] _schedules;
    private readonly ExistingAppointment[] _appointments;

    /// <param name="practice">The practice's time zone, closures, holidays and slot grid.</param>
    /// <param name="schedules">One schedule per practitioner (a later duplicate id is an error).</param>
    /// <param name="appointments">
    /// Active appointments and unexpired holds overlapping the searched window, widened by a day on each side so
    /// that buffers and daily caps see everything; cancelled appointments and expired holds excluded. When
    /// confirming a hold, leave that hold out.
    /// </param>
    public PracticeAgenda(PracticeCalendar practice, IEnumerable<PractitionerSchedule> schedules, IEnumerable<ExistingAppointment> appointments)
    {
        ArgumentNullException.ThrowIfNull(practice);
        Practice = practice;
        _schedules = [.. schedules];
        _appointments = [.. appointments];
        var byPractitioner = _appointments.ToLookup(a => a.PractitionerId);
        _byPractitioner = _schedules.ToDictionary(
            s => s.PractitionerId,
            s => new PractitionerAgenda(practice, s, byPractitioner[s.PractitionerId]));
        Practitioners = [.. _byPractitioner.Keys.OrderBy(id => id.Value)];
    }

    public PracticeCalendar Practice { get; }

    /// <summary>Every practitioner with a schedule, ordered by id (the tie-break of the slot order).</summary>
    public IReadOnlyList<PractitionerId> Practitioners { get; }

    public IReadOnlyList<ExistingAppointment> Appointments => _appointments;

    /// <summary>A new snapshot with <paramref name="appointment"/> added, as after a successful booking.</summary>
    public PracticeAgenda With(ExistingAppointment appointment) =>
        new(Practice, _schedules, _appointments.Append(appointment));

    /// <summary>
    /// The consultation sessions of <paramref name="practitioner"/> on the practice's local <paramref name="date"/>,
    /// sorted and disjoint, resolved as <see cref="SessionTimeResolver"/> says (a session in a DST gap is shortened or
    /// vanishes). Public holidays and absences are not removed: see <see cref="PracticeCalendar.IsClosedOn"/>.
    /// Empty for a practitioner without a schedule.
    /// </summary>
    public IReadOnlyList<Session> SessionsOn(PractitionerId practitioner, LocalDate date) =>
        Find(practitioner)?.SessionsOn(date) ?? [];

    internal PractitionerAgenda? Find(PractitionerId practitioner) => _byPractitioner.GetValueOrDefault(practitioner);
}
