using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Patients;
using Permanence.Core.Practices;

namespace Permanence.Core.Calls;

/// <summary>The steps of the call script a secretary records, plus the triage decision.</summary>
public enum CallStep
{
    Greeting,
    Identification,
    Reason,
    Reformulation,
    Action,
    Close,
    Triage,
}

/// <summary>The fields of one step; each step reads the ones it needs and ignores the rest.</summary>
public sealed record CallStepInput(
    string? SecretaryName = null,
    string? CallerName = null,
    string? CallerBirthDate = null,
    string? CallbackNumber = null,
    bool? CallerIsPatient = null,
    string? Relation = null,
    Guid? PatientId = null,
    string? Text = null,
    bool? Confirmed = null,
    string? ActionKind = null,
    Guid? TargetId = null,
    string? Note = null,
    string? SuggestedUrgency = null,
    string? SuggestedCategory = null,
    string? Urgency = null,
    string? Category = null,
    string? DowngradeReason = null);

/// <summary>
/// What the caller of the script must do besides saving: an urgency downgrade is audited, and so is an urgency raised
/// because a new reason made the engine suggest more than was chosen.
/// </summary>
public sealed record CallStepOutcome(bool UrgencyDowngraded, bool UrgencyRaisedByReason = false);

/// <param name="LinkedPatientExists">Whether the patient id given at identification belongs to the call's practice.</param>
/// <param name="EngineSuggestion">
/// The triage engine's suggestion for the reason recorded on the call (at the reason step of a call already triaged:
/// for the reason being recorded), when there is one.
/// </param>
/// <param name="ActionTargetExists">
/// Whether the action's target is, for its kind, an appointment or a practitioner message of the call's practice.
/// </param>
public sealed record CallScriptContext(Practice Practice, Instant Now, bool LinkedPatientExists, TriageSuggestion? EngineSuggestion = null,
    bool ActionTargetExists = false);

/// <summary>What the triage engine suggests for a reason, in the call record's codes.</summary>
public sealed record TriageSuggestion(UrgencyLevel Urgency, CallCategory Category);

/// <summary>
/// Rules of the six-step call script (accueil, identification, motif, reformulation, action, conclusion): each step
/// validates its whole input, applies it with a timestamp, and nothing is changed once the call is wrapped up.
/// </summary>
public static class CallScript
{
    public const int MaxTextLength = 4000;
    public const int MaxNameLength = 200;

