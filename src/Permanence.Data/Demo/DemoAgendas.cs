using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Scheduling;
using AppointmentType = Permanence.Core.Practices.AppointmentType;

namespace Permanence.Data.Demo;

/// <summary>
/// Gives every demo practitioner weekly sessions (the practice's opening hours) and fills about half of the next two
/// weeks with appointments, each one checked by <see cref="BookingRules"/> exactly as a booking through the API is.
/// </summary>
internal static class DemoAgendas
{
    private static readonly Duration Horizon = Duration.FromDays(14);
    private const double ShareBooked = 0.5;

    public static async Task<bool> AddUnlessPresentAsync(PermanenceDbContext db, IReadOnlyCollection<PracticeId> practiceIds, Instant now, CancellationToken ct)
    {
        if (await db.WeeklySessions.IgnoreQueryFilters().AnyAsync(s => practiceIds.Contains(s.PracticeId), ct))
        {
            return false;
        }
        var random = new Random(20261123);
        foreach (var practiceId in practiceIds)
        {
            var practice = await db.Practices.IgnoreQueryFilters().Include(p => p.OpeningHours).Include(p => p.Closures).AsSplitQuery().SingleAsync(p => p.Id == practiceId, ct);
            var practitioners = await db.Practitioners.IgnoreQueryFilters().Where(p => p.PracticeId == practiceId && p.IsActive).ToListAsync(ct);
            var types = await db.AppointmentTypes.IgnoreQueryFilters().Where(t => t.PracticeId == practiceId && t.IsActive).ToListAsync(ct);
            var patients = await db.Patients.IgnoreQueryFilters().Where(p => p.PracticeId == practiceId).Select(p => p.Id).ToListAsync(ct);
            var sessions = practitioners.SelectMany(p => practice.OpeningHours.Select(h => new StoredWeeklySession
            {
                PracticeId = practiceId,
                PractitionerId = p.Id,
                Day = h.Day,
                Start = h.Start,
                End = h.End,
            })).ToList();
            db.WeeklySessions.AddRange(sessions);
            db.Appointments.AddRange(Fill(practice, practitioners, types, patients, sessions, now, random));
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static List<StoredAppointment> Fill(Practice practice, List<Practitioner> practitioners, List<AppointmentType> types,
        List<PatientId> patients, List<StoredWeeklySession> sessions, Instant now, Random random)
    {
        var booked = new List<StoredAppointment>();
        var bookable = types.Where(t => t.Channel != AppointmentChannel.HomeVisit).ToList();
        if (bookable.Count == 0 || patients.Count == 0)
        {
            return booked;
        }
        var agenda = new PracticeAgenda(
            AgendaMapping.ToCalendar(practice, practice.Closures),
            practitioners.Select(p => new PractitionerSchedule
            {
                PractitionerId = p.Id,
                WeeklySessions = [.. sessions.Where(s => s.PractitionerId == p.Id).Select(s => s.ToRule())],
            }),
            []);
        var window = new TimeRange(now, now + Horizon);
        // The demo's appointments stand for bookings made over the past weeks, so notice is counted from then.
        var bookedAt = now - Duration.FromDays(30);
        foreach (var practitioner in practitioners)
        {
            var type = AgendaMapping.ToRule(bookable.Where(t => t.AllowedPractitioners.Count == 0 || t.AllowedPractitioners.Contains(practitioner.Id))
                .DefaultIfEmpty(bookable[0]).First());
            var query = SlotQuery.Create(type, window.Start, window.End, [practitioner.Id], patientIsNew: false, SlotQuery.MaximumLimit);
            foreach (var slot in SlotSearch.Find(agenda, query.Value!, bookedAt).Slots)
            {
                if (random.NextDouble() >= ShareBooked || BookingRules.Check(agenda, new BookingCandidate(practitioner.Id, type, slot.Time.Start, false), bookedAt).Error is not null)
                {
                    continue;
                }
                agenda = agenda.With(ExistingAppointment.From(slot));
                booked.Add(new StoredAppointment
                {
                    PracticeId = practice.Id,
                    PractitionerId = practitioner.Id,
                    AppointmentTypeId = type.Id,
                    PatientId = patients[random.Next(patients.Count)],
                    Start = slot.Time.Start,
                    End = slot.Time.End,
                    BlockedStart = slot.BlockedRange.Start,
                    BlockedEnd = slot.BlockedRange.End,
                    Status = AppointmentStatus.Booked,
                    CreatedAt = now,
                    CreatedBy = "demo",
                });
            }
        }
        return booked;
    }
}
