using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Permanence.Core.Common;
using Permanence.Core.Triage;

namespace Permanence.Core.Tests.Triage;

/// <summary>Safety properties over utterances assembled from corpus sentences and symptom phrases.</summary>
public sealed class TriagePropertyTests
{
    private static readonly TriageEngine Engine = TriageCorpus.Engine;

    private static readonly string[] Sentences = [.. TriageCorpus.Cases.Select(c => c.Text)];

    private static readonly string[] Symptoms =
    [
        "douleur à la poitrine", "fièvre", "mal à respirer", "convulsions", "saignement", "idées suicidaires",
        "la bouche de travers", "des taches violettes", "chest pain", "fever", "trouble breathing", "a seizure",
        "bleeding", "suicidal thoughts", "a drooping face", "a purple rash", "vomiting", "palpitations",
    ];

    private static readonly string[] Negations =
    [
        "pas de {0}", "il n'a pas de {0}", "sans {0}", "aucun signe de {0}", "no {0}", "she doesn't have {0}", "without {0}", "denies {0}",
    ];

    private static readonly string[] EmergencySigns =
    [
        "il a une douleur dans la poitrine qui serre et il transpire", "elle ne respire plus", "il convulse",
        "she can't breathe and her lips are blue", "he collapsed and isn't responding", "her face is drooping and her speech is slurred",
        "je veux en finir", "I want to kill myself",
    ];

    private static readonly string[] ThirdPartyFramings =
    [
        "J'appelle pour ma mère. {0}", "C'est pour mon fils : {0}", "I'm calling about my husband. {0}", "It's for my dad, {0}",
    ];

    private static Gen<string> Pick(string[] values) => Gen.Elements(values);

    private static Urgency UrgencyOf(string text, Specialty specialty) => Engine.Evaluate(new TriageRequest(text, specialty)).Urgency;

    [Property(MaxTest = 300)]
    public Property Adding_a_negated_symptom_never_raises_urgency() =>
        Prop.ForAll(
            (from sentence in Pick(Sentences)
             from symptom in Pick(Symptoms)
             from negation in Pick(Negations)
             from specialty in Gen.Elements(Enum.GetValues<Specialty>())
             select (sentence, symptom, negation, specialty)).ToArbitrary(),
            c =>
            {
                var (sentence, symptom, negation, specialty) = c;
                var negated = string.Format(System.Globalization.CultureInfo.InvariantCulture, negation, symptom);
                return UrgencyOf(sentence + ". " + char.ToUpperInvariant(negated[0]) + negated[1..] + ".", specialty) <= UrgencyOf(sentence, specialty);
            });

    [Property(MaxTest = 300)]
    public Property Adding_an_emergency_sign_never_lowers_urgency() =>
        Prop.ForAll(
            (from sentence in Pick(Sentences)
             from sign in Pick(EmergencySigns)
             from specialty in Gen.Elements(Enum.GetValues<Specialty>())
             select (sentence, sign, specialty)).ToArbitrary(),
            c =>
            {
                var (sentence, sign, specialty) = c;
                var withSign = UrgencyOf(sentence + ". " + sign + ".", specialty);
                return withSign >= UrgencyOf(sentence, specialty) && withSign == Urgency.Emergency;
            });

    [Property(MaxTest = 300)]
    public Property A_third_party_framing_never_lowers_urgency() =>
        Prop.ForAll(
            (from sentence in Pick(Sentences)
             from framing in Pick(ThirdPartyFramings)
             from specialty in Gen.Elements(Enum.GetValues<Specialty>())
             select (sentence, framing, specialty)).ToArbitrary(),
            c =>
            {
                var (sentence, framing, specialty) = c;
                var framed = string.Format(System.Globalization.CultureInfo.InvariantCulture, framing, sentence);
                return UrgencyOf(framed, specialty) >= UrgencyOf(sentence, specialty);
            });
}
