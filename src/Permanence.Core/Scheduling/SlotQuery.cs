using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// What a secretary asks for: slots of <see cref="Type"/> starting inside <see cref="Window"/> (a start equal to
/// <c>Window.End</c> is excluded), with one or several practitioners, or anyone in the practice when
/// <see cref="Practitioners"/> is empty ("first available").
/// </summary>
public sealed record SlotQuery
{
    public const int MaximumLimit = 500;

    public required AppointmentType Type { get; init; }

    public required TimeRange Window { get; init; }

    /// <summary>Empty means every practitioner of the agenda.</summary>
    public IReadOnlyList<PractitionerId> Practitioners { get; init; } = [];

    /// <summary>True when the patient is not yet known to the practice.</summary>
    public bool PatientIsNew { get; init; }

    /// <summary>Page size, 1 to <see cref="MaximumLimit"/>.</summary>
    public int Limit
    {
        get;
        init => field = value is > 0 and <= MaximumLimit
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Limit), value, "The page size must be between 1 and 500.");
    } = 20;

    /// <summary>Only slots strictly after this position; null for the first page.</summary>
    public SlotCursor? After { get; init; }

    /// <summary>
    /// Builds a query from request values, reporting every bad field at once under the public contract's names
    /// (<c>to</c> must be after <c>from</c>, <c>limit</c> between 1 and <see cref="MaximumLimit"/>; a null limit
    /// means 20), so that bad input becomes a 400, never an exception.
    /// </summary>
    public static Result<SlotQuery> Create(
        AppointmentType type,
        Instant from,
        Instant to,
        IReadOnlyList<PractitionerId> practitioners,
        bool patientIsNew,
        int? limit = null,
        SlotCursor? after = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(practitioners);
        var errors = new ValidationErrors();
        errors.Require(to > from, "to", "'to' must be after 'from'.");
        errors.Require(limit is null or > 0 and <= MaximumLimit, "limit", "'limit' must be between 1 and 500.");
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        return new SlotQuery
        {
            Type = type,
            Window = new TimeRange(from, to),
            Practitioners = practitioners,
            PatientIsNew = patientIsNew,
            Limit = limit ?? 20,
            After = after,
        };
    }
}
