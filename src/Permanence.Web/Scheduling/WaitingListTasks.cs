using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Data;

namespace Permanence.Web.Scheduling;

/// <summary>
/// The secretaries' waiting-list tasks: freed slots proposed to waiting patients, still open and still ahead. Read and
/// closed the same way by the HTTP API and the console.
/// </summary>
public sealed class WaitingListTasks(PermanenceDbContext db, IClock clock)
{
    /// <summary>Open proposals whose slot is still ahead, oldest first then by rank, with the slot on the practice's clock.</summary>
    public async Task<List<WaitingListProposalDto>> OpenProposalsAsync(PracticeId practiceId, CancellationToken ct)
    {
        var zone = await PracticeZones.ForAsync(db, practiceId.Value, ct);
        var now = clock.GetCurrentInstant();
        var proposals = await db.WaitingListProposals.AsNoTracking()
            .Where(p => p.PracticeId == practiceId && !p.Closed && p.SlotStart > now)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Rank).ToListAsync(ct);
        return [.. proposals.Select(p => new WaitingListProposalDto(p.Id, p.RequestId, p.PatientId.Value, p.PractitionerId.Value, p.AppointmentTypeId.Value,
            p.SlotStart.InZone(zone).ToOffsetDateTime(), p.SlotEnd.InZone(zone).ToOffsetDateTime(), p.Rank, p.FreedBy.Value, p.CreatedAt))];
    }

    /// <summary>Marks a proposal handled; false when there is no such open proposal in the practice.</summary>
    public async Task<bool> CloseProposalAsync(PracticeId practiceId, Guid proposalId, CancellationToken ct) =>
        await db.WaitingListProposals.Where(p => p.Id == proposalId && p.PracticeId == practiceId && !p.Closed)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Closed, true), ct) > 0;
}
