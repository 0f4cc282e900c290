using BenchmarkDotNet.Attributes;
using Permanence.Core.Common;
using Permanence.Core.Triage;
using Permanence.Core.Triage.Text;

namespace Permanence.Benchmarks.Triage;

/// <summary>
/// Cost of triaging one utterance against the cost of normalising it, in the same run.
/// The engine is built once with compiled patterns, as a long-lived host builds it.
/// </summary>
[MemoryDiagnoser]
public class TriageBenchmarks
{
    private static readonly string[] Utterances =
    [
        "Bonjour, j'appelle pour mon mari, il a très mal à la poitrine depuis une demi-heure et il transpire beaucoup",
        "Je voudrais annuler mon rendez-vous de jeudi, je ne pourrai pas venir",
        "My 3-week-old has a temperature of a hundred and one and isn't feeding well",
        "No chest pain, no breathing problems, I just need my repeat prescription",
        "Mon fils de 4 ans a 39,5 de fièvre depuis hier soir et il tousse beaucoup",
        "I had a stroke in 2020, I'm due my annual review, can I book it for next week?",
        "jai mal a la tete depuis 3 jours et un peu de fievre",
        "Can I move my appointment to Friday? Also I've had some chest tightness since this morning",
    ];

    private TriageEngine _engine = null!;
    private int _next;

    [GlobalSetup]
    public void Setup() => _engine = TriageEngine.CreateDefault(compiled: true);

    private string NextUtterance() => Utterances[_next++ % Utterances.Length];

    [Benchmark(Baseline = true, Description = "normalise only")]
    public NormalisedText Normalise() => TextNormaliser.Normalise(NextUtterance());

    [Benchmark(Description = "triage (full)")]
    public TriageResult Triage() => _engine.Evaluate(new TriageRequest(NextUtterance(), Specialty.General));
}
