using System.Globalization;
using System.Text;
using Permanence.Core.Common;
using Permanence.Core.Triage;

namespace Permanence.Core.Tests.Triage;

public sealed class TriageCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void The_corpus_covers_both_languages_every_specialty_and_enough_hard_cases()
    {
        var cases = TriageCorpus.Cases;

        cases.Count.ShouldBeGreaterThanOrEqualTo(300);
        cases.Count(c => c.Hard).ShouldBeGreaterThanOrEqualTo(100);
        cases.Select(c => c.Lang).Distinct().Order(StringComparer.Ordinal).ShouldBe(["en", "fr"]);
        cases.Select(c => SpecialtyCodes.TryParse(c.Specialty)).Distinct().Count().ShouldBe(Enum.GetValues<Specialty>().Length);
        cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count().ShouldBe(cases.Count);
    }

    [Fact]
    public void The_engine_meets_the_safety_and_accuracy_thresholds_on_the_corpus()
    {
        var cases = TriageCorpus.Cases;
        var engine = TriageCorpus.Engine;
        var results = cases.Select(c => (Case: c, Result: engine.Evaluate(c.ToRequest()))).ToList();

        var emergencies = results.Where(r => r.Case.Urgency == Urgency.Emergency).ToList();
        var recall = Ratio(emergencies.Count(r => r.Result.Urgency == Urgency.Emergency), emergencies.Count);
        var underTriage = Ratio(results.Count(r => r.Result.Urgency < r.Case.Urgency), results.Count);
        var urgencyAccuracy = Ratio(results.Count(r => r.Result.Urgency == r.Case.Urgency), results.Count);
        var categoryAccuracy = Ratio(results.Count(r => r.Result.Category == r.Case.Category), results.Count);
        var hard = results.Where(r => r.Case.Hard).ToList();
        var hardUrgency = Ratio(hard.Count(r => r.Result.Urgency == r.Case.Urgency), hard.Count);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"cases {results.Count} (hard {hard.Count})");
        report.AppendLine(CultureInfo.InvariantCulture, $"emergency recall   {recall:P1} ({emergencies.Count} emergencies)");
        report.AppendLine(CultureInfo.InvariantCulture, $"under-triage rate  {underTriage:P1}");
        report.AppendLine(CultureInfo.InvariantCulture, $"urgency accuracy   {urgencyAccuracy:P1} (hard cases {hardUrgency:P1})");
        report.AppendLine(CultureInfo.InvariantCulture, $"category accuracy  {categoryAccuracy:P1}");
        foreach (var (c, r) in results.Where(r => r.Result.Urgency != r.Case.Urgency || r.Result.Category != r.Case.Category))
        {
            var direction = r.Urgency < c.Urgency ? "UNDER" : r.Urgency > c.Urgency ? "over " : "     ";
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{direction} {c.Id} [{c.Specialty}/{c.Kind}] expected {c.ExpectedUrgency}/{c.ExpectedCategory} got {r.Urgency.ToCode()}/{r.Category.ToCode()}: {c.Text} <= {string.Join(", ", r.Signals.Select(s => $"{s.RuleId}:{s.Text}:{s.Qualifier.ToCode()}"))}");
        }
        output.WriteLine(report.ToString());

        recall.ShouldBe(1.0, "every emergency in the corpus must be recognised");
        underTriage.ShouldBeLessThanOrEqualTo(0.01);
        urgencyAccuracy.ShouldBeGreaterThanOrEqualTo(0.90);
        categoryAccuracy.ShouldBeGreaterThanOrEqualTo(0.90);
    }

    [Fact]
    public void The_engine_built_for_long_lived_hosts_gives_the_same_results_as_the_interpreted_one_on_the_corpus()
    {
        // Compiled rules run on the linear-time engine where they can; it must never change a result.
        var hosted = TriageEngine.CreateDefault(compiled: true);

        foreach (var c in TriageCorpus.Cases)
        {
            Describe(hosted.Evaluate(c.ToRequest())).ShouldBe(Describe(TriageCorpus.Engine.Evaluate(c.ToRequest())), c.Id);
        }
    }

    private static string Describe(TriageResult result) =>
        $"{result.Urgency.ToCode()}/{result.Category.ToCode()}: "
        + string.Join(", ", result.Signals.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.RuleId}@{s.Start}+{s.Length}:{s.Qualifier.ToCode()}")));

    private static double Ratio(int part, int whole) => whole == 0 ? 1.0 : (double)part / whole;
}