    public static string ToCode(this CallStep step) => step switch
    {
        CallStep.Greeting => "greeting",
        CallStep.Identification => "identification",
        CallStep.Reason => "reason",
        CallStep.Reformulation => "reformulation",
        CallStep.Action => "action",
        CallStep.Close => "close",
        CallStep.Triage => "triage",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    public static CallStep? TryStep(string? code) =>
        Enum.GetValues<CallStep>().Cast<CallStep?>().FirstOrDefault(s => string.Equals(s!.Value.ToCode(), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>A wrapped-up record is evidence of what was said and done: it changes only through corrections.</summary>
    public static ConflictError RecordIsImmutableAfterWrapUp() =>
        new("The call is wrapped up; its record can no longer be edited. Append a correction instead.");

    public static ConflictError AlreadyWrappedUp() => new("The call is already wrapped up.");

    /// <summary>The appointment kinds point at an appointment; a message or a task at a practitioner message.</summary>
    public static bool TargetIsAnAppointment(CallActionKind kind) => kind switch
    {
        CallActionKind.AppointmentBooked or CallActionKind.AppointmentCancelled or CallActionKind.AppointmentMoved => true,
        CallActionKind.Message or CallActionKind.Task => false,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Lowering the urgency below the triage suggestion is allowed only with a stated reason.</summary>
    public static bool LoweringUrgencyNeedsAReason(UrgencyLevel? suggested, UrgencyLevel? chosen, string? reason) =>
        !IsDowngrade(suggested, chosen) || !string.IsNullOrWhiteSpace(reason);

    public static bool IsDowngrade(UrgencyLevel? suggested, UrgencyLevel? chosen) =>
        suggested is { } s && chosen is { } c && c < s;

    public static Result<CallStepOutcome> Apply(Call call, CallStep step, CallStepInput input, CallScriptContext context)
    {
        if (call.IsWrappedUp)
        {
            return RecordIsImmutableAfterWrapUp();
        }
        var errors = new ValidationErrors();
        var now = context.Now;
        switch (step)
        {
            case CallStep.Greeting:
                if (errors.RequireText("secretaryName", input.SecretaryName, Practice.MaxSecretaryNameLength))
                {
                    var greeting = context.Practice.RenderGreeting(input.SecretaryName!.Trim());
                    // Practice validation keeps a filled-in greeting within the record; one saved before that check may not fit.
                    if (errors.Require(greeting.Length <= PracticeValidation.MaxTextLength, "greeting",
                        $"Filled in, the practice's greeting exceeds {PracticeValidation.MaxTextLength} characters; a practice manager must shorten it."))
                    {
                        call.Greeting = greeting;
                        call.GreetedAt = now;
                    }
                }
                break;
            case CallStep.Identification:
                return Identify(call, input, context, errors);
            case CallStep.Reason:
                if (errors.RequireText("text", input.Text, MaxTextLength))
                {
                    call.Reason = input.Text!.Trim();
                    call.ReasonAt = now;
                    return new CallStepOutcome(false, Retriage(call, context.EngineSuggestion));
                }
                break;
            case CallStep.Reformulation:
                var hasText = errors.RequireText("text", input.Text, MaxTextLength);
                if (errors.Require(input.Confirmed is not null, "confirmed", "Say whether the caller validated the reformulation (true or false).") && hasText)
                {
                    call.Reformulation = input.Text!.Trim();
                    call.ReformulationConfirmed = input.Confirmed;
                    call.ReformulatedAt = now;
                }
                break;
            case CallStep.Action:
                var kind = CallCodes.TryActionKind(input.ActionKind);
                errors.Require(kind is not null, "actionKind", $"Expected one of: {CallCodes.AllCodes<CallActionKind>(CallCodes.ToCode)}.");
                if (errors.Require(input.TargetId is { } target && target != Guid.Empty, "targetId", "The id of the appointment, message or task is required.")
                    && kind is { } knownKind)
                {
                    errors.Require(context.ActionTargetExists, "targetId", ActionTargetMustBelongToThePractice(knownKind));
                }
                errors.OptionalText("note", input.Note, MaxTextLength);
                if (!errors.HasErrors)
                {
                    call.Actions.Add(new CallAction { CallId = call.Id, Kind = kind!.Value, TargetId = input.TargetId!.Value, Note = input.Note?.Trim() ?? "", At = now });
                }
                break;
            case CallStep.Close:
                if (errors.RequireText("text", input.Text, MaxTextLength))
                {
                    call.CloseSummary = input.Text!.Trim();
                    call.ClosedAt = now;
                }
                break;
            case CallStep.Triage:
                return Triage(call, input, context, errors);
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, null);
        }
        return errors.HasErrors ? errors.ToError() : new CallStepOutcome(false);
    }

    /// <summary>Closes the record with its disposition; wrap-up time runs from the end of the call.</summary>
    public static Result<Call> WrapUp(Call call, string? disposition, Instant now, string by)
    {
        if (call.IsWrappedUp)
        {
            return AlreadyWrappedUp();
        }
        var parsed = CallCodes.TryDisposition(disposition);
        if (parsed is null)
        {
            return ValidationError.For("disposition", $"Expected one of: {CallCodes.AllCodes<CallDisposition>(CallCodes.ToCode)}.");
        }
        call.Disposition = parsed;
        call.WrappedUpAt = now;
        call.WrappedUpBy = by;
        call.WrapUpSeconds = call.EndedAt is { } ended ? (int)Math.Round(Duration.Max(Duration.Zero, now - ended).TotalSeconds, MidpointRounding.AwayFromZero) : null;
        return call;
    }

    private static Result<CallStepOutcome> Identify(Call call, CallStepInput input, CallScriptContext context, ValidationErrors errors)
    {
        errors.RequireText("callerName", input.CallerName, MaxNameLength);
        LocalDate? birthDate = null;
        if (!string.IsNullOrWhiteSpace(input.CallerBirthDate))
        {
            birthDate = InputParsing.TryDate(input.CallerBirthDate);
            if (errors.Require(birthDate is not null, "callerBirthDate", "Expected a date as yyyy-MM-dd."))
            {
                var today = context.Now.InZone(context.Practice.TimeZone).Date;
                errors.Require(PatientValidation.IsPlausibleBirthDate(birthDate!.Value, today), "callerBirthDate", PatientValidation.PlausibleBirthDate);
            }
        }
        var callback = PracticeValidation.OptionalPhone(errors, "callbackNumber", input.CallbackNumber);
        errors.Require(input.CallerIsPatient is not null, "callerIsPatient", "Say whether the caller is the patient (true) or a third party (false).");
        if (input.CallerIsPatient == false)
        {
            errors.RequireText("relation", input.Relation, MaxNameLength);
        }
        errors.Require(input.PatientId is null || context.LinkedPatientExists, "patientId", "No such patient in this practice.");
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        call.CallerName = input.CallerName!.Trim();
        call.CallerBirthDate = birthDate;
        call.CallbackNumber = callback?.E164;
        call.CallerIsPatient = input.CallerIsPatient;
        call.CallerRelation = input.CallerIsPatient == false ? input.Relation!.Trim() : null;
        call.PatientId = input.PatientId is { } id ? new PatientId(id) : null;
        call.IdentifiedAt = context.Now;
        return new CallStepOutcome(false);
    }

    /// <summary>
    /// The suggestion the chosen urgency is compared with is the highest of the engine's (for the reason recorded on the
    /// call), the one given with the step and the one stored before: a client cannot lower it, so lowering the urgency
    /// always needs a reason and is always audited.
    /// </summary>
    private static Result<CallStepOutcome> Triage(Call call, CallStepInput input, CallScriptContext context, ValidationErrors errors)
    {
        var given = OptionalCode(errors, "suggestedUrgency", input.SuggestedUrgency, CallCodes.TryUrgency, CallCodes.AllCodes<UrgencyLevel>(CallCodes.ToCode));
        var suggestedUrgency = Highest(Highest(call.SuggestedUrgency, given), context.EngineSuggestion?.Urgency);
        var givenCategory = OptionalCode(errors, "suggestedCategory", input.SuggestedCategory, CallCodes.TryCategory, CallCodes.AllCodes<CallCategory>(CallCodes.ToCode));
        var suggestedCategory = context.EngineSuggestion?.Category ?? givenCategory ?? call.SuggestedCategory;
        var urgency = OptionalCode(errors, "urgency", input.Urgency, CallCodes.TryUrgency, CallCodes.AllCodes<UrgencyLevel>(CallCodes.ToCode)) ?? call.Urgency;
        var category = OptionalCode(errors, "category", input.Category, CallCodes.TryCategory, CallCodes.AllCodes<CallCategory>(CallCodes.ToCode)) ?? call.Category;
        errors.OptionalText("downgradeReason", input.DowngradeReason, MaxTextLength);
        var reason = string.IsNullOrWhiteSpace(input.DowngradeReason) ? null : input.DowngradeReason.Trim();
        var wasDowngraded = IsDowngrade(call.SuggestedUrgency, call.Urgency);
        var downgraded = IsDowngrade(suggestedUrgency, urgency);
        // A reason given earlier covers the same downgrade; a new or deeper one needs its own.
        var newDowngrade = downgraded && (!wasDowngraded || urgency != call.Urgency || suggestedUrgency != call.SuggestedUrgency);
        errors.Require(!newDowngrade || LoweringUrgencyNeedsAReason(suggestedUrgency, urgency, reason), "downgradeReason",
            "Lowering the urgency below the suggested level needs a reason.");
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        call.SuggestedUrgency = suggestedUrgency;
        call.SuggestedCategory = suggestedCategory;
        call.Urgency = urgency;
        call.Category = category;
        call.DowngradeReason = downgraded ? reason ?? call.DowngradeReason : null;
        call.TriagedAt = context.Now;
        return new CallStepOutcome(newDowngrade);
    }

    /// <summary>
    /// A reason recorded again after the triage step: the suggestion follows the engine for the new reason and never goes
    /// down. When the chosen urgency is then below it, it is raised to it, and a downgrade reason given for the old
    /// reason is dropped: lowering it again takes a new reason at the triage step. Returns whether it was raised.
    /// </summary>
    private static bool Retriage(Call call, TriageSuggestion? fresh)
    {
        if (call.TriagedAt is null || fresh is null || fresh.Urgency <= call.SuggestedUrgency)
        {
            return false;
        }
        call.SuggestedUrgency = fresh.Urgency;
        call.SuggestedCategory = fresh.Category;
        if (!IsDowngrade(call.SuggestedUrgency, call.Urgency))
        {
            return false;
        }
        call.Urgency = call.SuggestedUrgency;
        call.DowngradeReason = null;
        return true;
    }

    /// <summary>An action links the call to what it produced in the same practice, never to another practice's records.</summary>
    private static string ActionTargetMustBelongToThePractice(CallActionKind kind) => TargetIsAnAppointment(kind)
        ? "No appointment of this practice has this id."
        : "No message or task of this practice has this id.";

    private static UrgencyLevel? Highest(UrgencyLevel? a, UrgencyLevel? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static T? OptionalCode<T>(ValidationErrors errors, string field, string? code, Func<string?, T?> parse, string allowed) where T : struct
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        var parsed = parse(code);
        errors.Require(parsed is not null, field, $"Expected one of: {allowed}.");
        return parsed;
    }
}
