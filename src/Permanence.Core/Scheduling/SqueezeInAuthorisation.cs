using Permanence.Core.Common;

namespace Permanence.Core.Scheduling;

/// <summary>
/// The explicit, attributable decision to fit an urgent patient over an existing appointment (rendez-vous
/// intercalé). Only <see cref="BookingRules.CheckSqueezeIn"/> accepts it, and it waives the no-overlap rule alone.
/// </summary>
public sealed record SqueezeInAuthorisation
{
    public SqueezeInAuthorisation(StaffUserId authorisedBy, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A squeeze-in needs a stated reason.", nameof(reason));
        }
        AuthorisedBy = authorisedBy;
        Reason = reason;
    }

    public StaffUserId AuthorisedBy { get; }

    public string Reason { get; }
}
