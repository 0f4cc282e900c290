using System.Collections.Concurrent;

namespace Permanence.Data.Caching;

/// <summary>
/// Reads under way per key, each at the version of the cached data it started at: when a cache's copy lapses under
/// load, one request reads and the others at the same version wait for that read instead of each running the same
/// query. A read that fails, is cancelled or finds nothing gives its waiters null, and each then reads on its own.
/// </summary>
public sealed class SharedReads<TKey, TValue>(IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
    where TValue : class
{
    private sealed record Read(long Version, Task<TValue?> Value);

    private readonly ConcurrentDictionary<TKey, Read> _reads = new(comparer);

    /// <summary>What the read of <paramref name="key"/> under way at <paramref name="version"/> gives; null when none is under way.</summary>
    public async Task<TValue?> WaitAsync(TKey key, long version, CancellationToken ct) =>
        _reads.TryGetValue(key, out var running) && running.Version == version ? await running.Value.WaitAsync(ct) : null;

    /// <summary>Runs <paramref name="read"/> as the read of <paramref name="key"/> at <paramref name="version"/>; requests meanwhile wait for it.</summary>
    public async Task<TValue?> RunAsync(TKey key, long version, Func<Task<TValue?>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var done = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = new Read(version, done.Task);
        _reads[key] = running;
        try
        {
            var value = await read();
            done.SetResult(value);
            return value;
        }
        finally
        {
            done.TrySetResult(null);
            _reads.TryRemove(KeyValuePair.Create(key, running));
        }
    }
}
