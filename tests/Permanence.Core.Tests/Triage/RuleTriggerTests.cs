using Permanence.Core.Triage;

namespace Permanence.Core.Tests.Triage;

public sealed class RuleTriggerTests
{
    [Theory]
    [InlineData("douleurs?|mal a la (tete|gorge)", new[] { "douleur", "mal" })]
    [InlineData("(?:ne|n) (\\w+ ){0,1}(peut|arrive)", new[] { "ne", "n" })]
    [InlineData("(?<!pas )mal|souffr\\w*", new[] { "mal", "souffr" })]
    [InlineData("\\bpurpura\\b|petechi\\w*", new[] { "purpura", "petechi" })]
    public void Triggers_are_the_words_a_match_can_start_with(string pattern, string[] expected) =>
        RuleTriggers.Read([pattern])!.ShouldBe(expected, ignoreOrder: true);

    [Theory]
    [InlineData("(du |de )?mal a respirer")]
    [InlineData("\\w+ ago")]
    [InlineData("[a-z]+ing")]
    [InlineData("39|fever")]
    [InlineData(".*")]
    public void A_pattern_whose_start_is_uncertain_always_runs(string pattern) =>
        RuleTriggers.Read([pattern]).ShouldBeNull();

    [Fact]
    public void Filtering_by_triggers_never_changes_a_result()
    {
        var filtered = TriageCorpus.Engine;
        var unfiltered = new TriageEngine(filtered.Rules, filterByTriggers: false);

        foreach (var c in TriageCorpus.Cases)
        {
            var expected = unfiltered.Evaluate(c.ToRequest());
            var actual = filtered.Evaluate(c.ToRequest());

            actual.Urgency.ShouldBe(expected.Urgency, c.Id);
            actual.Category.ShouldBe(expected.Category, c.Id);
            actual.Signals.ShouldBe(expected.Signals, c.Id);
        }
    }
}
