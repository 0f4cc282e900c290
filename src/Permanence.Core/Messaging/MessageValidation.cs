using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Practices;

namespace Permanence.Core.Messaging;

public sealed record MessageInput(
    Guid? PractitionerId, string? Kind, string? Subject, string? Body, string? Priority, Guid? PatientId, string? CallbackNumber, Guid? CallId,
    string? Medicines, string? Dosage, string? Pharmacy, string? LastConsultation);

/// <summary>What the practice knows that a message input must agree with.</summary>
/// <param name="PractitionerIsActive">The owner is an active practitioner of the practice.</param>
/// <param name="PatientExists">The patient, when given, belongs to the practice.</param>
/// <param name="CallExists">The call, when given, belongs to the practice.</param>
/// <param name="Practice">With its opening hours and closures: they set a routine item's due day.</param>
public sealed record MessageContext(Practice Practice, Instant Now, string By, bool PractitionerIsActive, bool PatientExists, bool CallExists);

/// <summary>Validates a new message or task; a prescription renewal needs the medicines, a callback needs a number.</summary>
public static class MessageValidation
{
    public static Result<PractitionerMessage> Create(MessageInput input, MessageContext context)
    {
        var errors = new ValidationErrors();
        errors.Require(input.PractitionerId is not null && context.PractitionerIsActive, "practitionerId", "An active practitioner of this practice is required.");
        var kind = MessageCodes.TryKind(input.Kind);
        errors.Require(kind is not null, "kind", "Expected message, prescription_renewal, results_callback or callback.");
        errors.RequireText("subject", input.Subject, CallScript.MaxNameLength);
        errors.OptionalText("body", input.Body, CallScript.MaxTextLength);
        var priority = CallCodes.TryUrgency(input.Priority);
        errors.Require(priority is not null, "priority", $"Expected one of: {CallCodes.AllCodes<UrgencyLevel>(CallCodes.ToCode)}.");
        errors.Require(input.PatientId is null || context.PatientExists, "patientId", "No such patient in this practice.");
        errors.Require(input.CallId is null || context.CallExists, "callId", "No such call in this practice.");
        var callback = PracticeValidation.OptionalPhone(errors, "callbackNumber", input.CallbackNumber);
        if (kind is MessageKind.Callback or MessageKind.ResultsCallback)
        {
            errors.Require(!string.IsNullOrWhiteSpace(input.CallbackNumber), "callbackNumber", "A callback needs the number to call.");
        }
        if (kind is MessageKind.PrescriptionRenewal)
        {
            errors.RequireText("medicines", input.Medicines, CallScript.MaxTextLength);
        }
        else
        {
            // Kept with any kind of item, so checked with any kind.
            errors.OptionalText("medicines", input.Medicines, CallScript.MaxTextLength);
        }
        errors.OptionalText("dosage", input.Dosage, CallScript.MaxTextLength);
        errors.OptionalText("pharmacy", input.Pharmacy, CallScript.MaxNameLength);
        LocalDate? lastConsultation = null;
        if (!string.IsNullOrWhiteSpace(input.LastConsultation))
        {
            lastConsultation = InputParsing.TryDate(input.LastConsultation);
            errors.Require(lastConsultation is not null, "lastConsultation", "Expected a date as yyyy-MM-dd.");
        }
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var message = new PractitionerMessage
        {
            PracticeId = context.Practice.Id,
            PractitionerId = new PractitionerId(input.PractitionerId!.Value),
            Kind = kind!.Value,
            Subject = input.Subject!.Trim(),
            Body = input.Body?.Trim() ?? "",
            Priority = priority!.Value,
            PatientId = input.PatientId is { } patient ? new PatientId(patient) : null,
            CallbackNumber = callback?.E164,
            CallId = input.CallId is { } call ? new CallId(call) : null,
            Medicines = Clean(input.Medicines),
            Dosage = Clean(input.Dosage),
            Pharmacy = Clean(input.Pharmacy),
            LastConsultation = lastConsultation,
            Status = MessageStatus.New,
            CreatedAt = context.Now,
            CreatedBy = context.By,
            DueAt = MessageDueTime.For(priority.Value, context.Now, context.Practice),
        };
        message.Log("created", context.Now, context.By, $"{kind.Value.ToCode()} {priority.Value.ToCode()}");
        return message;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
