using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Permanence.Core.Triage;
using Permanence.Core.Triage.Text;

namespace Permanence.Core.Tests.Triage;

public sealed class RuleTriggerTests
{
    private static readonly PatternBranch[] Branches = [.. TriageCorpus.Engine.Rules.Branches];

    private static readonly TriggerIndex Index = new(Branches);

    [Theory]
    [InlineData("douleurs?|mal a la (tete|gorge)", new[] { "douleur", "gorge", "tete" })]
    [InlineData("(?:ne|n) (\\w+ ){0,1}(peut|arrive)", new[] { "arrive", "peut" })]
    [InlineData("(du |de )?mal a respirer", new[] { "respirer" })]
    [InlineData("(?<!pas )mal|souffr\\w*", new[] { "mal", "souffr" })]
    [InlineData("\\bpurpura\\b|petechi\\w*", new[] { "petechi", "purpura" })]
    [InlineData("check ?up", new[] { "check" })]
    [InlineData("\\w+ ago", new[] { "ago" })]
    [InlineData("(in|de)fection", new[] { "defection", "infection" })]
    public void Triggers_are_word_beginnings_every_match_contains(string pattern, string[] expected) =>
        RuleTriggers.Read(AsCompiled(pattern)).ShouldNotBeNull().ShouldBe(expected, ignoreOrder: true);

    [Theory]
    [InlineData("[a-z]+ing")]
    [InlineData("\\w*mal")]
    [InlineData("39|fever")]
    [InlineData("(mal|pain)?")]
    [InlineData(".*")]
    [InlineData("(a)\\1")]
    [InlineData("(?i)chest")]
    public void A_pattern_with_no_certain_word_always_runs(string pattern) =>
        RuleTriggers.Read(AsCompiled(pattern)).ShouldBeNull();

    [Fact]
    public void A_word_in_a_pattern_not_anchored_at_a_word_start_is_no_trigger() =>
        RuleTriggers.Read("mal").ShouldBeNull();

    [Fact]
    public void Most_branches_have_triggers() =>
        Branches.Count(b => b.Triggers is null).ShouldBeLessThan(Branches.Length / 20);

    [Fact]
    public void No_branch_the_triggers_rule_out_matches_a_corpus_utterance()
    {
        foreach (var c in TriageCorpus.Cases)
        {
            RuledOutButMatching(TextNormaliser.Normalise(c.Text)).ShouldBeEmpty(c.Id);
        }
    }

    /// <summary>Utterances made of rule words, corpus words, corpus sentences and punctuation in any order.</summary>
    [Property(MaxTest = 200)]
    public Property No_branch_the_triggers_rule_out_matches_any_utterance() =>
        Prop.ForAll(
            Gen.Elements(Words).ListOf().Select(words => string.Join(' ', words)).ToArbitrary(),
            utterance => RuledOutButMatching(TextNormaliser.Normalise(utterance)).Count == 0);

    [Fact]
    public void Filtering_by_triggers_never_changes_a_result()
    {
        foreach (var c in TriageCorpus.Cases)
        {
            var expected = Unfiltered.Evaluate(c.ToRequest());
            var actual = TriageCorpus.Engine.Evaluate(c.ToRequest());

            actual.Urgency.ShouldBe(expected.Urgency, c.Id);
            actual.Category.ShouldBe(expected.Category, c.Id);
            actual.Signals.ShouldBe(expected.Signals, c.Id);
        }
    }

    /// <summary>Covers the cue and qualifier expressions too: the unfiltered engine runs every one of them.</summary>
    [Property(MaxTest = 100)]
    public Property Filtering_by_triggers_never_changes_the_result_on_any_utterance() =>
        Prop.ForAll(
            Gen.Elements(Words).ListOf().Select(words => string.Join(' ', words)).ToArbitrary(),
            utterance =>
            {
                var request = new TriageRequest(utterance, Permanence.Core.Common.Specialty.General);
                var expected = Unfiltered.Evaluate(request);
                var actual = TriageCorpus.Engine.Evaluate(request);
                return actual.Urgency == expected.Urgency && actual.Category == expected.Category && actual.Signals.SequenceEqual(expected.Signals);
            });

    [Fact]
    public void Filtering_by_triggers_never_changes_a_cue()
    {
        foreach (var c in TriageCorpus.Cases)
        {
            var text = TextNormaliser.Normalise(c.Text);
            ClinicalCues.Extract(text, filter: true).ShouldBe(ClinicalCues.Extract(text, filter: false), c.Id);
        }
    }

    private static readonly TriageEngine Unfiltered = new(TriageCorpus.Engine.Rules, filterByTriggers: false);

    private static readonly string[] Words =
    [
        .. TriageCorpus.Cases.SelectMany(c => TextNormaliser.Normalise(c.Text).Tokens.Select(t => t.Value)).Distinct(StringComparer.Ordinal),
        .. Branches.SelectMany(b => b.Triggers ?? []).Distinct(StringComparer.Ordinal),
        .. TriageCorpus.Cases.Select(c => c.Text),
        ",", ".", "?", "!",
    ];

    /// <summary>The expression as the engine compiles a rule alternative: whole words only.</summary>
    private static string AsCompiled(string pattern) => @"\b(?:" + pattern + @")\b";

    private static List<string> RuledOutButMatching(NormalisedText text)
    {
        var runnable = Index.Runnable(text);
        return [.. Branches.Where(b => !runnable[b.Slot] && b.Expression.IsMatch(text.Text)).Select(b => b.Expression.ToString())];
    }
}
