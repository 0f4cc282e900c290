using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Quality;
using Permanence.Core.Routing;

namespace Permanence.Core.Calls;

/// <summary>
/// One telephone call: where it came from and went to, its timings derived from the provider's events, and the record
/// the secretary keeps along the six-step script (greet, identify, reason, reformulate, act, close). After wrap-up the
/// record is frozen; later changes are appended as <see cref="CallCorrection"/>s (those of urgency, category and
/// disposition replace the value, see <see cref="CallCorrections"/>).
/// </summary>
public sealed class Call
{
    public CallId Id { get; init; } = CallId.New();

    /// <summary>The provider's id of the call, unique across providers' events.</summary>
    public required string ProviderCallId { get; init; }

    /// <summary>Null when the dialed number belongs to no practice (see <see cref="DialedNumberUnknown"/>).</summary>
    public PracticeId? PracticeId { get; set; }

    public CallLine? Line { get; set; }

    /// <summary>The dialed number matched no practice line: the call is kept, flagged, and shown to administrators only.</summary>
    public bool DialedNumberUnknown { get; set; }

    /// <summary>Caller's number, E.164 when it parses, otherwise as reported (withheld, extension).</summary>
    public required string FromNumber { get; set; }

    public required string ToNumber { get; set; }

    public Instant StartedAt { get; set; }
    public Instant? AnsweredAt { get; set; }
    public Instant? EndedAt { get; set; }
    public CallOutcome Outcome { get; set; }

    /// <summary>Timings in whole seconds, derived from the events (see <see cref="CallTimeline"/>).</summary>
    public int? WaitSeconds { get; set; }

    public int? TalkSeconds { get; set; }
    public int HoldSeconds { get; set; }

    /// <summary>End of the call to wrap-up completion by the secretary.</summary>
    public int? WrapUpSeconds { get; set; }

    /// <summary>The secretary who took the call, as the provider reports it.</summary>
    public StaffUserId? AgentId { get; set; }

    public string? Greeting { get; set; }
    public Instant? GreetedAt { get; set; }

    public string? CallerName { get; set; }
    public LocalDate? CallerBirthDate { get; set; }

    /// <summary>E.164 number to call the caller back on.</summary>
    public string? CallbackNumber { get; set; }

    /// <summary>True when the caller is the patient; false for a third party (see <see cref="CallerRelation"/>).</summary>
    public bool? CallerIsPatient { get; set; }

    public string? CallerRelation { get; set; }
    public PatientId? PatientId { get; set; }
    public Instant? IdentifiedAt { get; set; }

    public string? Reason { get; set; }
    public Instant? ReasonAt { get; set; }

    public string? Reformulation { get; set; }

    /// <summary>Whether the caller agreed with the reformulation.</summary>
    public bool? ReformulationConfirmed { get; set; }

    public Instant? ReformulatedAt { get; set; }

    public List<CallAction> Actions { get; set; } = [];

    /// <summary>What the secretary told the caller happens next.</summary>
    public string? CloseSummary { get; set; }

    public Instant? ClosedAt { get; set; }

    /// <summary>Filled by the triage engine; the secretary's own choice is <see cref="Urgency"/>.</summary>
    public UrgencyLevel? SuggestedUrgency { get; set; }

    public CallCategory? SuggestedCategory { get; set; }
    public UrgencyLevel? Urgency { get; set; }
    public CallCategory? Category { get; set; }

    /// <summary>Why the secretary chose an urgency below the suggested one.</summary>
    public string? DowngradeReason { get; set; }

    public Instant? TriagedAt { get; set; }

    public CallDisposition? Disposition { get; set; }
    public Instant? WrappedUpAt { get; set; }
    public string? WrappedUpBy { get; set; }

    public List<CallCorrection> Corrections { get; set; } = [];

    /// <summary>Where the router sent the call when it came in (TwiML webhook), null for calls reported by events only.</summary>
    public RouteKind? RoutingKind { get; set; }

    /// <summary>The router's sentence explaining <see cref="RoutingKind"/>, e.g. "after hours: Saturday 21:40 Europe/Paris → on-call Dr Moreau".</summary>
    public string? RoutingReason { get; set; }

    /// <summary>Post-call satisfaction survey score, 1 (very unhappy) to 5 (very happy); null until the caller answers.</summary>
    public int? SatisfactionScore { get; set; }

    /// <summary>Where the survey was answered: the keypad after the call, or the e-mailed link.</summary>
    public SurveyChannel? SatisfactionChannel { get; set; }

    /// <summary>The caller's optional free text from the e-mailed survey.</summary>
    public string? SatisfactionComment { get; set; }

    public Instant? SatisfactionAnsweredAt { get; set; }

    public Instant CreatedAt { get; set; }

    /// <summary>
    /// Bumped each time the events are re-applied; a concurrency token, so two deliveries for one call cannot both
    /// save a state computed without the other's event.
    /// </summary>
    public int EventsVersion { get; set; }

    public bool IsWrappedUp => WrappedUpAt is not null;

    /// <summary>Copies the derived state of the events onto the call; recomputes wrap-up time if the end came late.</summary>
    public void Apply(CallTimeline timeline)
    {
        EventsVersion++;
        StartedAt = timeline.StartedAt;
        AnsweredAt = timeline.AnsweredAt;
        EndedAt = timeline.EndedAt;
        Outcome = timeline.Outcome;
        WaitSeconds = Seconds(timeline.Wait);
        TalkSeconds = Seconds(timeline.Talk);
        HoldSeconds = Seconds(timeline.Hold) ?? 0;
        AgentId = timeline.AgentId ?? AgentId;
        WrapUpSeconds = WrappedUpAt is { } wrapped && EndedAt is { } ended ? Seconds(Duration.Max(Duration.Zero, wrapped - ended)) : null;
    }

    private static int? Seconds(Duration? duration) =>
        duration is { } d ? (int)Math.Round(d.TotalSeconds, MidpointRounding.AwayFromZero) : null;
}

/// <summary>Something a call produced: an appointment booked, cancelled or moved, a message, a task (by id).</summary>
public sealed class CallAction
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public CallId CallId { get; set; }
    public CallActionKind Kind { get; init; }

    /// <summary>Id of the appointment, message or task in its own feature.</summary>
    public Guid TargetId { get; init; }

    public string Note { get; init; } = "";
    public Instant At { get; init; }
}

/// <summary>A change to a wrapped-up call record, appended with its reason (see <see cref="CallCorrections"/>).</summary>
public sealed class CallCorrection
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public CallId CallId { get; set; }
    public required string Field { get; init; }
    public required string NewValue { get; init; }

    /// <summary>For a field the correction replaced on the call, the value it had until then (null when it had none).</summary>
    public string? PreviousValue { get; init; }

    public required string Reason { get; init; }
    public Instant At { get; init; }
    public required string By { get; init; }
}
