using Permanence.Core.Triage;
using Permanence.Core.Triage.Text;

namespace Permanence.Core.Tests.Triage;

public sealed class TextNormaliserTests
{
    [Theory]
    [InlineData("J'ai MAL à la Tête", "j ai mal a la tete")]
    [InlineData("L’enfant s’est étouffé", "l enfant s est etouffe")]
    [InlineData("Il a une bosse à l'œil", "il a une bosse a l oeil")]
    [InlineData("He can't breathe and won't wake", "he can not breathe and will not wake")]
    [InlineData("she doesnt feel well", "she does not feel well")]
    [InlineData("jai mal ds la poitrine", "j ai mal dans la poitrine")]
    [InlineData("rdv svp", "rendez vous s il vous plait")]
    public void Case_accents_elisions_contractions_and_sms_spellings_are_normalised(string typed, string expected) =>
        TextNormaliser.Normalise(typed).Text.ShouldBe(expected);

    [Theory]
    [InlineData("39 de fièvre", "39 de fievre")]
    [InlineData("il a 39,5", "il a 39.5")]
    [InlineData("40°", "40 degres")]
    [InlineData("39°5 ce matin", "39.5 ce matin")]
    [InlineData("trente-neuf cinq", "39.5")]
    [InlineData("trente neuf virgule cinq", "39.5")]
    [InlineData("39 et demi", "39.5")]
    [InlineData("quatre-vingt-dix ans", "90 ans")]
    [InlineData("a hundred and three", "103")]
    [InlineData("one hundred and one point five", "101.5")]
    [InlineData("ninety nine", "99")]
    [InlineData("une semaine", "1 semaine")]
    [InlineData("une douleur", "une douleur")]
    public void Numbers_are_read_however_they_are_written(string typed, string expected) =>
        TextNormaliser.Normalise(typed).Text.ShouldBe(expected);

    [Fact]
    public void Positions_map_back_to_the_original_words()
    {
        const string original = "Bonjour, j’ai très MAL à la poitrine";
        var text = TextNormaliser.Normalise(original);
        var start = text.Text.IndexOf("mal a la poitrine", StringComparison.Ordinal);

        var (s, length) = text.ToOriginal(start, start + "mal a la poitrine".Length);

        original.Substring(s, length).ShouldBe("MAL à la poitrine");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!…")]
    [InlineData("’’’ ' ° -- 12,,,5")]
    public void Any_input_is_normalised_without_throwing(string typed) =>
        Should.NotThrow(() => TextNormaliser.Normalise(typed));
}

public sealed class ClinicalCuesTests
{
    [Theory]
    [InlineData("il a 39 de fièvre", 39.0)]
    [InlineData("elle a 39,5", 39.5)]
    [InlineData("il est à 40° ce matin", 40.0)]
    [InlineData("température 39°5", 39.5)]
    [InlineData("trente-huit cinq de fièvre", 38.5)]
    [InlineData("her temperature is a hundred and three", 39.4)]
    [InlineData("fever of 101.5 F", 38.6)]
    [InlineData("a temp of 38 point 2", 38.2)]
    public void Temperatures_are_read_in_celsius(string said, double celsius)
    {
        var text = TextNormaliser.Normalise(said);

        ClinicalCues.Temperatures(text.Text).Single().Celsius.ShouldBe((decimal)celsius);
    }

    [Theory]
    [InlineData("il a 39 ans")]
    [InlineData("tension à 18")]
    [InlineData("j'ai pris 40 minutes")]
    public void Numbers_that_are_not_temperatures_are_ignored(string said) =>
        ClinicalCues.Temperatures(TextNormaliser.Normalise(said).Text).ShouldBeEmpty();

    [Theory]
    [InlineData("mon bébé de 2 mois", 2.0)]
    [InlineData("my 3-week-old", 0.69)]
    [InlineData("ma fille de deux ans", 24.0)]
    [InlineData("she is 6 months old", 6.0)]
    [InlineData("elle a 85 ans", 1020.0)]
    [InlineData("my 80 year old mother", 960.0)]
    public void Ages_are_read_in_months(string said, double months) =>
        ((double)ClinicalCues.Ages(TextNormaliser.Normalise(said).Text).Single().Months).ShouldBe(months, 0.01);

    [Theory]
    [InlineData("ça a commencé d'un coup", ClinicalCues.Sudden)]
    [InlineData("it came on suddenly", ClinicalCues.Sudden)]
    [InlineData("the worst headache of her life", ClinicalCues.Sudden)]
    [InlineData("de la fièvre depuis 4 jours", ClinicalCues.Prolonged)]
    [InlineData("fever for five days", ClinicalCues.Prolonged)]
    [InlineData("mon bébé de 6 semaines", ClinicalCues.InfantUnder3Months)]
    [InlineData("a newborn", ClinicalCues.InfantUnder3Months)]
    [InlineData("ma grand-mère", ClinicalCues.Elderly)]
    [InlineData("je suis enceinte de 8 semaines", ClinicalCues.Pregnant)]
    [InlineData("39 de fièvre", ClinicalCues.Fever)]
    [InlineData("she's burning up", ClinicalCues.Fever)]
    [InlineData("104 degrees", ClinicalCues.HighFever)]
    public void Age_pregnancy_fever_and_onset_cues_are_found(string said, string cue) =>
        ClinicalCues.Extract(TextNormaliser.Normalise(said)).Select(c => c.Name).ShouldContain(cue);

    [Fact]
    public void A_duration_since_this_morning_is_not_prolonged() =>
        ClinicalCues.Extract(TextNormaliser.Normalise("de la fièvre depuis ce matin")).Select(c => c.Name)
            .ShouldNotContain(ClinicalCues.Prolonged);
}
