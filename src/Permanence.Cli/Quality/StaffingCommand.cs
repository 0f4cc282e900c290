using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Permanence.Core.Calls.Simulation;
using Permanence.Core.Quality;
using Permanence.Data;
using Permanence.Data.Quality;

namespace Permanence.Cli.Quality;

/// <summary>
/// <c>staffing</c>: secretaries needed per hour of the week for a service-level target (Erlang C), with the
/// abandonment Erlang A expects, for a secretariat of <c>--practices</c> practices of typical traffic — or, with
/// <c>--from-history</c>, from the last <c>--days</c> days of calls in the database (profile and handling time).
/// </summary>
internal static class StaffingCommand
{
    private static readonly Option<int> Practices = new("--practices") { Description = "Number of practices served", DefaultValueFactory = _ => 50 };
    private static readonly Option<double> CallsPerDay = new("--calls-per-day") { Description = "Weekday calls per practice", DefaultValueFactory = _ => 25 };
    private static readonly Option<double> HandlingSeconds = new("--aht") { Description = "Average handling time in seconds (talk + hold + wrap-up)", DefaultValueFactory = _ => 180 };
    private static readonly Option<double> TargetSeconds = new("--target-seconds") { Description = "Answer within this many seconds (15 s ≈ 3 rings)", DefaultValueFactory = _ => 15 };
    private static readonly Option<double> TargetLevel = new("--target") { Description = "Share of calls to answer within the target", DefaultValueFactory = _ => KpiOptions.DefaultServiceLevelTarget };
    private static readonly Option<double> Patience = new("--patience") { Description = "Mean caller patience in seconds (Erlang A)", DefaultValueFactory = _ => 90 };
    private static readonly Option<bool> FromHistory = new("--from-history") { Description = "Read the arrival profile and handling time from the call history in the database" };
    private static readonly Option<int> Days = new("--days") { Description = "Days of history to read with --from-history (at least 14)", DefaultValueFactory = _ => 14 };

    public static Command Create()
    {
        var command = new Command("staffing", "Secretaries needed per hour of the week (Erlang C, abandonment by Erlang A)");
        foreach (var option in new Option[] { Practices, CallsPerDay, HandlingSeconds, TargetSeconds, TargetLevel, Patience, FromHistory, Days })
        {
            command.Options.Add(option);
        }
        CliHost.AddDatabaseOptions(command);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(FromHistory))
            {
                return await FromHistoryAsync(parse, ct);
            }
            var practices = parse.GetValue(Practices);
            var perDay = parse.GetValue(CallsPerDay);
            var aht = parse.GetValue(HandlingSeconds);
            var level = parse.GetValue(TargetLevel);
            if (practices < 1 || perDay <= 0 || aht <= 0 || level is <= 0 or >= 1 || parse.GetValue(TargetSeconds) < 0 || parse.GetValue(Patience) <= 0
                || !AllFinite(parse))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: --practices ≥ 1, --calls-per-day > 0, --aht > 0, 0 < --target < 1, --target-seconds ≥ 0 and --patience > 0, each a finite number.");
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
            await WriteTableAsync(output, plan);
            return 0;
        });
        return command;
    }

    private static async Task<int> FromHistoryAsync(ParseResult parse, CancellationToken ct)
    {
        var days = parse.GetValue(Days);
        var level = parse.GetValue(TargetLevel);
        var target = parse.GetValue(TargetSeconds);
        if (days is < 14 or > 366 || level is <= 0 or >= 1 || target < 0 || parse.GetValue(Patience) <= 0 || parse.GetValue(HandlingSeconds) <= 0
            || !AllFinite(parse))
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync("error: 14 ≤ --days ≤ 366, 0 < --target < 1, --target-seconds ≥ 0, --patience > 0 and --aht > 0, each a finite number.");
            return 2;
        }
        return await CliHost.RunAsync(parse, async services =>
        {
            var to = services.GetRequiredService<IClock>().GetCurrentInstant();
            var zone = DateTimeZoneProviders.Tzdb["Europe/Paris"];
            var history = await StaffingHistory.ReadAsync(services.GetRequiredService<PermanenceDbContext>(), to - Duration.FromDays(days), to, zone, ct);
            var aht = history.AverageHandlingSeconds ?? parse.GetValue(HandlingSeconds);
            var plan = StaffingPlan.Build(history.CallsPerHourOfWeek, aht, target, level, parse.GetValue(Patience));
            var culture = CultureInfo.InvariantCulture;
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(string.Create(culture,
                $"last {days} days: {history.Calls} calls in service hours, {history.Answered} answered, AHT {aht:F0} s{(history.AverageHandlingSeconds is null ? " (no answered call: --aht used)" : "")}, target {level:P0} within {target} s"));
            if (history.ShortHistory.Count > 0)
            {
                await output.WriteLineAsync(string.Create(culture,
                    $"{history.ShortHistory.Count} practice(s) with less than 14 days of calls: their rates are averaged over the days they have"));
            }
            await WriteTableAsync(output, plan);
            return 0;
        });
    }

    /// <summary>
    /// Whether every number option is finite: the parser reads "NaN" and "Infinity", which pass the range checks above
    /// (every comparison with NaN is false) and would give a plan of NaN or no end.
    /// </summary>
    private static bool AllFinite(ParseResult parse) =>
        new[] { CallsPerDay, HandlingSeconds, TargetSeconds, TargetLevel, Patience }.All(option => double.IsFinite(parse.GetValue(option)));

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<StaffingHour> plan)
    {
        var culture = CultureInfo.InvariantCulture;
        await output.WriteLineAsync("day        hour  calls/h  erlangs  agents  service  ASA(s)  abandon");
        foreach (var hour in plan.Where(h => h.CallsPerHour >= 0.5))
        {
            await output.WriteLineAsync(string.Create(culture,
                $"{hour.Day,-10} {hour.Hour,2}:00 {hour.CallsPerHour,8:F1} {hour.Erlangs,8:F2} {hour.Agents,7} {hour.ServiceLevel,8:P1} {hour.AverageSpeedOfAnswerSeconds,7:F1} {hour.AbandonmentRate,8:P1}"));
        }
        await output.WriteLineAsync(string.Create(culture, $"secretary-hours per week: {plan.Sum(h => h.Agents)}"));
    }
}
