namespace Permanence.Core.Scheduling;

/// <summary>Identifies a place where a practitioner consults (cabinet principal, cabinet secondaire, clinic).</summary>
public readonly record struct ConsultationSiteId(Guid Value)
{
    public static ConsultationSiteId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}
