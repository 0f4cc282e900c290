using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NodaTime;
using Permanence.Core.Calls.Simulation;
using Permanence.Core.Common;
using Permanence.Core.Routing;

namespace Permanence.Cli.Routing;

/// <summary><c>replay-day</c>: a simulated Monday of a secretariat replayed through the call distributor in virtual time.</summary>
internal static class ReplayDayCommand
{
    private static readonly Option<int> Practices = new("--practices") { Description = "Practices served", DefaultValueFactory = _ => 1000 };
    private static readonly Option<int> Secretaries = new("--secretaries") { Description = "Secretaries on duty all day", DefaultValueFactory = _ => 50 };
    private static readonly Option<double> CallsPerDay = new("--calls-per-day") { Description = "Weekday calls per practice", DefaultValueFactory = _ => 23 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Random seed", DefaultValueFactory = _ => 2026 };

    public static Command Create()
    {
        var command = new Command("replay-day", "Replay a simulated day through the call distributor (ACD) and print service level and abandonment");
        foreach (var option in new Option[] { Practices, Secretaries, CallsPerDay, Seed })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, ct) =>
        {
            var practiceCount = parse.GetValue(Practices);
            var secretaries = parse.GetValue(Secretaries);
            if (practiceCount < 1 || secretaries < 1 || parse.GetValue(CallsPerDay) <= 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: --practices ≥ 1, --secretaries ≥ 1, --calls-per-day > 0.");
                return 2;
            }
            var zone = DateTimeZoneProviders.Tzdb["Europe/Paris"];
            var monday = new LocalDate(2026, 11, 23).AtStartOfDayInZone(zone).ToInstant();
            var random = new Random(parse.GetValue(Seed));
            var practices = Enumerable.Range(0, practiceCount).Select(i => (Number: string.Create(CultureInfo.InvariantCulture, $"+331{42000000 + i}"), Id: PracticeId.New())).ToList();
            var simulated = practices.Select(p => new SimulatedPractice(p.Number, null, zone, ArrivalProfile.GeneralPractice(parse.GetValue(CallsPerDay)), _ => true, [])).ToList();
            var calls = new TrafficGenerator(random).Generate(simulated, monday, monday + Duration.FromDays(1)).ToList();
            // Each secretary is trained on two practices in five.
            var agents = Enumerable.Range(0, secretaries).Select(i => new AcdAgent(StaffUserId.New(),
                practices.Where((_, j) => (j + i) % 5 < 2).ToDictionary(p => p.Id, _ => 2))).ToList();
            var clock = Stopwatch.StartNew();
            var result = AcdReplay.Run(calls, agents, practices.ToDictionary(p => p.Number, p => p.Id), new AcdOptions(), Duration.FromSeconds(15), random);
            clock.Stop();
            var output = parse.InvocationConfiguration.Output;
            var culture = CultureInfo.InvariantCulture;
            await output.WriteLineAsync(string.Create(culture, $"{practiceCount} practices, {secretaries} secretaries, {result.Offered} calls offered"));
            await output.WriteLineAsync(string.Create(culture, $"answered {result.Answered}, abandoned {result.Abandoned}, overflowed {result.Overflowed}"));
            await output.WriteLineAsync(string.Create(culture, $"service level (15 s) {result.ServiceLevel:P1}, abandonment {result.AbandonmentRate:P1}, mean wait {result.AverageWaitSeconds:F1} s"));
            await output.WriteLineAsync(string.Create(culture, $"replayed 86,400 s of traffic in {clock.Elapsed.TotalSeconds:F2} s ({clock.Elapsed.TotalSeconds / 86400:P3} of real time)"));
            return 0;
        });
        return command;
    }
}
