using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Practices;

namespace Permanence.Web.Calls;

public sealed record CallSummaryDto(
    Guid Id, Guid? PracticeId, string? Line, bool DialedNumberUnknown, string From, string To,
    Instant StartedAt, Instant? AnsweredAt, Instant? EndedAt, string Outcome,
    int? WaitSeconds, int? TalkSeconds, int HoldSeconds, int? WrapUpSeconds,
    Guid? AgentId, Guid? PatientId, string? SuggestedUrgency, string? SuggestedCategory, string? Urgency, string? Category,
    string? Disposition, Instant? WrappedUpAt);

public sealed record CallStepsDto(
    string? Greeting, Instant? GreetedAt,
    string? CallerName, string? CallerBirthDate, string? CallbackNumber, bool? CallerIsPatient, string? Relation, Guid? PatientId, Instant? IdentifiedAt,
    string? Reason, Instant? ReasonAt,
    string? Reformulation, bool? ReformulationConfirmed, Instant? ReformulatedAt,
    string? CloseSummary, Instant? ClosedAt,
    string? DowngradeReason, Instant? TriagedAt);

public sealed record CallActionDto(Guid Id, string Kind, Guid TargetId, string Note, Instant At);

public sealed record CallEventDto(string EventId, string Type, Instant At, Instant ReceivedAt, Guid? AgentId, string? TransferTo);

public sealed record CallCorrectionDto(Guid Id, string Field, string NewValue, string? PreviousValue, string Reason, Instant At, string By)
{
    public static CallCorrectionDto From(CallCorrection c) => new(c.Id, c.Field, c.NewValue, c.PreviousValue, c.Reason, c.At, c.By);
}

public sealed record CallDetailDto(CallSummaryDto Call, CallStepsDto Steps, List<CallActionDto> Actions, List<CallEventDto> Events,
    List<CallCorrectionDto> Corrections, string? WrappedUpBy);

public sealed record CallPage(List<CallSummaryDto> Items, int Page, int PageSize, int Total);

public sealed record WrapUpInput(string? Disposition);

internal static class CallMapping
{
    public static CallSummaryDto ToSummary(this Call c) => new(
        c.Id.Value, c.PracticeId?.Value, c.Line?.ToCode(), c.DialedNumberUnknown, c.FromNumber, c.ToNumber,
        c.StartedAt, c.AnsweredAt, c.EndedAt, c.Outcome.ToCode(),
        c.WaitSeconds, c.TalkSeconds, c.HoldSeconds, c.WrapUpSeconds,
        c.AgentId?.Value, c.PatientId?.Value, c.SuggestedUrgency?.ToCode(), c.SuggestedCategory?.ToCode(), c.Urgency?.ToCode(), c.Category?.ToCode(),
        c.Disposition?.ToCode(), c.WrappedUpAt);

    public static CallDetailDto ToDetail(this Call c, IEnumerable<CallEvent> events) => new(
        c.ToSummary(),
        new CallStepsDto(
            c.Greeting, c.GreetedAt,
            c.CallerName, c.CallerBirthDate is { } d ? InputParsing.DatePattern.Format(d) : null, c.CallbackNumber, c.CallerIsPatient, c.CallerRelation, c.PatientId?.Value, c.IdentifiedAt,
            c.Reason, c.ReasonAt,
            c.Reformulation, c.ReformulationConfirmed, c.ReformulatedAt,
            c.CloseSummary, c.ClosedAt,
            c.DowngradeReason, c.TriagedAt),
        [.. c.Actions.OrderBy(a => a.At).Select(a => new CallActionDto(a.Id, a.Kind.ToCode(), a.TargetId, a.Note, a.At))],
        [.. events.OrderBy(e => e.At).ThenBy(e => (int)e.Type).Select(e => new CallEventDto(e.EventId, e.Type.ToCode(), e.At, e.ReceivedAt, e.AgentId?.Value, e.TransferTo))],
        [.. c.Corrections.OrderBy(k => k.At).Select(CallCorrectionDto.From)],
        c.WrappedUpBy);
}
