using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Data;

namespace Permanence.Web.Scheduling;

/// <summary>Reads a practice's time zone alone, to show stored instants on the practice's clock.</summary>
internal static class PracticeZones
{
    public static async Task<DateTimeZone> ForAsync(PermanenceDbContext db, Guid practiceId, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        return TimeZones.TryGet(await db.Practices.Where(p => p.Id == id).Select(p => p.TimeZoneId).SingleAsync(ct))!;
    }
}
