using Permanence.Core.Triage;
using Permanence.Core.Triage.Text;

namespace Permanence.Core.Tests.Triage;

public sealed class QualifierDetectorTests
{
    private static SignalQualifier QualifierOf(string said, string words)
    {
        var text = TextNormaliser.Normalise(said);
        var normalisedWords = TextNormaliser.Normalise(words).Text;
        var start = text.Text.IndexOf(normalisedWords, StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"'{normalisedWords}' not in '{text.Text}'");
        return QualifierDetector.Qualify(text, start, start + normalisedWords.Length);
    }

    [Theory]
    [InlineData("pas de fièvre", "fièvre")]
    [InlineData("il n'a pas de douleur à la poitrine", "douleur à la poitrine")]
    [InlineData("sans fièvre ni toux", "toux")]
    [InlineData("il ne saigne pas", "saigne")]
    [InlineData("no chest pain", "chest pain")]
    [InlineData("he doesn't have a fever", "fever")]
    [InlineData("she denies any chest pain", "chest pain")]
    [InlineData("je n'ai jamais eu de convulsions", "convulsions")]
    [InlineData("rien qui saigne", "saigne")]
    public void A_denied_symptom_is_negated(string said, string symptom) =>
        QualifierOf(said, symptom).ShouldBe(SignalQualifier.Negated);

    [Theory]
    [InlineData("pas de fièvre mais une douleur à la poitrine", "douleur à la poitrine")]
    [InlineData("pas de fièvre, il a mal à la poitrine", "mal à la poitrine")]
    [InlineData("no fever but chest pain", "chest pain")]
    [InlineData("I'm not sure but he has chest pain", "chest pain")]
    [InlineData("je ne sais pas si c'est grave, il a du mal à respirer", "mal à respirer")]
    [InlineData("il n'arrête pas de vomir", "vomir")]
    [InlineData("I don't know, he's got chest pain", "chest pain")]
    [InlineData("no fever and now chest pain", "chest pain")]
    public void A_negation_does_not_reach_past_a_clause_or_a_pseudo_negation(string said, string symptom) =>
        QualifierOf(said, symptom).ShouldNotBe(SignalQualifier.Negated);

    [Theory]
    [InlineData("j'ai fait un infarctus il y a trois ans", "infarctus")]
    [InlineData("I had a stroke in 2019", "stroke")]
    [InlineData("antécédent d'embolie pulmonaire", "embolie")]
    [InlineData("il a des fausses routes depuis son AVC", "AVC")]
    [InlineData("I had a heart attack two years ago", "heart attack")]
    public void A_past_event_is_history(string said, string symptom) =>
        QualifierOf(said, symptom).ShouldBe(SignalQualifier.History);

    [Theory]
    [InlineData("j'ai fait un AVC il y a deux ans et depuis ce matin il a la bouche de travers", "bouche de travers")]
    [InlineData("il a fait un malaise il y a 10 minutes", "malaise")]
    [InlineData("I had chest pain an hour ago", "chest pain")]
    [InlineData("my dad had a seizure this morning", "seizure")]
    public void A_recent_or_current_event_is_not_history(string said, string symptom) =>
        QualifierOf(said, symptom).ShouldNotBeOneOf(SignalQualifier.History, SignalQualifier.FamilyHistory);

    [Theory]
    [InlineData("que faire si jamais il a une douleur à la poitrine ?", "douleur à la poitrine")]
    [InlineData("what should I do if she has a seizure", "seizure")]
    [InlineData("au cas où il ferait une convulsion", "convulsion")]
    [InlineData("en cas d'arrêt cardiaque", "arrêt cardiaque")]
    [InlineData("can this cream cause an allergic reaction", "allergic reaction")]
    public void A_question_about_what_might_happen_is_hypothetical(string said, string symptom) =>
        QualifierOf(said, symptom).ShouldBe(SignalQualifier.Hypothetical);

    [Theory]
    [InlineData("je ne sais pas s'il respire, il a les lèvres bleues", "lèvres bleues")]
    [InlineData("I don't know if he's breathing, his lips are blue", "lips are blue")]
    public void An_indirect_question_is_not_hypothetical(string said, string symptom) =>
        QualifierOf(said, symptom).ShouldNotBe(SignalQualifier.Hypothetical);

    [Theory]
    [InlineData("mon père est décédé d'un infarctus", "infarctus")]
    [InlineData("my mother had a stroke years ago", "stroke")]
    [InlineData("mon frère a fait un infarctus à 45 ans", "infarctus")]
    public void A_relative_s_past_illness_is_family_history(string said, string symptom) =>
        QualifierOf(said, symptom).ShouldBe(SignalQualifier.FamilyHistory);

    [Theory]
    [InlineData("j'appelle pour ma mère, elle a mal à la poitrine", "mal à la poitrine")]
    [InlineData("my son has a fever", "fever")]
    public void A_caller_speaking_for_someone_else_keeps_the_signal(string said, string symptom) =>
        QualifierOf(said, symptom).ShouldBe(SignalQualifier.ThirdParty);

    [Theory]
    [InlineData("il dit qu'il a mal à la poitrine", "mal à la poitrine")]
    [InlineData("he says his chest hurts", "chest hurts")]
    public void Reported_speech_keeps_the_signal(string said, string symptom) =>
        QualifierOf(said, symptom).ShouldBe(SignalQualifier.ReportedSpeech);
}
