using Permanence.Core.Triage;
using Permanence.Core.Triage.Text;

namespace Permanence.Core.Tests.Triage;

public sealed class RulePatternTests
{
    [Theory]
    [InlineData("a|b", new[] { "a", "b" })]
    [InlineData("(?:a|b)|c", new[] { "a", "b", "c" })]
    [InlineData("(a|(?:b|c))", new[] { "a", "b", "c" })]
    [InlineData("(a|b)c|d", new[] { "(a|b)c", "d" })]
    [InlineData("(a|b)?|c", new[] { "(a|b)?", "c" })]
    [InlineData("(a|b)(c|d)", new[] { "(a|b)(c|d)" })]
    [InlineData("[|]x|\\|y|(?!a|b)c", new[] { "[|]x", "\\|y", "(?!a|b)c" })]
    public void A_pattern_splits_at_its_alternatives_and_those_of_a_group_that_is_a_whole_alternative(string pattern, string[] expected) =>
        RulePatternCompiler.Alternatives(pattern).ShouldBe(expected);

    [Theory]
    [InlineData("(?<!pas )douleur (\\w+ ){0,3}poitrine|chest (pain|tightness)|(?:oppression|serrement) thoracique")]
    [InlineData("(?<!pas )mal a la (tete|gorge)|(?:fievre|fever)( \\w+){0,2} (39|40)")]
    public void A_split_pattern_finds_every_match_the_whole_alternation_finds(string pattern)
    {
        var split = new RulePatternCompiler(compiled: false).Compile([pattern]);
        var whole = new System.Text.RegularExpressions.Regex(@"\b(?:" + pattern + @")\b");
        split.Branches.Count.ShouldBeGreaterThan(1);

        foreach (var utterance in new[]
        {
            "pas de douleur dans la poitrine mais chest pain et oppression thoracique",
            "j ai mal a la gorge et mal a la tete avec de la fievre a 39",
            "fever of 40 and chest tightness",
        })
        {
            var text = TextNormaliser.Normalise(utterance).Text;
            var found = split.Matches(text, runnable: null).ToList();
            foreach (System.Text.RegularExpressions.Match m in whole.Matches(text))
            {
                found.ShouldContain((m.Index, m.Index + m.Length), utterance);
            }
            found.Select(f => f.Start).ShouldBeInOrder(SortDirection.Ascending);
        }
    }
}
