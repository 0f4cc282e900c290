using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;

namespace Permanence.Core.Routing;

/// <summary>An on-call shift as a practice manager enters it; instants are ISO 8601 with offset.</summary>
public sealed record OnCallShiftInput(string? Start, string? End, string? Number, string? Label, int? Priority, Guid? PractitionerId);

/// <summary>Checks an on-call shift: both ends given, the end after the start, a valid number, a label.</summary>
public static class OnCallShiftValidation
{
    public const int MaxLabelLength = 200;

    public static Result<StoredOnCallShift> Validate(OnCallShiftInput input, PracticeId practiceId, bool practitionerExists, Instant now)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new ValidationErrors();
        var start = ParseInstant(input.Start);
        var end = ParseInstant(input.End);
        errors.Require(start is not null, "start", "Expected an ISO 8601 instant with offset, e.g. 2026-11-28T20:00:00+01:00.");
        errors.Require(end is not null, "end", "Expected an ISO 8601 instant with offset, e.g. 2026-11-29T08:00:00+01:00.");
        errors.Require(start is null || end is null || end > start, "end", "The end must come after the start.");
        errors.Require(!string.IsNullOrWhiteSpace(input.Number), "number", "Required: the number calls are forwarded to.");
        var number = PracticeValidation.OptionalPhone(errors, "number", input.Number);
        errors.Require(!string.IsNullOrWhiteSpace(input.Label) && input.Label.Trim().Length <= MaxLabelLength, "label",
            $"Required, at most {MaxLabelLength} characters (\"Dr Moreau\", \"SOS Médecins\").");
        errors.RequireNoControlCharactersInFreeText("label", input.Label);
        errors.Require(input.Priority is null or >= 0 and <= 100, "priority", "Between 0 and 100; lower wins when shifts overlap.");
        errors.Require(input.PractitionerId is null || practitionerExists, "practitionerId", "No such practitioner in this practice.");
        if (errors.HasErrors || number is null)
        {
            return errors.ToError();
        }
        return new StoredOnCallShift
        {
            PracticeId = practiceId,
            Start = start!.Value,
            End = end!.Value,
            Number = number.E164,
            Label = input.Label!.Trim(),
            Priority = input.Priority ?? 0,
            PractitionerId = input.PractitionerId is { } practitioner ? new PractitionerId(practitioner) : null,
            CreatedAt = now,
        };
    }

    private static Instant? ParseInstant(string? text) => InputParsing.TryOffsetInstant(text);
}
