using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Staff;
using Permanence.Data;
using Permanence.Data.Caching;
using Permanence.Data.Staff;

namespace Permanence.Web.Security;

/// <summary>A key that authenticated: what a request's principal is built from.</summary>
public sealed record AuthenticatedApiKey(Guid Id, IReadOnlyList<Claim> Claims);

/// <summary>
/// Keeps the keys that authenticated, by hash of the secret, so a connector's requests do not each read the key from
/// the database. A copy is dropped at once when an API key is saved through this process (revocation, role or
/// practices changed: <see cref="ApiKeyVersions"/>), and is used for <see cref="MaximumAge"/> at most, so a change
/// made by another node or the CLI holds everywhere within that time. Unknown and revoked keys are not kept: each
/// attempt reads the database, and guessing secrets cannot fill the memory.
/// </summary>
public sealed class ApiKeyCache(ApiKeyVersions versions, IClock clock)
{
    public static readonly Duration MaximumAge = Duration.FromSeconds(5);

    /// <summary>How often the key's last use is written back (a busy connector must not turn every request into a write).</summary>
    public static readonly Duration LastUseResolution = Duration.FromMinutes(1);

    private const int MaximumEntries = 10_000;

    private sealed class Entry(long version, Instant loadedAt, AuthenticatedApiKey key, Instant? lastUsedAt, Instant? expiresAt)
    {
        public Instant? ExpiresAt { get; } = expiresAt;
        public long Version { get; } = version;
        public Instant LoadedAt { get; } = loadedAt;
        public AuthenticatedApiKey Key { get; } = key;
        public Instant? LastUsedAt { get; set; } = lastUsedAt;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads under way, so that when a busy connector's copy lapses one request reads the key and the others at the
    /// same version wait for it instead of each reading the same row.
    /// </summary>
    private readonly SharedReads<string, Entry> _reads = new(StringComparer.Ordinal);

    /// <summary>The non-revoked key whose secret hashes to <paramref name="hash"/>, or null.</summary>
    public async Task<AuthenticatedApiKey?> FindAsync(Lazy<PermanenceDbContext> db, string hash, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var version = versions.Current;
        if (!_entries.TryGetValue(hash, out var entry) || !IsCurrent(entry, version, now))
        {
            entry = await _reads.WaitAsync(hash, version, ct) is { } loaded && IsCurrent(loaded, version, now)
                ? loaded
                : await _reads.RunAsync(hash, version, () => LoadAndKeepAsync(db.Value, hash, version, now, ct));
            if (entry is null)
            {
                return null;
            }
        }
        if (entry.LastUsedAt is not { } lastUsed || now - lastUsed > LastUseResolution)
        {
            entry.LastUsedAt = now;
            await db.Value.ApiKeys.Where(k => k.Id == entry.Key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }
        return entry.Key;
    }

    private static bool IsCurrent(Entry entry, long version, Instant now) =>
        entry.Version == version && now - entry.LoadedAt < MaximumAge && now >= entry.LoadedAt && !(now >= entry.ExpiresAt);

    /// <summary>Reads the key and keeps it, or forgets it when unknown or revoked.</summary>
    private async Task<Entry?> LoadAndKeepAsync(PermanenceDbContext db, string hash, long version, Instant now, CancellationToken ct)
    {
        // The version is read before the row: a change saved meanwhile moves it, and this copy is not used again.
        var entry = await LoadAsync(db, hash, version, now, ct);
        if (entry is null)
        {
            _entries.TryRemove(hash, out _);
            return null;
        }
        if (_entries.Count >= MaximumEntries)
        {
            _entries.Clear();
        }
        _entries[hash] = entry;
        return entry;
    }

    /// <summary>The role <paramref name="key"/> grants at <paramref name="now"/>: none once revoked or expired, or for an unknown role.</summary>
    public static StaffRole? UsableRole(ApiKey key, Instant now)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.RevokedAt is null && !(now >= key.ExpiresAt) ? StaffRoles.TryParse(key.Role) : null;
    }

    private static async Task<Entry?> LoadAsync(PermanenceDbContext db, string hash, long version, Instant now, CancellationToken ct)
    {
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash, ct);
        if (key is null || UsableRole(key, now) is not { } role)
        {
            return null;
        }
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, key.Id.ToString()),
            new(ClaimTypes.Name, $"api-key:{key.Name}"),
            new(ClaimTypes.Role, role.ToCode()),
            new(PermanenceClaims.ActorKind, "api_key"),
            .. key.PracticeIds.Select(p => new Claim(PermanenceClaims.Practice, p.Value.ToString())),
        ];
        return new Entry(version, now, new AuthenticatedApiKey(key.Id, claims), key.LastUsedAt, key.ExpiresAt);
    }
}
