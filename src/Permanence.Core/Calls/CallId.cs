namespace Permanence.Core.Calls;

/// <summary>Identifies a call as Permanence records it (not the provider's call id).</summary>
public readonly record struct CallId(Guid Value)
{
    public static CallId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}
