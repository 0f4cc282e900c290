using System.Collections.Concurrent;
using Permanence.Core.Common;

namespace Permanence.Web.Scheduling;

/// <summary>
/// Queues this node's bookings per practitioner in memory, so a burst on one agenda waits here rather than holding
/// database connections while it waits for the database lock. The database lock (PostgreSQL advisory lock, SQLite's
/// single writer) still serializes across nodes; this only keeps the connection pool for work that can progress.
/// </summary>
public sealed class PractitionerLocks
{
    private readonly ConcurrentDictionary<PractitionerId, SemaphoreSlim> _locks = new();

    /// <summary>Takes the locks of <paramref name="practitioners"/> in a fixed order (no deadlock between two moves).</summary>
    public async Task<IAsyncDisposable> AcquireAsync(IEnumerable<PractitionerId> practitioners, CancellationToken ct)
    {
        var taken = new List<SemaphoreSlim>();
        try
        {
            foreach (var practitioner in practitioners.Distinct().OrderBy(p => p.Value))
            {
                var semaphore = _locks.GetOrAdd(practitioner, _ => new SemaphoreSlim(1, 1));
                await semaphore.WaitAsync(ct);
                taken.Add(semaphore);
            }
            return new Release(taken);
        }
        catch
        {
            new Release(taken).Dispose();
            throw;
        }
    }

    private sealed class Release(List<SemaphoreSlim> taken) : IAsyncDisposable, IDisposable
    {
        public void Dispose()
        {
            for (var i = taken.Count - 1; i >= 0; i--)
            {
                taken[i].Release();
            }
            taken.Clear();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
