using System.Net.Mail;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;

namespace Permanence.Core.Practices;

/// <summary>
/// Validates practice configuration inputs and applies them to entities. Every field error is reported at once;
/// nothing is applied unless the whole input is valid.
/// </summary>
public static class PracticeValidation
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;

    /// <summary>Bounds of the longest wait in the secretariat's line before a call overflows (15 s to 30 min; 2 min by default).</summary>
    public const int MinQueueWaitSeconds = 15;
    public const int MaxQueueWaitSeconds = 1800;
    public const int DefaultQueueWaitSeconds = 120;

    public static Result<Practice> Apply(PracticeInput input, Practice? existing = null)
    {
        var errors = new ValidationErrors();
        errors.RequireText("name", input.Name, MaxNameLength);
        errors.RequireText("greetingText", input.GreetingText, MaxTextLength);
        if (!string.IsNullOrWhiteSpace(input.GreetingText) && !string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Require(GreetingMustFitTheCallRecord(input.GreetingText.Trim(), input.Name.Trim()), "greetingText",
                $"Filled in with the practice's name and a secretary's name of up to {Practice.MaxSecretaryNameLength} characters, the "
                + $"greeting must stay within {MaxTextLength} characters: shorten it or use {{practice}} and {{secretary}} fewer times.");
        }
        var specialty = SpecialtyCodes.TryParse(input.Specialty);
        errors.Require(specialty is not null, "specialty", $"Unknown specialty; expected one of: {string.Join(", ", SpecialtyCodes.All)}.");
        errors.Require(TimeZones.TryGet(input.TimeZone) is not null, "timeZone", "Unknown IANA time zone (e.g. Europe/Paris, America/Martinique).");
        var routine = PhoneNumber.TryParse(input.RoutineNumber);
        errors.Require(routine is not null, "routineNumber", "A valid phone number is required (E.164 or French national form).");
        var urgent = OptionalPhone(errors, "urgentNumber", input.UrgentNumber);
        if (urgent is not null && routine is not null && urgent == routine)
        {
            errors.Add("urgentNumber", "The urgent line must differ from the routine line.");
        }
        var policy = input.AfterHoursPolicy is null ? AfterHoursPolicy.VoicemailToMessage : InputParsing.TryAfterHoursPolicy(input.AfterHoursPolicy);
        errors.Require(policy is not null, "afterHoursPolicy", "Expected automated_assistant, voicemail_to_message, forward_to_on_call or emergency_announcement.");
        var forward = OptionalPhone(errors, "afterHoursForwardNumber", input.AfterHoursForwardNumber);
        errors.Require(input.QueueMaximumWaitSeconds is null or >= MinQueueWaitSeconds and <= MaxQueueWaitSeconds, "queueMaximumWaitSeconds",
            $"Must be between {MinQueueWaitSeconds} and {MaxQueueWaitSeconds} seconds.");
        var overflow = input.QueueOverflow is null ? QueueOverflowPolicy.VoicemailToMessage : InputParsing.TryQueueOverflow(input.QueueOverflow);
        errors.Require(overflow is not null, "queueOverflow", "Expected voicemail_to_message or callback_task.");
        errors.OptionalText("address", input.Address, MaxTextLength);
        errors.OptionalText("accessInstructions", input.AccessInstructions, MaxTextLength);
        ValidateDocuments(errors, "documentsToBring", input.DocumentsToBring);
        var delivery = input.MessageDelivery;
        if (delivery?.UrgentAcknowledgementMinutes is { } minutes)
        {
            errors.Require(minutes is >= 1 and <= 1440, "messageDelivery.urgentAcknowledgementMinutes", "Must be between 1 and 1440 minutes.");
        }
        OptionalEmail(errors, "messageDelivery.practiceEmail", delivery?.PracticeEmail);
        errors.Require(input.SlotStepMinutes is null or >= 5 and <= 240, "slotStepMinutes", "Slot step must be between 5 and 240 minutes, or absent for each type's duration.");
        errors.Require((input.SqueezeInRoles ?? []).All(r => Staff.StaffRoles.TryParse(r) is not null), "squeezeInRoles",
            "Unknown role; expected administrator, supervisor, secretary, practitioner or practice_manager.");

        if (errors.HasErrors)
        {
            return errors.ToError();
        }

        var practice = existing ?? new Practice
        {
            Name = "",
            GreetingText = "",
            TimeZoneId = "",
            RoutineNumber = "",
        };
        practice.Name = input.Name!.Trim();
        practice.GreetingText = input.GreetingText!.Trim();
        practice.Specialty = specialty!.Value;
        practice.TimeZoneId = input.TimeZone!.Trim();
        practice.Address = input.Address?.Trim() ?? "";
        practice.AccessInstructions = input.AccessInstructions?.Trim() ?? "";
        practice.RoutineNumber = routine!.E164;
        practice.UrgentNumber = urgent?.E164;
        practice.AfterHoursPolicy = policy!.Value;
        practice.AfterHoursForwardNumber = forward?.E164;
        practice.QueueMaximumWaitSeconds = input.QueueMaximumWaitSeconds ?? DefaultQueueWaitSeconds;
        practice.QueueOverflow = overflow!.Value;
        practice.ObservesAlsaceMosellePublicHolidays = input.ObservesAlsaceMosellePublicHolidays ?? false;
        practice.DocumentsToBring = Clean(input.DocumentsToBring);
        practice.ClosedOnPublicHolidays = input.ClosedOnPublicHolidays ?? true;
        practice.SlotStepMinutes = input.SlotStepMinutes;
        practice.OffersSatisfactionSurvey = input.OffersSatisfactionSurvey ?? false;
        practice.SqueezeInRoles = [.. (input.SqueezeInRoles ?? []).Select(r => Staff.StaffRoles.ToCode(Staff.StaffRoles.TryParse(r)!.Value)).Distinct()];
        practice.MessageDelivery = new MessageDeliveryPreferences
        {
            ByEmail = delivery?.ByEmail ?? true,
            UrgentBySms = delivery?.UrgentBySms ?? true,
            UrgentAcknowledgementMinutes = delivery?.UrgentAcknowledgementMinutes ?? 15,
            PracticeEmail = string.IsNullOrWhiteSpace(delivery?.PracticeEmail) ? null : delivery.PracticeEmail.Trim(),
        };
        return practice;
    }

    public static Result<Practitioner> Apply(PractitionerInput input, PracticeId practiceId, Practitioner? existing = null)
    {
        var errors = new ValidationErrors();
        errors.RequireText("displayName", input.DisplayName, MaxNameLength);
        var specialty = SpecialtyCodes.TryParse(input.Specialty);
        errors.Require(specialty is not null, "specialty", $"Unknown specialty; expected one of: {string.Join(", ", SpecialtyCodes.All)}.");
        Rpps? rpps = null;
        if (!string.IsNullOrWhiteSpace(input.Rpps))
        {
            rpps = Rpps.TryParse(input.Rpps);
            errors.Require(rpps is not null, "rpps", "An RPPS number has exactly 11 digits.");
        }
        var urgentContact = OptionalPhone(errors, "urgentContactNumber", input.UrgentContactNumber);
        OptionalEmail(errors, "email", input.Email);
        errors.OptionalText("preferences", input.Preferences, MaxTextLength);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }

        var practitioner = existing ?? new Practitioner { DisplayName = "" };
        practitioner.PracticeId = practiceId;
        practitioner.DisplayName = input.DisplayName!.Trim();
        practitioner.Specialty = specialty!.Value;
        practitioner.Rpps = rpps?.Value;
        practitioner.UrgentContactNumber = urgentContact?.E164;
        practitioner.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        practitioner.Preferences = input.Preferences?.Trim() ?? "";
        practitioner.IsActive = input.IsActive ?? true;
        return practitioner;
    }

    /// <param name="practitionersOfPractice">Ids of the practice's practitioners; allowed practitioners must be among them.</param>
    public static Result<AppointmentType> Apply(AppointmentTypeInput input, PracticeId practiceId,
        IReadOnlySet<PractitionerId> practitionersOfPractice, AppointmentType? existing = null)
    {
        var errors = new ValidationErrors();
        errors.RequireText("name", input.Name, MaxNameLength);
        errors.Require(input.DurationMinutes is >= 5 and <= 480, "durationMinutes", "Duration must be between 5 and 480 minutes.");
        errors.Require(input.BufferBeforeMinutes is null or >= 0 and <= 120, "bufferBeforeMinutes", "Buffer must be between 0 and 120 minutes.");
        errors.Require(input.BufferAfterMinutes is null or >= 0 and <= 120, "bufferAfterMinutes", "Buffer must be between 0 and 120 minutes.");
        errors.Require(input.MinimumNoticeMinutes is null or >= 0 and <= 43200, "minimumNoticeMinutes", "Notice must be between 0 and 43200 minutes (30 days).");
        errors.Require(input.BookingHorizonDays is null or >= 1 and <= 730, "bookingHorizonDays", "Horizon must be between 1 and 730 days.");
        errors.Require(input.MaxPerDayPerPractitioner is null or >= 1 and <= 200, "maxPerDayPerPractitioner", "Daily cap must be between 1 and 200, or absent for no cap.");
        var channel = input.Channel is null ? AppointmentChannel.InPerson : InputParsing.TryChannel(input.Channel);
        errors.Require(channel is not null, "channel", "Expected in_person, video or home_visit.");
        var allowed = (input.AllowedPractitionerIds ?? []).Select(id => new PractitionerId(id)).Distinct().ToList();
        errors.Require(allowed.All(practitionersOfPractice.Contains), "allowedPractitionerIds", "Every allowed practitioner must belong to this practice.");
        errors.OptionalText("preparationInstructions", input.PreparationInstructions, MaxTextLength);
        ValidateDocuments(errors, "documentsToBring", input.DocumentsToBring);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }

        var type = existing ?? new AppointmentType { Name = "" };
        type.PracticeId = practiceId;
        type.Name = input.Name!.Trim();
        type.DurationMinutes = input.DurationMinutes!.Value;
        type.BufferBeforeMinutes = input.BufferBeforeMinutes ?? 0;
        type.BufferAfterMinutes = input.BufferAfterMinutes ?? 0;
        type.MinimumNoticeMinutes = input.MinimumNoticeMinutes ?? 0;
        type.BookingHorizonDays = input.BookingHorizonDays ?? 90;
        type.MaxPerDayPerPractitioner = input.MaxPerDayPerPractitioner;
        type.NewPatientsAllowed = input.NewPatientsAllowed ?? true;
        type.Channel = channel!.Value;
        type.AllowedPractitioners = allowed;
        type.PreparationInstructions = input.PreparationInstructions?.Trim() ?? "";
        type.DocumentsToBring = Clean(input.DocumentsToBring);
        type.IsActive = input.IsActive ?? true;
        return type;
    }

    /// <summary>Validates a full weekly schedule (it replaces the previous one as a whole).</summary>
    public static Result<List<OpeningHoursRange>> Apply(IReadOnlyList<OpeningHoursInput>? input, PracticeId practiceId)
    {
        var errors = new ValidationErrors();
        if (input is null)
        {
            return ValidationError.For("ranges", "A list of opening ranges is required (it may be empty).");
        }
        errors.Require(input.Count <= 50, "ranges", "At most 50 weekly ranges.");
        var parsed = new List<(NodaTime.IsoDayOfWeek Day, NodaTime.LocalTime Start, NodaTime.LocalTime End)>();
        for (var i = 0; i < input.Count; i++)
        {
            var day = InputParsing.TryDay(input[i].Day);
            var start = InputParsing.TryTime(input[i].Start);
            var end = InputParsing.TryTime(input[i].End);
            errors.Require(day is not null, $"ranges[{i}].day", "Expected a day name: monday … sunday.");
            errors.Require(start is not null, $"ranges[{i}].start", "Expected a time as HH:mm.");
            errors.Require(end is not null, $"ranges[{i}].end", "Expected a time as HH:mm.");
            if (day is null || start is null || end is null)
            {
                continue;
            }
            if (errors.Require(OpeningHoursRules.RangeMustEndAfterItStarts(start.Value, end.Value), $"ranges[{i}].end", "End must be after start on the same day."))
            {
                parsed.Add((day.Value, start.Value, end.Value));
            }
        }
        foreach (var (first, second) in OpeningHoursRules.OverlappingRanges(parsed))
        {
            errors.Add("ranges", $"Ranges {InputParsing.DayCode(parsed[first].Day)} {parsed[first].Start:HH:mm}–{parsed[first].End:HH:mm} and {parsed[second].Start:HH:mm}–{parsed[second].End:HH:mm} overlap.");
        }
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        return parsed.OrderBy(r => r.Day).ThenBy(r => r.Start)
            .Select(r => new OpeningHoursRange { PracticeId = practiceId, Day = r.Day, Start = r.Start, End = r.End })
            .ToList();
    }

    public static Result<PracticeClosure> Apply(ClosureInput input, PracticeId practiceId)
    {
        var errors = new ValidationErrors();
        var first = InputParsing.TryDate(input.FirstDay);
        var last = InputParsing.TryDate(input.LastDay);
        errors.Require(first is not null, "firstDay", "Expected a date as yyyy-MM-dd.");
        errors.Require(last is not null, "lastDay", "Expected a date as yyyy-MM-dd.");
        if (first is not null && last is not null)
        {
            errors.Require(last >= first, "lastDay", "The last day must not be before the first day.");
            errors.Require(NodaTime.Period.Between(first.Value, last.Value, NodaTime.PeriodUnits.Days).Days <= 366, "lastDay", "A closure lasts at most one year.");
        }
        errors.OptionalText("reason", input.Reason, MaxNameLength);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        return new PracticeClosure { PracticeId = practiceId, FirstDay = first!.Value, LastDay = last!.Value, Reason = input.Reason?.Trim() ?? "" };
    }

    public static Result<PlaybookEntry> Apply(PlaybookEntryInput input, PracticeId practiceId, PlaybookEntry? existing = null)
    {
        var errors = new ValidationErrors();
        errors.RequireText("question", input.Question, MaxNameLength * 2);
        errors.RequireText("answer", input.Answer, MaxTextLength);
        errors.Require(input.Order is null or >= 0 and <= 10000, "order", "Order must be between 0 and 10000.");
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var entry = existing ?? new PlaybookEntry { Question = "", Answer = "" };
        entry.PracticeId = practiceId;
        entry.Question = input.Question!.Trim();
        entry.Answer = input.Answer!.Trim();
        entry.Order = input.Order ?? entry.Order;
        return entry;
    }

    /// <summary>
    /// The greeting, filled in with the practice's name and the longest secretary's name, fits the greeting of a call
    /// record: the greeting step, taken while the caller listens, is never refused for its length.
    /// </summary>
    public static bool GreetingMustFitTheCallRecord(string greetingText, string practiceName) =>
        Practice.RenderGreeting(greetingText, practiceName, new string('x', Practice.MaxSecretaryNameLength)).Length <= MaxTextLength;

    public static PhoneNumber? OptionalPhone(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var number = PhoneNumber.TryParse(value);
        errors.Require(number is not null, field, "Not a valid phone number (E.164 or French national form).");
        return number;
    }

    public static void OptionalEmail(ValidationErrors errors, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && errors.RequireNoControlCharacters(field, value))
        {
            errors.Require(value.Length <= 254 && MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim(),
                field, "Not a valid e-mail address.");
        }
    }

    private static void ValidateDocuments(ValidationErrors errors, string field, IReadOnlyList<string>? documents)
    {
        if (documents is null)
        {
            return;
        }
        errors.Require(documents.Count <= 30, field, "At most 30 documents.");
        errors.Require(documents.All(d => !string.IsNullOrWhiteSpace(d) && d.Length <= MaxNameLength), field, $"Each document needs a name of at most {MaxNameLength} characters.");
        foreach (var document in documents)
        {
            // One error for the list, not one per bad name.
            if (!errors.RequireNoControlCharacters(field, document))
            {
                break;
            }
        }
    }

    private static List<string> Clean(IReadOnlyList<string>? values) =>
        values?.Select(v => v.Trim()).Where(v => v.Length > 0).ToList() ?? [];
}
