using System.Text.Json;
using Permanence.Core.Common;
using Permanence.Core.Triage;

namespace Permanence.Core.Tests.Triage;

/// <summary>One case of the evaluation corpus, written from clinical knowledge as a secretary would hear it.</summary>
public sealed record CorpusCase(
    string Id,
    string Text,
    string Specialty,
    string Lang,
    string ExpectedUrgency,
    string ExpectedCategory,
    bool Hard,
    string Kind)
{
    public Urgency Urgency => TriageCodes.TryParseUrgency(ExpectedUrgency) ?? throw new InvalidDataException($"{Id}: bad urgency");

    public TriageCategory Category => TriageCodes.TryParseCategory(ExpectedCategory) ?? throw new InvalidDataException($"{Id}: bad category");

    public TriageRequest ToRequest() => new(Text, SpecialtyCodes.ParseOrGeneral(Specialty), Lang);
}

internal static class TriageCorpus
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<CorpusCase> Cases { get; } = Load();

    /// <summary>One engine for the whole test run; interpreted patterns keep the suite's start-up short.</summary>
    public static TriageEngine Engine { get; } = TriageEngine.CreateDefault(compiled: false);

    private static List<CorpusCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Triage", "Corpus", "triage-corpus.jsonl");
        return [.. File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<CorpusCase>(line, Options)!)];
    }
}
