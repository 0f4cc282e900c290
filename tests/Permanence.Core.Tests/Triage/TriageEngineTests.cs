using Permanence.Core.Common;
using Permanence.Core.Triage;

namespace Permanence.Core.Tests.Triage;

public sealed class TriageEngineTests
{
    private static readonly TriageEngine Engine = TriageCorpus.Engine;

    private static TriageResult Evaluate(string text, Specialty specialty = Specialty.General, IReadOnlyList<CompiledPracticeOverride>? overrides = null) =>
        Engine.Evaluate(new TriageRequest(text, specialty, Overrides: overrides));

    [Fact]
    public void An_emergency_gives_the_samu_script_in_both_languages()
    {
        var result = Evaluate("Mon mari a une douleur dans la poitrine qui descend dans le bras gauche");

        result.Urgency.ShouldBe(Urgency.Emergency);
        result.Action.Code.ShouldBe("call_samu");
        result.Action.French.ShouldContain("composer immédiatement le 15 (ou le 112)");
        result.Action.English.ShouldContain("dial 15 (or 112)");
        result.Language.ShouldBe("fr");
    }

    [Fact]
    public void Suicidal_intent_gives_the_suicide_script()
    {
        var result = Evaluate("I want to end my life tonight");

        result.Urgency.ShouldBe(Urgency.Emergency);
        result.Action.Code.ShouldBe("call_samu_suicide");
        result.Language.ShouldBe("en");
    }

    [Fact]
    public void Signals_point_at_the_words_of_the_original_text()
    {
        const string text = "Bonjour, ma fille a des TACHES violettes sur les jambes";
        var signal = Evaluate(text).Signals.Single(s => s.RuleId == "EMR-PURPURA");

        text.Substring(signal.Start, signal.Length).ShouldBe(signal.Text);
        signal.Text.ShouldStartWith("TACHES violettes");
    }

    [Fact]
    public void The_same_words_weigh_more_in_cardiology_than_in_dermatology()
    {
        const string text = "J'ai des palpitations depuis ce matin";

        Evaluate(text, Specialty.Cardiology).Urgency.ShouldBe(Urgency.Urgent);
        Evaluate(text, Specialty.Dermatology).Urgency.ShouldBe(Urgency.SameDay);
    }

    [Fact]
    public void Swollen_ankles_are_same_day_in_cardiology_and_routine_elsewhere()
    {
        const string text = "I've got swollen ankles";

        Evaluate(text, Specialty.Cardiology).Urgency.ShouldBe(Urgency.SameDay);
        Evaluate(text, Specialty.General).Urgency.ShouldBe(Urgency.Routine);
    }

    [Fact]
    public void A_mixed_request_keeps_the_request_category_and_the_symptom_urgency()
    {
        var result = Evaluate("I'd like to cancel Thursday, and by the way I have chest pain and I'm sweating");

        result.Category.ShouldBe(TriageCategory.AppointmentCancel);
        result.Urgency.ShouldBe(Urgency.Emergency);
    }

    [Fact]
    public void A_booking_with_no_complaint_is_appointment_book()
    {
        var result = Evaluate("Je voudrais prendre rendez-vous pour mon vaccin contre la grippe");

        result.Category.ShouldBe(TriageCategory.AppointmentBook);
        result.Urgency.ShouldBe(Urgency.Routine);
        result.Action.Code.ShouldBe("standard_booking");
    }

    [Fact]
    public void Discounted_signals_are_shown_with_their_qualifier_and_no_weight()
    {
        var result = Evaluate("Pas de douleur à la poitrine, je voudrais renouveler mon ordonnance");

        result.Urgency.ShouldBe(Urgency.Routine);
        result.Category.ShouldBe(TriageCategory.Prescription);
        var chest = result.Signals.Single(s => s.RuleId == "URG-CHEST-PAIN");
        chest.Qualifier.ShouldBe(SignalQualifier.Negated);
        chest.Urgency.ShouldBeNull();
    }

    [Fact]
    public void An_empty_utterance_is_routine_other()
    {
        var result = Evaluate("");

        result.Urgency.ShouldBe(Urgency.Routine);
        result.Category.ShouldBe(TriageCategory.Other);
        result.Signals.ShouldBeEmpty();
    }

    [Fact]
    public void A_practice_override_raises_urgency_and_sets_its_category()
    {
        var compiled = PracticeTriageOverrideValidator.Validate(
            new PracticeTriageOverride("post-cataract", ["opéré de la cataracte"], "urgent", "clinical"), Engine);

        compiled.IsSuccess.ShouldBeTrue();
        var result = Evaluate("J'ai été opéré de la cataracte hier, j'ai un peu mal", Specialty.Ophthalmology, [compiled.Value!]);

        result.Urgency.ShouldBe(Urgency.Urgent);
        result.Signals.ShouldContain(s => s.RuleId == "PRACTICE-post-cataract");
    }

    [Fact]
    public void A_practice_override_never_lowers_a_built_in_emergency()
    {
        var result = PracticeTriageOverrideValidator.Validate(
            new PracticeTriageOverride("chest", ["douleur dans la poitrine avec sueurs"], "routine"), Engine);

        result.IsSuccess.ShouldBeFalse();
        var error = result.Error.ShouldBeOfType<ValidationError>();
        error.Fields["phrases[0]"].Single().ShouldContain("may raise, never silently lower");
        error.Fields["phrases[0]"].Single().ShouldContain("EMR-CHEST-PAIN-ASSOCIATED");
    }

    [Fact]
    public void An_invalid_practice_override_reports_every_field()
    {
        var result = PracticeTriageOverrideValidator.Validate(
            new PracticeTriageOverride("", ["  ", "ok"], "severe", "nonsense", "de"), Engine);

        var error = result.Error.ShouldBeOfType<ValidationError>();
        error.Fields.Keys.ShouldBe(["id", "urgency", "category", "language", "phrases[0]"], ignoreOrder: true);
        error.Fields["urgency"].Single().ShouldContain("Unknown urgency 'severe'");
    }

    [Fact]
    public void A_missing_phrase_or_one_holding_a_control_character_is_an_error_on_that_phrase()
    {
        var result = PracticeTriageOverrideValidator.Validate(
            new PracticeTriageOverride("post-cataract", [null!, "halos\u0000 autour des lumieres", "opéré de la cataracte"], "urgent"), Engine);

        result.Error.ShouldBeOfType<ValidationError>().Fields.Keys.ShouldBe(["phrases[0]", "phrases[1]"], ignoreOrder: true);
    }

    [Fact]
    public void The_engine_is_safe_to_share_between_threads()
    {
        var expected = Evaluate("she can't breathe and her lips are blue").Urgency;

        var results = Enumerable.Range(0, 64).AsParallel()
            .Select(_ => Evaluate("she can't breathe and her lips are blue").Urgency)
            .ToList();

        results.ShouldAllBe(u => u == expected);
    }
}
