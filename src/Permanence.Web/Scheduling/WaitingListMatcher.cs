using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Scheduling;
using Permanence.Data;

namespace Permanence.Web.Scheduling;

/// <summary>
/// When time frees up (a cancellation, a move), offers it to the waiting list: each matching request, earliest
/// first, becomes a proposal the secretaries see as a task, with the slot to offer.
/// </summary>
public sealed class WaitingListMatcher(PermanenceDbContext db, AgendaLoader agendas, IClock clock)
{
    public async Task OfferFreedTimeAsync(StoredAppointment freed, CancellationToken ct)
    {
        var requests = await db.WaitingListRequests.AsNoTracking()
            .Where(r => r.PracticeId == freed.PracticeId && r.Status == WaitingListStatus.Waiting)
            .ToListAsync(ct);
        if (requests.Count == 0)
        {
            return;
        }
        var now = clock.GetCurrentInstant();
        var snapshot = await agendas.LoadAsync(freed.PracticeId, [freed.PractitionerId], freed.BlockedRange, now, except: null, ct);
        var rules = requests.Select(r => (Request: r, Rule: r.ToRule())).ToList();
        var matches = WaitingList.MatchFreedTime(snapshot.Agenda, freed.PractitionerId, freed.BlockedRange, rules.Select(r => r.Rule),
            snapshot.Types.Where(t => snapshot.ActiveTypes.Contains(t.Key)).ToDictionary(), now);
        var rank = 0;
        foreach (var match in matches)
        {
            var request = rules.First(r => ReferenceEquals(r.Rule, match.Entry)).Request;
            db.WaitingListProposals.Add(new WaitingListProposal
            {
                PracticeId = freed.PracticeId,
                RequestId = request.Id,
                PatientId = request.PatientId,
                PractitionerId = match.Slot.PractitionerId,
                AppointmentTypeId = match.Slot.AppointmentTypeId,
                SlotStart = match.Slot.Time.Start,
                SlotEnd = match.Slot.Time.End,
                Rank = ++rank,
                FreedBy = freed.Id,
                CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
