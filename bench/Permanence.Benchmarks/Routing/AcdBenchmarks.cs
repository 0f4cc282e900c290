using BenchmarkDotNet.Attributes;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Routing;

namespace Permanence.Benchmarks.Routing;

/// <summary>
/// Distribution decisions with 1,000 secretaries (each trained on 40 of 200 practices, 600 of them free) and
/// 200 waiting calls: one tick offers every call it can. Baseline in the same run: the same offers chosen by a
/// naive sort of the free skilled secretaries per call. Each invocation decides <see cref="Batch"/> freshly filled
/// distributors, so an iteration lasts long enough to time on a loaded machine.
/// </summary>
[MemoryDiagnoser]
public class AcdBenchmarks
{
    private const int Agents = 1000;
    private const int Calls = 200;
    private const int Batch = 20;
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 9, 0);
    private PracticeId[] _practices = [];
    private AcdAgent[] _agents = [];
    private AcdQueue[] _batch = [];

    [GlobalSetup]
    public void Describe()
    {
        var random = new Random(42);
        _practices = [.. Enumerable.Range(0, 200).Select(_ => PracticeId.New())];
        _agents = [.. Enumerable.Range(0, Agents).Select(_ => new AcdAgent(StaffUserId.New(),
            _practices.OrderBy(_ => random.Next()).Take(40).ToDictionary(p => p, _ => 1 + random.Next(3))))];
    }

    [IterationSetup]
    public void Fill() => _batch = [.. Enumerable.Range(0, Batch).Select(_ => Filled())];

    private AcdQueue Filled()
    {
        var acd = new AcdQueue(new AcdOptions());
        for (var i = 0; i < _agents.Length; i++)
        {
            acd.Register(_agents[i]);
            acd.SetState(_agents[i].Id, i % 5 < 3 ? AgentState.Available : AgentState.Break, Now - Duration.FromSeconds(i));
        }
        for (var i = 0; i < Calls; i++)
        {
            acd.Enqueue(new QueuedCall(Guid.NewGuid(), _practices[i % _practices.Length], Urgent: i % 10 == 0, Now + Duration.FromMilliseconds(i)));
        }
        return acd;
    }

    [Benchmark(OperationsPerInvoke = Calls * Batch)]
    public int TickDecidesEveryWaitingCall()
    {
        var offers = 0;
        foreach (var acd in _batch)
        {
            offers += acd.Tick(Now + Duration.FromSeconds(1)).Count;
        }
        return offers;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls * Batch)]
    public int NaiveSortPerCall()
    {
        var offers = 0;
        foreach (var acd in _batch)
        {
            var taken = new HashSet<StaffUserId>();
            foreach (var call in acd.Waiting)
            {
                var agent = _agents.Where((a, i) => i % 5 < 3 && !taken.Contains(a.Id) && a.Skills.ContainsKey(call.Practice))
                    .OrderBy(a => a.Id.Value).FirstOrDefault();
                if (agent is not null)
                {
                    taken.Add(agent.Id);
                    offers++;
                }
            }
        }
        return offers;
    }
}
