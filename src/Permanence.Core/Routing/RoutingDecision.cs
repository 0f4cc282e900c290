using System.Globalization;
using NodaTime;
using Permanence.Core.Practices;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Routing;

/// <summary>Where an incoming call goes.</summary>
public enum RouteKind
{
    /// <summary>Into the secretaries' queue (urgent line first).</summary>
    Queue,

    /// <summary>The automated assistant (administrative requests only; anything clinical to a human or 15).</summary>
    AutomatedAssistant,

    /// <summary>Voicemail, turned into a message for the next working morning.</summary>
    Voicemail,

    /// <summary>Forwarded to the on-call number.</summary>
    ForwardToOnCall,

    /// <summary>Emergency announcement (15 / 112), then hang up.</summary>
    EmergencyAnnouncement,
}

/// <summary>The decision and the sentence that explains it, stored on the call.</summary>
public sealed record RoutingDecision(RouteKind Kind, string Reason, string? ForwardTo = null);

/// <summary>
/// Decides where a call to a practice goes from its opening hours, closures and public holidays (read on the
/// practice's wall clock), its after-hours policy, the on-call roster and the line dialed.
/// </summary>
public static class CallRouter
{
    public static RoutingDecision Decide(Practice practice, bool urgentLine, Instant now, IEnumerable<OnCallShift> roster)
    {
        ArgumentNullException.ThrowIfNull(practice);
        var local = now.InZone(practice.TimeZone);
        var when = $"{local.DayOfWeek} {local.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture)} {practice.TimeZoneId}";
        var holiday = practice.ClosedOnPublicHolidays
            ? FrenchPublicHolidays.For(local.Year, AgendaMapping.HolidayRegionOf(practice)).FirstOrDefault(h => h.Date == local.Date)
            : null;
        if (holiday is null && OpeningHoursRules.IsOpenAt(practice, now))
        {
            return new RoutingDecision(RouteKind.Queue, $"open: {when}{(urgentLine ? ", urgent line first" : "")}");
        }
        var why = holiday is not null ? $"public holiday ({holiday.Name}): {when}"
            : OpeningHoursRules.IsInClosure(practice, local.Date) ? $"practice closed: {when}"
            : $"after hours: {when}";
        var onCall = OnCallRoster.OnCallAt(roster, now);
        var forward = onCall?.Number ?? practice.AfterHoursForwardNumber;
        var target = onCall?.Label ?? "after-hours number";

        // The dedicated urgent line goes to the on-call doctor whenever someone is on call, whatever the policy.
        if (urgentLine && forward is not null)
        {
            return new RoutingDecision(RouteKind.ForwardToOnCall, $"{why}, urgent line → on-call {target}", forward);
        }
        return practice.AfterHoursPolicy switch
        {
            AfterHoursPolicy.ForwardToOnCall when forward is not null =>
                new RoutingDecision(RouteKind.ForwardToOnCall, $"{why} → on-call {target}", forward),
            AfterHoursPolicy.ForwardToOnCall =>
                new RoutingDecision(RouteKind.EmergencyAnnouncement, $"{why} → nobody on call: emergency announcement (15/112)"),
            AfterHoursPolicy.AutomatedAssistant => new RoutingDecision(RouteKind.AutomatedAssistant, $"{why} → automated assistant"),
            AfterHoursPolicy.VoicemailToMessage => new RoutingDecision(RouteKind.Voicemail, $"{why} → voicemail, message for the next working morning"),
            AfterHoursPolicy.EmergencyAnnouncement => new RoutingDecision(RouteKind.EmergencyAnnouncement, $"{why} → emergency announcement (15/112)"),
            _ => throw new ArgumentOutOfRangeException(nameof(practice), practice.AfterHoursPolicy, null),
        };
    }
}
