using System.Text;
using System.Text.Json;
using Permanence.Cli.Triage;
using Permanence.Core.Triage;

namespace Permanence.Cli.Tests.Triage;

public sealed class TriageCommandTests
{
    private static readonly TriageEngine Engine = TriageEngine.CreateDefault(compiled: false);

    private static async Task<List<JsonElement>> RunAsync(string input)
    {
        using var reader = new StringReader(input);
        using var output = new MemoryStream();
        await TriageCommand.RunAsync(reader, output, Engine, TestContext.Current.CancellationToken);
        return [.. Encoding.UTF8.GetString(output.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    [Fact]
    public async Task Each_input_line_gives_one_output_line_in_the_same_order()
    {
        var lines = await RunAsync("""
            {"id":"a","text":"Mon mari ne respire plus, il est tout bleu","specialty":"general","lang":"fr"}
            {"id":"b","text":"I'd like to book a check-up","specialty":"dentistry"}
            {"id":"c","text":"J'ai des palpitations depuis ce matin","specialty":"cardiology"}
            """);

        lines.Select(l => l.GetProperty("id").GetString()).ShouldBe(["a", "b", "c"]);
        lines[0].GetProperty("urgency").GetString().ShouldBe("emergency");
        lines[0].GetProperty("category").GetString().ShouldBe("clinical");
        lines[0].GetProperty("action").GetProperty("code").GetString().ShouldBe("call_samu");
        lines[1].GetProperty("urgency").GetString().ShouldBe("routine");
        lines[1].GetProperty("category").GetString().ShouldBe("appointment_book");
        lines[2].GetProperty("urgency").GetString().ShouldBe("urgent");
    }

    [Fact]
    public async Task Signals_are_written_in_camel_case_with_snake_case_codes()
    {
        var line = (await RunAsync("""{"id":1,"text":"Pas de douleur dans la poitrine mais 39 de fièvre"}""")).Single();

        line.GetProperty("id").GetInt32().ShouldBe(1);
        var signals = line.GetProperty("signals").EnumerateArray().ToList();
        line.GetProperty("urgency").GetString().ShouldBe("same_day");
        signals.ShouldContain(s => s.GetProperty("ruleId").GetString() == "SDY-FEVER"
            && s.GetProperty("qualifier").GetString() == "none"
            && s.GetProperty("urgency").GetString() == "same_day"
            && s.GetProperty("text").GetString() == "39");
        signals.ShouldContain(s => s.GetProperty("ruleId").GetString() == "URG-CHEST-PAIN"
            && s.GetProperty("qualifier").GetString() == "negated"
            && s.GetProperty("urgency").ValueKind == JsonValueKind.Null
            && s.GetProperty("text").GetString() == "douleur dans la poitrine");
    }

    [Fact]
    public async Task A_malformed_line_gets_an_error_line_and_the_run_goes_on()
    {
        var lines = await RunAsync("""
            not json
            {"id":"x"}
            {"id":"y","text":"fever of 39"}
            """);

        lines.Count.ShouldBe(3);
        lines[0].GetProperty("id").ValueKind.ShouldBe(JsonValueKind.Null);
        lines[0].GetProperty("error").GetString()!.ShouldStartWith("invalid JSON");
        lines[1].GetProperty("id").GetString().ShouldBe("x");
        lines[1].GetProperty("error").GetString().ShouldBe("missing string field 'text'");
        lines[2].GetProperty("urgency").GetString().ShouldBe("same_day");
    }

    [Fact]
    public async Task An_unknown_specialty_is_treated_as_general()
    {
        var line = (await RunAsync("""{"id":"z","text":"J'ai des palpitations","specialty":"astrology"}""")).Single();

        line.GetProperty("urgency").GetString().ShouldBe("same_day");
    }
}
