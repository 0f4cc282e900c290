using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>A stored weekly session of a practitioner, in the practice's wall-clock time.</summary>
public sealed class StoredWeeklySession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public PracticeId PracticeId { get; init; }
    public PractitionerId PractitionerId { get; init; }
    public IsoDayOfWeek Day { get; init; }
    public LocalTime Start { get; init; }

    /// <summary>00:00 means midnight at the end of the day.</summary>
    public LocalTime End { get; init; }

    public string? Site { get; init; }

    public WeeklySession ToRule() => new(Day, Start, End, SiteId(Site));

    /// <summary>Sites are named by the practice ("Cabinet principal", "Annexe"); the same name is the same site.</summary>
    internal static ConsultationSiteId? SiteId(string? site) => string.IsNullOrWhiteSpace(site)
        ? null
        : new ConsultationSiteId(new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(site.Trim()))[..16]));
}

/// <summary>A stored dated extra session (séance exceptionnelle) of a practitioner.</summary>
public sealed class StoredExtraSession
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public PracticeId PracticeId { get; init; }
    public PractitionerId PractitionerId { get; init; }
    public LocalDate Date { get; init; }
    public LocalTime Start { get; init; }
    public LocalTime End { get; init; }
    public string? Site { get; init; }

    public ExtraSession ToRule() => new(Date, Start, End, StoredWeeklySession.SiteId(Site));
}

/// <summary>A time a practitioner takes no appointment (congés, formation, a closed afternoon), as instants.</summary>
public sealed class PractitionerAbsence
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public PracticeId PracticeId { get; init; }
    public PractitionerId PractitionerId { get; init; }
    public Instant Start { get; init; }
    public Instant End { get; init; }
    public string Reason { get; init; } = "";
    public Instant CreatedAt { get; init; }
}
