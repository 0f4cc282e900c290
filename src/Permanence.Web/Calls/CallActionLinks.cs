using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Data;

namespace Permanence.Web.Calls;

/// <summary>
/// Links a call to what was done during it (an appointment booked, cancelled or moved, a message or task left) from the
/// write that did it. A wrapped-up call record no longer changes, so the link is added only to a call still open.
/// </summary>
public static class CallActionLinks
{
    /// <summary>Whether the call a write names is one of the practice's: only those may be linked.</summary>
    public static Task<bool> IsCallOfPracticeAsync(PermanenceDbContext db, PracticeId practice, CallId call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Calls.AnyAsync(c => c.PracticeId == practice && c.Id == call, ct);
    }

    /// <summary>
    /// Adds the action to <paramref name="db"/>'s pending changes when the call is not wrapped up, and locks the call's row
    /// until the caller's transaction ends: a wrap-up at the same time comes either before (no action) or after (the
    /// action is part of the record). Call inside the transaction that saves the write.
    /// </summary>
    public static async Task<bool> AddIfOpenAsync(PermanenceDbContext db, CallId call, CallActionKind kind, Guid target, string note, Instant at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An action is added in the transaction of the write it records.");
        }
        if (!await LockIfOpenAsync(db, call, ct))
        {
            return false;
        }
        db.CallActions.Add(new CallAction { CallId = call, Kind = kind, TargetId = target, Note = note, At = at });
        return true;
    }

    /// <summary>
    /// Whether the call is not wrapped up; if so its row stays locked until the caller's transaction ends (a no-op
    /// conditional update), so a wrap-up at the same time comes either before or after the caller's write.
    /// </summary>
    public static async Task<bool> LockIfOpenAsync(PermanenceDbContext db, CallId call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Calls.Where(c => c.Id == call && c.WrappedUpAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.WrappedUpAt, c => c.WrappedUpAt), ct) > 0;
    }
}
