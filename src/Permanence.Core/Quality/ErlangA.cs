namespace Permanence.Core.Quality;

/// <summary>What Erlang A predicts for one staffing level.</summary>
/// <param name="ProbabilityOfWaiting">Share of callers who find every agent busy.</param>
/// <param name="ProbabilityOfAbandoning">Share of callers who hang up before being answered.</param>
/// <param name="AverageWaitSeconds">Mean time in queue over all callers (those who abandon included).</param>
public sealed record ErlangAResult(double ProbabilityOfWaiting, double ProbabilityOfAbandoning, double AverageWaitSeconds);

/// <summary>
/// Erlang A (M/M/N+M): like Erlang C, but callers hang up after an exponentially distributed patience. Always stable;
/// solved exactly as a birth–death chain truncated where the remaining probability is negligible.
/// </summary>
public static class ErlangA
{
    /// <summary>Terms beyond this are scaled down, far from <see cref="double.MaxValue"/> so that their sum stays finite.</summary>
    private const double LargeTerm = 1e250;

    /// <param name="callsPerHour">Arrival rate λ.</param>
    /// <param name="handlingSeconds">Average handling time (talk + hold + wrap-up), 1/μ.</param>
    /// <param name="patienceSeconds">Mean patience before abandoning, 1/θ.</param>
    public static ErlangAResult Evaluate(int agents, double callsPerHour, double handlingSeconds, double patienceSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        ArgumentOutOfRangeException.ThrowIfNegative(callsPerHour);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(handlingSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patienceSeconds);
        if (callsPerHour == 0)
        {
            return new ErlangAResult(0, 0, 0);
        }
        var lambda = callsPerHour / 3600;
        var mu = 1 / handlingSeconds;
        var theta = 1 / patienceSeconds;

        // Unnormalised stationary probabilities p[n] of n callers in the system. They grow like A^n / n! up to n ≈ A,
        // past what a double holds from about 700 erlangs: only their ratios matter, so they are scaled down whenever
        // they grow large (the first ones may then underflow to 0, which they are next to the peak).
        var p = new List<double> { 1.0 };
        var total = 1.0;
        for (var n = 1; n < agents + 100_000; n++)
        {
            var death = (Math.Min(n, agents) * mu) + (Math.Max(0, n - agents) * theta);
            var next = p[^1] * lambda / death;
            if (next > LargeTerm)
            {
                for (var i = 0; i < p.Count; i++)
                {
                    p[i] /= next;
                }
                total /= next;
                next = 1;
            }
            p.Add(next);
            total += next;
            if (n > agents && next < total * 1e-15)
            {
                break;
            }
        }
        double waiting = 0, queued = 0;
        for (var n = agents; n < p.Count; n++)
        {
            waiting += p[n] / total;
            queued += (n - agents) * p[n] / total;
        }
        // Abandonment rate is θ × mean queue length; divided by λ it is the share of callers who abandon.
        return new ErlangAResult(waiting, theta * queued / lambda, queued / lambda);
    }
}
