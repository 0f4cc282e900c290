using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Practices;

namespace Permanence.Core.Tests.Calls;

public sealed class CallScriptTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 9, 0);
    private static readonly LocalDate Today = new(2026, 11, 23);

    private static readonly Practice Practice = new()
    {
        Name = "Cabinet des Tilleuls",
        GreetingText = "{practice}, {secretary} à votre écoute",
        TimeZoneId = "Europe/Paris",
        RoutineNumber = "+33142860001",
    };

    private static Call NewCall() => new() { ProviderCallId = "c1", FromNumber = "+33612345678", ToNumber = Practice.RoutineNumber, PracticeId = Practice.Id };

    private static Result<CallStepOutcome> Apply(Call call, CallStep step, CallStepInput input) =>
        CallScript.Apply(call, step, input, new CallScriptContext(Practice, Now, LinkedPatientExists: false));

    [Fact]
    public void The_greeting_names_the_practice_and_the_secretary()
    {
        var call = NewCall();
        Apply(call, CallStep.Greeting, new CallStepInput(SecretaryName: "Julie")).IsSuccess.ShouldBeTrue();
        call.Greeting.ShouldBe("Cabinet des Tilleuls, Julie à votre écoute");
        call.GreetedAt.ShouldBe(Now);
    }

    [Fact]
    public void A_greeting_stored_before_its_length_was_checked_is_refused_rather_than_overflowing_the_record()
    {
        var practice = new Practice
        {
            Name = "Cabinet des Tilleuls",
            GreetingText = string.Concat(Enumerable.Repeat("{practice} ", 300)),
            TimeZoneId = "Europe/Paris",
            RoutineNumber = "+33142860001",
        };
        var call = NewCall();

        var refused = CallScript.Apply(call, CallStep.Greeting, new CallStepInput(SecretaryName: "Julie"),
            new CallScriptContext(practice, Now, LinkedPatientExists: false));

        refused.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldBe(["greeting"]);
        call.Greeting.ShouldBeNull();
    }

    [Theory]
    [InlineData("appointment_moved", "No appointment of this practice has this id.")]
    [InlineData("task", "No message or task of this practice has this id.")]
    public void An_action_whose_target_is_not_of_the_practice_is_refused_on_targetId_and_adds_nothing(string actionKind, string error)
    {
        var call = NewCall();

        var refused = Apply(call, CallStep.Action, new CallStepInput(ActionKind: actionKind, TargetId: Guid.NewGuid()));

        refused.Error.ShouldBeOfType<ValidationError>().Fields["targetId"].ShouldBe([error]);
        call.Actions.ShouldBeEmpty();
    }

    [Fact]
    public void An_action_whose_target_is_of_the_practice_is_added_with_its_time()
    {
        var call = NewCall();
        var target = Guid.NewGuid();

        var added = CallScript.Apply(call, CallStep.Action, new CallStepInput(ActionKind: "appointment_booked", TargetId: target),
            new CallScriptContext(Practice, Now, LinkedPatientExists: false, ActionTargetExists: true));

        added.IsSuccess.ShouldBeTrue();
        call.Actions.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => a.Kind.ShouldBe(CallActionKind.AppointmentBooked), a => a.TargetId.ShouldBe(target), a => a.At.ShouldBe(Now));
    }

    [Theory]
    [InlineData(CallStep.Reason, "text")]
    [InlineData(CallStep.Close, "text")]
    [InlineData(CallStep.Greeting, "secretaryName")]
    [InlineData(CallStep.Identification, "callerName")]
    public void A_step_text_with_a_nul_character_is_refused_on_its_field_and_changes_nothing(CallStep step, string field)
    {
        var call = NewCall();
        var input = new CallStepInput(SecretaryName: "Ju\0lie", CallerName: "Anne\0Martin", CallerIsPatient: true, Text: "Douleur\0 thoracique");

        var refused = Apply(call, step, input);

        refused.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain(field);
        (call.Greeting, call.CallerName, call.Reason, call.CloseSummary).ShouldBe((null, null, null, null));
    }

    [Fact]
    public void Free_text_of_a_step_keeps_its_line_breaks_and_tabs()
    {
        var call = NewCall();

        Apply(call, CallStep.Reason, new CallStepInput(Text: "Renouvellement :\r\n\t- Doliprane")).IsSuccess.ShouldBeTrue();

        call.Reason.ShouldBe("Renouvellement :\r\n\t- Doliprane");
    }

    [Fact]
    public void A_correction_with_a_control_character_is_refused()
    {
        var call = NewCall();
        CallScript.WrapUp(call, "resolved", Now, "julie");

        var refused = CallCorrections.Append(call, new CallCorrectionInput("reason", "Annulation\u001b", "Mal\0 entendu"), Now, Today, "julie");

        refused.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldBe(["newValue", "reason"], ignoreOrder: true);
        call.Corrections.ShouldBeEmpty();
    }

    [Fact]
    public void Lowering_the_suggested_urgency_without_a_reason_is_refused_and_changes_nothing()
    {
        var call = NewCall();
        Apply(call, CallStep.Triage, new CallStepInput(SuggestedUrgency: "emergency")).IsSuccess.ShouldBeTrue();
        var refused = Apply(call, CallStep.Triage, new CallStepInput(Urgency: "urgent"));
        refused.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldContain("downgradeReason");
        call.Urgency.ShouldBeNull();
    }

    [Fact]
    public void Lowering_with_a_reason_is_accepted_and_reported_as_a_downgrade_while_raising_is_free()
    {
        var call = NewCall();
        Apply(call, CallStep.Triage, new CallStepInput(SuggestedUrgency: "same_day")).Value!.UrgencyDowngraded.ShouldBeFalse();
        Apply(call, CallStep.Triage, new CallStepInput(Urgency: "urgent")).Value!.UrgencyDowngraded.ShouldBeFalse();
        var lowered = Apply(call, CallStep.Triage, new CallStepInput(Urgency: "routine", DowngradeReason: "Caller already seen this morning"));
        lowered.Value!.UrgencyDowngraded.ShouldBeTrue();
        call.Urgency.ShouldBe(UrgencyLevel.Routine);
        call.DowngradeReason.ShouldBe("Caller already seen this morning");
    }

    [Fact]
    public void A_wrapped_up_record_refuses_every_step()
    {
        var call = NewCall();
        CallScript.WrapUp(call, "resolved", Now, "julie").IsSuccess.ShouldBeTrue();
        foreach (var step in Enum.GetValues<CallStep>())
        {
            Apply(call, step, new CallStepInput(Text: "x")).Error.ShouldBeOfType<ConflictError>();
        }
    }

    [Fact]
    public void Corrections_are_only_for_wrapped_up_calls_and_check_the_new_value()
    {
        var call = NewCall();
        CallCorrections.Append(call, new CallCorrectionInput("reason", "x", "y"), Now, Today, "julie").Error.ShouldBeOfType<ConflictError>();
        CallScript.WrapUp(call, "resolved", Now, "julie");
        CallCorrections.Append(call, new CallCorrectionInput("urgency", "very", "misheard"), Now, Today, "julie").Error.ShouldBeOfType<ValidationError>();
        CallCorrections.Append(call, new CallCorrectionInput("urgency", "urgent", "misheard"), Now, Today, "julie").IsSuccess.ShouldBeTrue();
        call.Corrections.ShouldHaveSingleItem().Field.ShouldBe("urgency");
    }

    [Fact]
    public void A_correction_of_what_the_call_is_counted_as_replaces_the_value_and_keeps_the_one_it_replaced()
    {
        var call = NewCall();
        Apply(call, CallStep.Triage, new CallStepInput(Urgency: "routine", Category: "information")).IsSuccess.ShouldBeTrue();
        CallScript.WrapUp(call, "resolved", Now, "julie").IsSuccess.ShouldBeTrue();

        var first = CallCorrections.Append(call, new CallCorrectionInput("category", " Clinical ", "Chest pain mentioned"), Now, Today, "chef").Value!;
        var second = CallCorrections.Append(call, new CallCorrectionInput("category", "prescription", "Renewal after all"), Now, Today, "chef").Value!;
        var urgency = CallCorrections.Append(call, new CallCorrectionInput("urgency", "urgent", "Chest pain"), Now, Today, "chef").Value!;
        var disposition = CallCorrections.Append(call, new CallCorrectionInput("disposition", "message_taken", "A message was left"), Now, Today, "chef").Value!;

        (first.NewValue, first.PreviousValue).ShouldBe(("clinical", "information"));
        (second.NewValue, second.PreviousValue).ShouldBe(("prescription", "clinical"));
        (urgency.NewValue, urgency.PreviousValue).ShouldBe(("urgent", "routine"));
        (disposition.NewValue, disposition.PreviousValue).ShouldBe(("message_taken", "resolved"));
        (call.Category, call.Urgency, call.Disposition).ShouldBe((CallCategory.Prescription, UrgencyLevel.Urgent, CallDisposition.MessageTaken));
    }

    [Fact]
    public void A_correction_of_what_was_said_leaves_the_recorded_value()
    {
        var call = NewCall();
        Apply(call, CallStep.Reason, new CallStepInput(Text: "Renouvellement")).IsSuccess.ShouldBeTrue();
        CallScript.WrapUp(call, "resolved", Now, "julie").IsSuccess.ShouldBeTrue();

        var correction = CallCorrections.Append(call, new CallCorrectionInput("reason", "Annulation", "Misheard"), Now, Today, "chef").Value!;

        (correction.NewValue, correction.PreviousValue).ShouldBe(("Annulation", null));
        call.Reason.ShouldBe("Renouvellement");
    }

    [Fact]
    public void A_refused_correction_changes_nothing()
    {
        var call = NewCall();
        Apply(call, CallStep.Triage, new CallStepInput(Urgency: "routine")).IsSuccess.ShouldBeTrue();
        CallScript.WrapUp(call, "resolved", Now, "julie").IsSuccess.ShouldBeTrue();

        CallCorrections.Append(call, new CallCorrectionInput("urgency", "urgent", " "), Now, Today, "chef").Error.ShouldBeOfType<ValidationError>();

        call.Urgency.ShouldBe(UrgencyLevel.Routine);
        call.Corrections.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2026-11-24")]
    [InlineData("9999-12-31")]
    [InlineData("1850-01-01")]
    public void A_caller_birth_date_in_the_future_or_over_130_years_ago_is_refused_and_changes_nothing(string birthDate)
    {
        var call = NewCall();

        var refused = Apply(call, CallStep.Identification, new CallStepInput(CallerName: "Anne Martin", CallerBirthDate: birthDate, CallerIsPatient: true));

        refused.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldBe(["callerBirthDate"]);
        call.CallerName.ShouldBeNull();
        call.IdentifiedAt.ShouldBeNull();
    }

    [Fact]
    public void A_corrected_callback_number_is_kept_in_E164_like_the_recorded_one()
    {
        var call = NewCall();
        CallScript.WrapUp(call, "resolved", Now, "julie").IsSuccess.ShouldBeTrue();

        var correction = CallCorrections.Append(call, new CallCorrectionInput("callbackNumber", "06 11 22 33 44", "Misheard"), Now, Today, "chef").Value!;

        correction.NewValue.ShouldBe("+33611223344");
    }

    [Theory]
    [InlineData("2026-11-24")]
    [InlineData("0001-01-01")]
    public void A_correction_to_a_birth_date_in_the_future_or_over_130_years_ago_is_refused(string birthDate)
    {
        var call = NewCall();
        CallScript.WrapUp(call, "resolved", Now, "julie").IsSuccess.ShouldBeTrue();

        var refused = CallCorrections.Append(call, new CallCorrectionInput("callerBirthDate", birthDate, "Misheard"), Now, Today, "chef");

        refused.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldBe(["newValue"]);
        call.Corrections.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Lefèvre", "LEFEVRE")]
    [InlineData("  de la  Tour-Maubourg ", "DE LA TOUR MAUBOURG")]
    [InlineData("Müller", "MULLER")]
    [InlineData("N'Diaye", "NDIAYE")]
    [InlineData("D’Almeida", "DALMEIDA")]
    public void Caller_names_compare_without_case_accents_or_punctuation(string typed, string normalised) =>
        CallerNames.Normalize(typed).ShouldBe(normalised);
}
