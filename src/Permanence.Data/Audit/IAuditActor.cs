namespace Permanence.Data.Audit;

/// <summary>Who is acting, for the audit trail: a signed-in user, an API key, or the system.</summary>
public interface IAuditActor
{
    string Kind { get; }
    string? Id { get; }
    string Name { get; }
    string? IpAddress { get; }
}

/// <summary>How long an actor's name may be where it is stored: a staff e-mail (up to 254 characters) or "api-key:" and a key name.</summary>
public static class ActorNames
{
    public const int MaxLength = 256;
}

public sealed class SystemAuditActor(string name = "system") : IAuditActor
{
    public string Kind => "system";
    public string? Id => null;
    public string Name { get; } = name;
    public string? IpAddress => null;
}
