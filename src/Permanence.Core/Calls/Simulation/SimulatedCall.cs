using NodaTime;

namespace Permanence.Core.Calls.Simulation;

/// <summary>The request a simulated caller makes; the codes are the call categories of the triage engine.</summary>
public sealed record CallMixEntry(string Category, double Weight, Duration MeanTalk, double UrgentShare);

/// <summary>
/// One generated call: who dials which number when, and how it goes (answered after a wait, talk and hold time, or
/// abandoned; a voicemail after hours).
/// </summary>
public sealed record SimulatedCall(
    Guid CallId,
    string From,
    string To,
    Instant RingingAt,
    string Category,
    bool Urgent,
    SimulatedOutcome Outcome,
    Duration Wait,
    Duration Talk,
    Duration Hold);

/// <summary>How a simulated call ends.</summary>
public enum SimulatedOutcome
{
    Answered,
    AbandonedBeforeAnswer,
    Voicemail,
}
