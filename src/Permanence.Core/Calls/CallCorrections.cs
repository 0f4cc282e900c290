using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Patients;
using Permanence.Core.Practices;

namespace Permanence.Core.Calls;

public sealed record CallCorrectionInput(string? Field, string? NewValue, string? Reason);

/// <summary>
/// Appends corrections to a wrapped-up call; each names a field of the record, the new value and why. A correction of
/// what the call is counted as (<see cref="CountedFields"/>: urgency, category, disposition) replaces the call's value,
/// so search, export and the quality figures count the corrected call, and keeps the value it replaced. What was said
/// or noted on the call (identity, numbers, texts) stays as recorded, the correction shown next to it.
/// </summary>
public static class CallCorrections
{
    /// <summary>The fields whose correction replaces the call's value.</summary>
    public static readonly IReadOnlySet<string> CountedFields = new HashSet<string>(StringComparer.Ordinal) { "urgency", "category", "disposition" };

    /// <summary>
    /// The record fields a correction may address, in the order of the script, with the check each new value must pass
    /// (given today's date in the practice's zone).
    /// </summary>
    private static readonly (string Name, Func<string, LocalDate, string?> Check)[] Checks =
    [
        ("callerName", (v, _) => v.Length <= CallScript.MaxNameLength ? null : $"At most {CallScript.MaxNameLength} characters."),
        ("callerBirthDate", (v, today) => InputParsing.TryDate(v) is not { } date ? "Expected a date as yyyy-MM-dd."
            : PatientValidation.IsPlausibleBirthDate(date, today) ? null : PatientValidation.PlausibleBirthDate),
        ("callbackNumber", (v, _) => PhoneNumber.TryParse(v) is not null ? null : "A valid phone number is required."),
        ("relation", (v, _) => v.Length <= CallScript.MaxNameLength ? null : $"At most {CallScript.MaxNameLength} characters."),
        ("reason", (_, _) => null),
        ("reformulation", (_, _) => null),
        ("urgency", (v, _) => CallCodes.TryUrgency(v) is not null ? null : $"Expected one of: {CallCodes.AllCodes<UrgencyLevel>(CallCodes.ToCode)}."),
        ("category", (v, _) => CallCodes.TryCategory(v) is not null ? null : $"Expected one of: {CallCodes.AllCodes<CallCategory>(CallCodes.ToCode)}."),
        ("closeSummary", (_, _) => null),
        ("disposition", (v, _) => CallCodes.TryDisposition(v) is not null ? null : $"Expected one of: {CallCodes.AllCodes<CallDisposition>(CallCodes.ToCode)}."),
    ];

    private static readonly Dictionary<string, Func<string, LocalDate, string?>> Fields = Checks.ToDictionary(c => c.Name, c => c.Check, StringComparer.Ordinal);

    /// <summary>The fields a correction may address, in the order of the script.</summary>
    public static readonly IReadOnlyList<string> FieldNames = [.. Checks.Select(c => c.Name)];

    /// <param name="today">The current date in the practice's zone, which a corrected birth date may not be after.</param>
    public static Result<CallCorrection> Append(Call call, CallCorrectionInput input, Instant now, LocalDate today, string by)
    {
        if (!call.IsWrappedUp)
        {
            return new ConflictError("The call is not wrapped up yet: edit the step itself.");
        }
        var errors = new ValidationErrors();
        var field = input.Field?.Trim() ?? "";
        var known = errors.Require(Fields.ContainsKey(field), "field", $"Expected one of: {string.Join(", ", FieldNames)}.");
        if (errors.RequireText("newValue", input.NewValue, CallScript.MaxTextLength) && known
            && Fields[field](input.NewValue!.Trim(), today) is { } problem)
        {
            errors.Add("newValue", problem);
        }
        errors.RequireText("reason", input.Reason, CallScript.MaxTextLength);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var previous = field switch
        {
            "urgency" => call.Urgency?.ToCode(),
            "category" => call.Category?.ToCode(),
            "disposition" => call.Disposition?.ToCode(),
            _ => null,
        };
        var newValue = input.NewValue!.Trim();
        var correction = new CallCorrection
        {
            CallId = call.Id,
            Field = field,
            NewValue = CountedFields.Contains(field) ? Replace(call, field, newValue)
                : field == "callbackNumber" ? PhoneNumber.TryParse(newValue)!.E164
                : newValue,
            PreviousValue = previous,
            Reason = input.Reason!.Trim(),
            At = now,
            By = by,
        };
        call.Corrections.Add(correction);
        return correction;
    }

    /// <summary>Sets the counted field to the checked code, and gives the code as the API spells it.</summary>
    private static string Replace(Call call, string field, string code)
    {
        switch (field)
        {
            case "urgency":
                var urgency = CallCodes.TryUrgency(code)!.Value;
                call.Urgency = urgency;
                return urgency.ToCode();
            case "category":
                var category = CallCodes.TryCategory(code)!.Value;
                call.Category = category;
                return category.ToCode();
            default:
                var disposition = CallCodes.TryDisposition(code)!.Value;
                call.Disposition = disposition;
                return disposition.ToCode();
        }
    }
}
