using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// A kind of appointment a practice offers (motif de consultation) with the rules that govern booking it.
/// Every duration is elapsed time, so a DST transition never stretches or shortens an appointment.
/// Values are checked when set; an invalid value throws, as it is a bug in the caller, not user input.
/// </summary>
public sealed record AppointmentType
{
    public required AppointmentTypeId Id { get; init; }

    public required string Name
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("An appointment type needs a name.", nameof(Name))
            : value;
    }

    /// <summary>How long the patient is seen; strictly positive.</summary>
    public required Duration Duration
    {
        get;
        init => field = value > Duration.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Duration), value, "Duration must be positive.");
    }

    /// <summary>Time kept free before the appointment (preparation); part of the blocked range, and may reach outside the session.</summary>
    public Duration BufferBefore { get; init => field = NotNegative(value, nameof(BufferBefore)); } = Duration.Zero;

    /// <summary>Time kept free after the appointment (cleaning, notes); part of the blocked range, and may reach outside the session.</summary>
    public Duration BufferAfter { get; init => field = NotNegative(value, nameof(BufferAfter)); } = Duration.Zero;

    /// <summary>The earliest bookable start is <c>now + MinimumNotice</c> (inclusive).</summary>
    public Duration MinimumNotice { get; init => field = NotNegative(value, nameof(MinimumNotice)); } = Duration.Zero;

    /// <summary>A start must be strictly before <c>now + MaximumHorizon</c>.</summary>
    public Duration MaximumHorizon
    {
        get;
        init => field = value > Duration.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaximumHorizon), value, "The booking horizon must be positive.");
    } = Duration.FromDays(365);

    /// <summary>
    /// At most this many active appointments of this type per practitioner and per local day of the practice's
    /// time zone; null means no cap.
    /// </summary>
    public int? MaximumPerDayPerPractitioner
    {
        get;
        init => field = value is null or > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaximumPerDayPerPractitioner), value, "A daily cap must be positive.");
    }

    /// <summary>The practitioners who may take this type; empty means every practitioner of the practice.</summary>
    public IReadOnlySet<PractitionerId> AllowedPractitioners { get; init; } = new HashSet<PractitionerId>();

    /// <summary>False when only patients already known to the practice may book this type.</summary>
    public bool AcceptsNewPatients { get; init; } = true;

    public AppointmentChannel Channel { get; init; } = AppointmentChannel.InPerson;

    /// <summary>What the patient must do beforehand (fasting, arrive 10 minutes early…), shown in confirmations.</summary>
    public string? PreparationInstructions { get; init; }

    /// <summary>Documents to bring (carte Vitale, ordonnance, previous results…), in display order.</summary>
    public IReadOnlyList<string> DocumentsToBring { get; init; } = [];

    public bool AllowsPractitioner(PractitionerId practitioner) =>
        AllowedPractitioners.Count == 0 || AllowedPractitioners.Contains(practitioner);

    /// <summary>The time the patient is seen when the appointment starts at <paramref name="start"/>.</summary>
    public TimeRange TimeAt(Instant start) => TimeRange.StartingAt(start, Duration);

    /// <summary>
    /// The range an appointment starting at <paramref name="start"/> keeps for itself:
    /// <c>[start − BufferBefore, start + Duration + BufferAfter)</c>. This is what the database stores and what the
    /// no-overlap invariant compares.
    /// </summary>
    public TimeRange BlockedRangeAt(Instant start) => TimeAt(start).Widen(BufferBefore, BufferAfter);

    private static Duration NotNegative(Duration value, string name) =>
        value >= Duration.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "Must not be negative.");
}
