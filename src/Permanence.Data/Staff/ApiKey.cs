using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Data.Staff;

/// <summary>
/// A named, revocable credential for a connector (PBX, integration, automation), sent as <c>Authorization: Bearer</c>.
/// Only the SHA-256 hash of the secret is stored; the secret is shown once at creation.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>The first characters of the secret, shown in listings to tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole secret.</summary>
    public required string Hash { get; set; }

    /// <summary>Role code from <c>StaffRoles</c>.</summary>
    public required string Role { get; set; }

    /// <summary>Practices the key may reach; ignored for administrator keys, which see every practice.</summary>
    public List<PracticeId> PracticeIds { get; set; } = [];

    public Instant CreatedAt { get; set; }
    public Instant? RevokedAt { get; set; }

    /// <summary>When the key stops working by itself; never when null.</summary>
    public Instant? ExpiresAt { get; set; }
    public Instant? LastUsedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}
