using System.Text.Json;
using Permanence.Core.Triage;

namespace Permanence.Core.Tests.Triage;

public sealed class TriageJsonTests
{
    private static readonly JsonSerializerOptions Options = TriageJson.CreateOptions();

    [Fact]
    public void Enums_are_written_as_their_contract_codes()
    {
        foreach (var urgency in Enum.GetValues<Urgency>())
        {
            JsonSerializer.Serialize(urgency, Options).ShouldBe($"\"{urgency.ToCode()}\"");
        }
        foreach (var category in Enum.GetValues<TriageCategory>())
        {
            JsonSerializer.Serialize(category, Options).ShouldBe($"\"{category.ToCode()}\"");
        }
        foreach (var qualifier in Enum.GetValues<SignalQualifier>())
        {
            JsonSerializer.Serialize(qualifier, Options).ShouldBe($"\"{qualifier.ToCode()}\"");
        }
    }

    [Fact]
    public void A_result_serialises_with_camel_case_properties()
    {
        var result = TriageCorpus.Engine.Evaluate(new TriageRequest("Je voudrais un rendez-vous, j'ai 38,5 de fièvre"));

        var json = JsonSerializer.Serialize(result, Options);

        json.ShouldContain("\"urgency\":\"same_day\"");
        json.ShouldContain("\"category\":\"clinical\"");
        json.ShouldContain("\"ruleId\":\"SDY-FEVER\"");
        json.ShouldContain("\"action\":{\"code\":\"same_day_callback\"");
    }
}
