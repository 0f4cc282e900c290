using System.Globalization;
using NodaTime;

namespace Permanence.Core.Calls.Simulation;

/// <summary>One call event as the call-event API receives it (DESIGN.md: eventId, callId, type, from, to, at).</summary>
public sealed record CallEventMessage(Guid EventId, Guid CallId, string Type, string From, string To, Instant At);

/// <summary>The telephony events a simulated call produces, in the order a provider would send them.</summary>
public static class SimulatedEvents
{
    public static IReadOnlyList<CallEventMessage> For(SimulatedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var events = new List<CallEventMessage> { Event(call, "ringing", call.RingingAt) };
        var answeredAt = call.RingingAt + call.Wait;
        switch (call.Outcome)
        {
            case SimulatedOutcome.AbandonedBeforeAnswer:
                events.Add(Event(call, "ended", answeredAt));
                break;
            case SimulatedOutcome.Voicemail:
                events.Add(Event(call, "voicemail", answeredAt));
                events.Add(Event(call, "ended", answeredAt + call.Talk));
                break;
            case SimulatedOutcome.Answered:
                events.Add(Event(call, "answered", answeredAt));
                var end = answeredAt + call.Talk + call.Hold;
                if (call.Hold > Duration.Zero)
                {
                    // The secretary puts the caller on hold a third of the way through, to check the agenda.
                    var heldAt = answeredAt + Duration.FromTicks(call.Talk.BclCompatibleTicks / 3);
                    events.Add(Event(call, "held", heldAt));
                    events.Add(Event(call, "resumed", heldAt + call.Hold));
                }
                events.Add(Event(call, "ended", end));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(call), call.Outcome, null);
        }
        return events;
    }

    /// <summary>The JSON body the API expects; <c>at</c> in UTC with its offset (…Z).</summary>
    public static string ToJson(CallEventMessage e) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"eventId":"{{e.EventId}}","callId":"{{e.CallId}}","type":"{{e.Type}}","from":"{{e.From}}","to":"{{e.To}}","at":"{{NodaTime.Text.InstantPattern.ExtendedIso.Format(e.At)}}"}""");

    private static CallEventMessage Event(SimulatedCall call, string type, Instant at) =>
        new(Guid.CreateVersion7(), call.CallId, type, call.From, call.To, at);
}
