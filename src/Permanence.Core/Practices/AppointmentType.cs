using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Practices;

/// <summary>A kind of appointment a practice offers (motif de consultation) and its booking rules.</summary>
public sealed class AppointmentType
{
    public AppointmentTypeId Id { get; init; } = AppointmentTypeId.New();
    public PracticeId PracticeId { get; set; }
    public required string Name { get; set; }
    public int DurationMinutes { get; set; }
    public int BufferBeforeMinutes { get; set; }
    public int BufferAfterMinutes { get; set; }

    /// <summary>Shortest delay between booking and start, in minutes.</summary>
    public int MinimumNoticeMinutes { get; set; }

    /// <summary>Furthest day ahead that can be booked, in days.</summary>
    public int BookingHorizonDays { get; set; } = 90;

    /// <summary>Cap per practitioner per local day; null means no cap.</summary>
    public int? MaxPerDayPerPractitioner { get; set; }

    public bool NewPatientsAllowed { get; set; } = true;
    public AppointmentChannel Channel { get; set; } = AppointmentChannel.InPerson;

    /// <summary>Practitioners who may take this type; empty means every practitioner of the practice.</summary>
    public List<PractitionerId> AllowedPractitioners { get; set; } = [];

    public string PreparationInstructions { get; set; } = "";
    public List<string> DocumentsToBring { get; set; } = [];
    public bool IsActive { get; set; } = true;
    public Instant CreatedAt { get; set; }
}
