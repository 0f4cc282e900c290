using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Quality;

/// <summary>How an inbound call ended, for the figures.</summary>
public enum KpiOutcome
{
    Answered,

    /// <summary>The caller hung up before anyone answered.</summary>
    Abandoned,

    /// <summary>Sent to voicemail (after hours, or overflow).</summary>
    Voicemail,
}

/// <summary>
/// What the quality figures need of one inbound call. Times are instants; the practice's zone turns them into hours
/// of the week. A transferred call is one call, credited to the secretary who answered it.
/// </summary>
/// <param name="InServiceHours">Whether it rang while the secretariat answers for the practice.</param>
/// <param name="CallbackCreated">The call left a callback task (the practice must call back).</param>
/// <param name="Satisfaction">Post-call survey score 1–5, when the caller answered it.</param>
public sealed record KpiCall(
    Guid CallId,
    PracticeId? PracticeId,
    StaffUserId? AgentId,
    string Line,
    string From,
    Instant RingingAt,
    KpiOutcome Outcome,
    Duration Wait,
    Duration Talk,
    Duration Hold,
    Duration WrapUp,
    bool InServiceHours,
    string? Category = null,
    string? Urgency = null,
    bool CallbackCreated = false,
    int? Satisfaction = null);

/// <summary>Booked appointments of the period and how many were corrected because of a scheduling error.</summary>
public sealed record SchedulingErrorCount(int Booked, int CorrectedForError);

/// <summary>Thresholds of the figures; defaults as documented in docs/kpis.md.</summary>
public sealed record KpiOptions
{
    /// <summary>Answered within this wait counts for the service level (15 s ≈ 3 rings).</summary>
    public Duration ServiceLevelThreshold { get; init; } = Duration.FromSeconds(15);

    /// <summary>Abandons shorter than this are wrong numbers or instant hang-ups, reported apart.</summary>
    public Duration ShortAbandonThreshold { get; init; } = Duration.FromSeconds(5);

    /// <summary>A call from the same number to the same practice within this window after a previous one is a repeat.</summary>
    public Duration RepeatWindow { get; init; } = Duration.FromHours(24);

    /// <summary>The share of calls to answer within <see cref="ServiceLevelThreshold"/>: the review's target and the staffing plans'.</summary>
    public double ServiceLevelTarget { get; init; } = DefaultServiceLevelTarget;

    public const double DefaultServiceLevelTarget = 0.8;

    /// <summary>The zone hours of the week are read in (the practice's).</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Europe/Paris"];
}
