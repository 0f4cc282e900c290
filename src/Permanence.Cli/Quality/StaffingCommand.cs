using System.CommandLine;
using System.Globalization;
using NodaTime;
using Permanence.Core.Calls.Simulation;
using Permanence.Core.Quality;

namespace Permanence.Cli.Quality;

/// <summary>
/// <c>staffing</c>: secretaries needed per hour of the week for a service-level target (Erlang C), with the
/// abandonment Erlang A expects, for a secretariat of <c>--practices</c> practices of typical traffic.
/// </summary>
internal static class StaffingCommand
{
    private static readonly Option<int> Practices = new("--practices") { Description = "Number of practices served", DefaultValueFactory = _ => 50 };
    private static readonly Option<double> CallsPerDay = new("--calls-per-day") { Description = "Weekday calls per practice", DefaultValueFactory = _ => 25 };
    private static readonly Option<double> HandlingSeconds = new("--aht") { Description = "Average handling time in seconds (talk + hold + wrap-up)", DefaultValueFactory = _ => 180 };
    private static readonly Option<double> TargetSeconds = new("--target-seconds") { Description = "Answer within this many seconds (15 s ≈ 3 rings)", DefaultValueFactory = _ => 15 };
    private static readonly Option<double> TargetLevel = new("--target") { Description = "Share of calls to answer within the target", DefaultValueFactory = _ => 0.8 };
    private static readonly Option<double> Patience = new("--patience") { Description = "Mean caller patience in seconds (Erlang A)", DefaultValueFactory = _ => 90 };

    public static Command Create()
    {
        var command = new Command("staffing", "Secretaries needed per hour of the week (Erlang C, abandonment by Erlang A)");
        foreach (var option in new Option[] { Practices, CallsPerDay, HandlingSeconds, TargetSeconds, TargetLevel, Patience })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, ct) =>
        {
            var practices = parse.GetValue(Practices);
            var perDay = parse.GetValue(CallsPerDay);
            var aht = parse.GetValue(HandlingSeconds);
            var level = parse.GetValue(TargetLevel);
            if (practices < 1 || perDay <= 0 || aht <= 0 || level is <= 0 or >= 1 || parse.GetValue(TargetSeconds) < 0 || parse.GetValue(Patience) <= 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: --practices ≥ 1, --calls-per-day > 0, --aht > 0, 0 < --target < 1, --target-seconds ≥ 0 and --patience > 0.");
                return 2;
            }
            var profile = ArrivalProfile.GeneralPractice(perDay).Scaled(practices);
            var monday = new LocalDateTime(2026, 11, 23, 0, 0);
            var rates = Enumerable.Range(0, ArrivalProfile.HoursInWeek).Select(h => profile.RateAt(monday.PlusHours(h))).ToList();
            var plan = StaffingPlan.Build(rates, aht, parse.GetValue(TargetSeconds), level, parse.GetValue(Patience));
            var output = parse.InvocationConfiguration.Output;
            var culture = CultureInfo.InvariantCulture;
            await output.WriteLineAsync(string.Create(culture, $"{practices} practices × {perDay} calls/weekday, AHT {aht} s, target {level:P0} within {parse.GetValue(TargetSeconds)} s"));
            await output.WriteLineAsync(StaffingPlan.VolumeAdvice(perDay) + " (per practice)");
            await output.WriteLineAsync("day        hour  calls/h  erlangs  agents  service  ASA(s)  abandon");
            foreach (var hour in plan.Where(h => h.CallsPerHour >= 0.5))
            {
                await output.WriteLineAsync(string.Create(culture,
                    $"{hour.Day,-10} {hour.Hour,2}:00 {hour.CallsPerHour,8:F1} {hour.Erlangs,8:F2} {hour.Agents,7} {hour.ServiceLevel,8:P1} {hour.AverageSpeedOfAnswerSeconds,7:F1} {hour.AbandonmentRate,8:P1}"));
            }
            await output.WriteLineAsync(string.Create(culture, $"secretary-hours per week: {plan.Sum(h => h.Agents)}"));
            return 0;
        });
        return command;
    }
}
