using NodaTime;

namespace Permanence.Core.Calls.Simulation;

/// <summary>A practice as the simulator sees it: its numbers, zone, opening hours test and traffic.</summary>
/// <param name="IsOpenAt">Whether secretaries answer for the practice at an instant (else: voicemail).</param>
/// <param name="KnownCallers">Numbers of known patients; most callers are among them, the rest are new numbers.</param>
public sealed record SimulatedPractice(
    string RoutineNumber,
    string? UrgentNumber,
    DateTimeZone Zone,
    ArrivalProfile Profile,
    Func<Instant, bool> IsOpenAt,
    IReadOnlyList<string> KnownCallers);

/// <summary>
/// Generates realistic telephone traffic: non-homogeneous Poisson arrivals by hour of the week, a category mix that
/// is mostly administrative, lognormal talk times by category, waits drawn against the caller's patience (short
/// ones abandon), and voicemail outside opening hours. Deterministic for a given <see cref="Random"/> seed.
/// </summary>
public sealed class TrafficGenerator(Random random)
{
    /// <summary>Beyond about 708, e^-λ underflows and Knuth's method stops counting near 745 whatever the rate.</summary>
    private const double PoissonPart = 500;

    /// <summary>What people call a practice for (mostly administrative), with typical talk time and urgent share.</summary>
    public static readonly IReadOnlyList<CallMixEntry> DefaultMix =
    [
        new("appointment_book", 0.38, Duration.FromSeconds(110), 0.00),
        new("appointment_cancel", 0.09, Duration.FromSeconds(60), 0.00),
        new("appointment_reschedule", 0.09, Duration.FromSeconds(90), 0.00),
        new("information", 0.12, Duration.FromSeconds(70), 0.00),
        new("prescription", 0.08, Duration.FromSeconds(100), 0.00),
        new("results_followup", 0.08, Duration.FromSeconds(120), 0.05),
        new("clinical", 0.12, Duration.FromSeconds(170), 0.35),
        new("billing", 0.02, Duration.FromSeconds(90), 0.00),
        new("other", 0.02, Duration.FromSeconds(80), 0.00),
    ];

    /// <summary>Mean seconds a caller is willing to wait before hanging up (exponential patience).</summary>
    public double MeanPatienceSeconds { get; init; } = 90;

    /// <summary>Mean seconds before a secretary picks up when the call is not abandoned (exponential).</summary>
    public double MeanAnswerSeconds { get; init; } = 12;

    public IReadOnlyList<CallMixEntry> Mix { get; init; } = DefaultMix;

    /// <summary>Calls ringing in [<paramref name="from"/>, <paramref name="to"/>), in arrival order.</summary>
    public IEnumerable<SimulatedCall> Generate(IReadOnlyList<SimulatedPractice> practices, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(practices);
        var calls = new List<SimulatedCall>();
        foreach (var practice in practices)
        {
            // Segment by segment, each within one local hour (a start within an hour begins with the rest of it): the
            // count is Poisson(the hour's rate × the segment's share of an hour), the instants uniform within the
            // segment, so arrivals are a Poisson process of the profile's rate at every local hour.
            for (var start = from; start < to;)
            {
                var local = start.InZone(practice.Zone).LocalDateTime;
                var intoHour = Duration.FromMinutes(local.Minute) + Duration.FromSeconds(local.Second) + Duration.FromNanoseconds(local.NanosecondOfSecond);
                var end = start + Duration.FromHours(1) - intoHour;
                end = end < to ? end : to;
                var seconds = (end - start).TotalSeconds;
                var count = Poisson(practice.Profile.RateAt(local) * seconds / 3600);
                for (var i = 0; i < count; i++)
                {
                    calls.Add(NewCall(practice, start + Duration.FromSeconds(random.NextDouble() * seconds)));
                }
                start = end;
            }
        }
        return calls.OrderBy(c => c.RingingAt);
    }

    private SimulatedCall NewCall(SimulatedPractice practice, Instant at)
    {
        var entry = Pick();
        var urgent = practice.UrgentNumber is not null && random.NextDouble() < entry.UrgentShare;
        var dialed = urgent ? practice.UrgentNumber! : practice.RoutineNumber;
        var from = practice.KnownCallers.Count > 0 && random.NextDouble() < 0.8
            ? practice.KnownCallers[random.Next(practice.KnownCallers.Count)]
            : RandomMobile();
        var talk = Duration.FromSeconds(Math.Max(15, LogNormal(entry.MeanTalk.TotalSeconds, 0.5)));
        var hold = random.NextDouble() < 0.2 ? Duration.FromSeconds(Exponential(30)) : Duration.Zero;
        if (!practice.IsOpenAt(at))
        {
            return new SimulatedCall(Guid.CreateVersion7(), from, dialed, at, entry.Category, urgent,
                SimulatedOutcome.Voicemail, Duration.FromSeconds(20), Duration.FromSeconds(Math.Max(10, LogNormal(40, 0.4))), Duration.Zero);
        }
        var patience = Exponential(MeanPatienceSeconds);
        var answer = Exponential(urgent ? MeanAnswerSeconds / 2 : MeanAnswerSeconds);
        return answer > patience
            ? new SimulatedCall(Guid.CreateVersion7(), from, dialed, at, entry.Category, urgent,
                SimulatedOutcome.AbandonedBeforeAnswer, Duration.FromSeconds(patience), Duration.Zero, Duration.Zero)
            : new SimulatedCall(Guid.CreateVersion7(), from, dialed, at, entry.Category, urgent,
                SimulatedOutcome.Answered, Duration.FromSeconds(answer), talk, hold);
    }

    private CallMixEntry Pick()
    {
        var roll = random.NextDouble() * Mix.Sum(m => m.Weight);
        foreach (var entry in Mix)
        {
            roll -= entry.Weight;
            if (roll < 0)
            {
                return entry;
            }
        }
        return Mix[^1];
    }

    /// <summary>
    /// Knuth's method, exact while e^-λ is a normal double; a larger λ (a busy number's peak hour) is drawn as a sum of
    /// independent parts of at most <see cref="PoissonPart"/>, which is Poisson of their sum.
    /// </summary>
    private int Poisson(double lambda)
    {
        var count = 0;
        for (; lambda > PoissonPart; lambda -= PoissonPart)
        {
            count += Knuth(PoissonPart);
        }
        return count + Knuth(lambda);
    }

    private int Knuth(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }
        var limit = Math.Exp(-lambda);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }
        return k;
    }

    private double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());

    /// <summary>A lognormal draw with the given mean and shape <paramref name="sigma"/>.</summary>
    private double LogNormal(double mean, double sigma)
    {
        var mu = Math.Log(mean) - (sigma * sigma / 2);
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Exp(mu + (sigma * normal));
    }

    private string RandomMobile() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"+336{random.Next(10_000_000, 99_999_999)}");
}
