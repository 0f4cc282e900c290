using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;

namespace Permanence.Core.Calls;

/// <summary>The body of a call event as a provider posts it.</summary>
public sealed record CallEventInput(string? EventId, string? CallId, string? Type, string? From, string? To, string? At, Guid? AgentId, string? TransferTo);

/// <summary>A call event whose fields passed validation; <see cref="DialedNumber"/> is null when <c>to</c> is no valid number.</summary>
public sealed record ValidCallEvent(string EventId, string ProviderCallId, CallEventType Type, string From, string To,
    PhoneNumber? DialedNumber, Instant At, StaffUserId? AgentId, string? TransferTo);

/// <summary>Checks a provider's call event. Numbers that do not parse are kept as reported, so nothing is lost.</summary>
public static class CallEventValidation
{
    public const int MaxIdLength = 128;
    public const int MaxNumberLength = 40;

    public static Result<ValidCallEvent> Validate(CallEventInput input)
    {
        var errors = new ValidationErrors();
        RequireId(errors, "eventId", input.EventId);
        RequireId(errors, "callId", input.CallId);
        var type = CallCodes.TryEventType(input.Type);
        errors.Require(type is not null, "type", $"Expected one of: {CallCodes.AllCodes<CallEventType>(CallCodes.ToCode)}.");
        // A withheld number may come as no caller id at all: the call is still logged, as "anonymous".
        errors.Require(input.From is null || input.From.Trim().Length <= MaxNumberLength, "from", $"At most {MaxNumberLength} characters.");
        errors.RequireNoControlCharacters("from", input.From);
        RequireNumberText(errors, "to", input.To);
        var at = InputParsing.TryOffsetInstant(input.At);
        errors.Require(at is not null, "at", $"Expected an ISO 8601 instant with offset {InputParsing.InstantRange}, e.g. 2026-11-23T09:15:00+01:00.");
        errors.Require(input.AgentId is null || input.AgentId != Guid.Empty, "agentId", "Expected a staff user id.");
        errors.Require(input.TransferTo is null || input.TransferTo.Trim().Length <= MaxNumberLength, "transferTo", $"At most {MaxNumberLength} characters.");
        errors.RequireNoControlCharacters("transferTo", input.TransferTo);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var from = string.IsNullOrWhiteSpace(input.From) ? CallerIds.Anonymous : input.From.Trim();
        var to = input.To!.Trim();
        var dialed = PhoneNumber.TryParse(to);
        return new ValidCallEvent(input.EventId!.Trim(), input.CallId!.Trim(), type!.Value,
            PhoneNumber.TryParse(from)?.E164 ?? from, dialed?.E164 ?? to, dialed, at!.Value,
            input.AgentId is { } agent ? new StaffUserId(agent) : null,
            string.IsNullOrWhiteSpace(input.TransferTo) ? null : PhoneNumber.TryParse(input.TransferTo)?.E164 ?? input.TransferTo.Trim());
    }

    private static void RequireId(ValidationErrors errors, string field, string? value)
    {
        errors.Require(!string.IsNullOrWhiteSpace(value) && value.Trim().Length <= MaxIdLength, field, $"Required, at most {MaxIdLength} characters.");
        errors.RequireNoControlCharacters(field, value);
    }

    private static void RequireNumberText(ValidationErrors errors, string field, string? value)
    {
        errors.Require(!string.IsNullOrWhiteSpace(value) && value.Trim().Length <= MaxNumberLength, field, $"Required, at most {MaxNumberLength} characters.");
        errors.RequireNoControlCharacters(field, value);
    }
}
