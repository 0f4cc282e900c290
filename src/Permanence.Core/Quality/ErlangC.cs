namespace Permanence.Core.Quality;

/// <summary>
/// Erlang C (M/M/N): callers wait in an unlimited queue and never hang up. Traffic <c>A = λ × AHT</c> in Erlangs;
/// a queue is stable only while agents N &gt; A. Computed through the Erlang B recurrence, which stays accurate for
/// hundreds of agents where the factorial formula overflows.
/// </summary>
public static class ErlangC
{
    /// <summary>Erlang B: probability that all <paramref name="agents"/> are busy in a loss system offered <paramref name="erlangs"/>.</summary>
    public static double BlockingProbability(int agents, double erlangs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        ArgumentOutOfRangeException.ThrowIfNegative(erlangs);
        var b = 1.0;
        for (var k = 1; k <= agents; k++)
        {
            b = erlangs * b / (k + (erlangs * b));
        }
        return b;
    }

    /// <summary>Probability that a caller waits at all; 1 when the queue is unstable (agents ≤ traffic).</summary>
    public static double ProbabilityOfWaiting(int agents, double erlangs)
    {
        if (agents <= erlangs)
        {
            return 1;
        }
        var b = BlockingProbability(agents, erlangs);
        return agents * b / (agents - (erlangs * (1 - b)));
    }

    /// <summary>Share of callers answered within <paramref name="targetSeconds"/>.</summary>
    public static double ServiceLevel(int agents, double erlangs, double handlingSeconds, double targetSeconds)
    {
        if (agents <= erlangs)
        {
            return 0;
        }
        return 1 - (ProbabilityOfWaiting(agents, erlangs) * Math.Exp(-(agents - erlangs) * targetSeconds / handlingSeconds));
    }

    /// <summary>Average speed of answer in seconds; infinite when the queue is unstable.</summary>
    public static double AverageSpeedOfAnswer(int agents, double erlangs, double handlingSeconds) =>
        agents <= erlangs ? double.PositiveInfinity : ProbabilityOfWaiting(agents, erlangs) * handlingSeconds / (agents - erlangs);

    /// <summary>
    /// Traffic beyond this is refused: no secretariat comes near a million erlangs (twenty million three-minute calls an
    /// hour), and the agents it needs must stay countable in an <see cref="int"/>.
    /// </summary>
    public const double MaxErlangs = 1_000_000;

    /// <summary>The fewest agents whose service level reaches <paramref name="targetServiceLevel"/> (0 when no traffic).</summary>
    public static int AgentsFor(double erlangs, double handlingSeconds, double targetSeconds, double targetServiceLevel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(erlangs);
        if (!(erlangs <= MaxErlangs))
        {
            throw new ArgumentOutOfRangeException(nameof(erlangs), erlangs, $"Traffic is a number of erlangs from 0 to {MaxErlangs:0}.");
        }
        if (targetServiceLevel is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(targetServiceLevel), targetServiceLevel, "A service level target lies strictly between 0 and 1.");
        }
        if (erlangs == 0)
        {
            return 0;
        }
        // Each further agent takes one more step of the Erlang B recurrence, rather than all of them again.
        var agents = (int)Math.Floor(erlangs) + 1;
        var blocking = BlockingProbability(agents, erlangs);
        while (ServiceLevelOf(agents, erlangs, blocking, handlingSeconds, targetSeconds) < targetServiceLevel)
        {
            agents++;
            blocking = erlangs * blocking / (agents + (erlangs * blocking));
        }
        return agents;
    }

    /// <summary><see cref="ServiceLevel"/> of a stable queue (agents &gt; traffic) whose Erlang B is <paramref name="blocking"/>.</summary>
    private static double ServiceLevelOf(int agents, double erlangs, double blocking, double handlingSeconds, double targetSeconds) =>
        1 - (agents * blocking / (agents - (erlangs * (1 - blocking))) * Math.Exp(-(agents - erlangs) * targetSeconds / handlingSeconds));
}
