using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Calls.Simulation;
using Permanence.Core.Common;

namespace Permanence.Cli.Calls;

/// <summary>
/// <c>simulate</c>: generates realistic call traffic for the given practice numbers and posts it, signed, to the
/// call-event API, in real time or accelerated; <c>--dry-run</c> prints the events as JSON lines instead.
/// </summary>
internal static class SimulateCommand
{
    private const double MaxCallsPerDay = 10_000;

    private static readonly Option<string> Url = new("--url") { Description = "Base URL of the Permanence server", DefaultValueFactory = _ => "http://localhost:5080" };
    private static readonly Option<string?> Secret = new("--secret") { Description = "Event signing secret (default: Telephony__EventSigningSecret)" };
    private static readonly Option<string?> Connector = new("--connector") { Description = "Connector name sent in X-Permanence-Connector, when --secret is that connector's (Telephony:Connectors)" };
    private static readonly Option<string[]> Numbers = new("--number") { Description = "A practice number to call (E.164; repeat for several)", Arity = ArgumentArity.OneOrMore, Required = true };
    private static readonly Option<double> Hours = new("--hours") { Description = "Simulated hours of traffic", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> Speed = new("--speed") { Description = "Simulated seconds per real second (60: an hour a minute)", DefaultValueFactory = _ => 60 };
    private static readonly Option<double> CallsPerDay = new("--calls-per-day") { Description = "Weekday calls per practice (a GP takes about 25)", DefaultValueFactory = _ => 25 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Random seed (same seed, same traffic)", DefaultValueFactory = _ => 1 };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Print the events as JSON lines instead of posting them" };

    public static Command Create()
    {
        var command = new Command("simulate", "Post realistic, signed call events (Poisson arrivals by hour of week) to a server");
        foreach (var option in new Option[] { Url, Secret, Connector, Numbers, Hours, Speed, CallsPerDay, Seed, DryRun })
        {
            command.Options.Add(option);
        }
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var numbers = parse.GetValue(Numbers)!.Select(n => PhoneNumber.TryParse(n)).ToList();
        var secret = parse.GetValue(Secret) ?? Environment.GetEnvironmentVariable("Telephony__EventSigningSecret");
        var hours = parse.GetValue(Hours);
        var speed = parse.GetValue(Speed);
        var callsPerDay = parse.GetValue(CallsPerDay);
        var dryRun = parse.GetValue(DryRun);
        // Written as "not within", so that NaN, which fails every comparison, is refused too.
        var url = Uri.TryCreate(parse.GetValue(Url), UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps) ? parsed : null;
        if (url is null)
        {
            await error.WriteLineAsync($"error: --url must be an http or https address, e.g. http://localhost:5080 (got '{parse.GetValue(Url)}').");
            return 2;
        }
        if (numbers.Any(n => n is null) || !(hours is > 0 and <= 24 * 31) || !(speed > 0 && double.IsFinite(speed)) || !(callsPerDay is > 0 and <= MaxCallsPerDay)
            || (!dryRun && string.IsNullOrEmpty(secret)))
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"error: give valid --number values, 0 < --hours ≤ 744, --speed > 0, 0 < --calls-per-day ≤ {MaxCallsPerDay}, and --secret (or Telephony__EventSigningSecret) unless --dry-run."));
            return 2;
        }

        var start = SystemClock.Instance.GetCurrentInstant();
        var practices = numbers.Select(n => new SimulatedPractice(n!.E164, null, DateTimeZoneProviders.Tzdb["Europe/Paris"],
            ArrivalProfile.GeneralPractice(callsPerDay), _ => true, [])).ToList();
        var calls = new TrafficGenerator(new Random(parse.GetValue(Seed))).Generate(practices, start, start + Duration.FromSeconds(hours * 3600)).ToList();
        var events = calls.SelectMany(SimulatedEvents.For).OrderBy(e => e.At).ToList();
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{calls.Count} calls, {events.Count} events over {hours} simulated hour(s)"));
        if (dryRun)
        {
            foreach (var e in events)
            {
                await output.WriteLineAsync(SimulatedEvents.ToJson(e));
            }
            return 0;
        }

        using var http = new HttpClient { BaseAddress = url };
        var clock = Stopwatch.StartNew();
        int accepted = 0, refused = 0;
        foreach (var e in events)
        {
            var due = TimeSpan.FromSeconds((e.At - start).TotalSeconds / speed);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, ct);
            }
            var body = SimulatedEvents.ToJson(e);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/telephony/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(EventSignature.Header, EventSignature.Sign(Encoding.UTF8.GetBytes(body), secret!));
            if (parse.GetValue(Connector) is { Length: > 0 } connector)
            {
                request.Headers.Add(EventSignature.ConnectorHeader, connector);
            }
            try
            {
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    accepted++;
                }
                else
                {
                    refused++;
                    await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"event {e.EventId} ({e.Type}) refused: {(int)response.StatusCode}"));
                }
            }
            catch (HttpRequestException ex)
            {
                await error.WriteLineAsync($"error: cannot reach {http.BaseAddress}: {ex.Message}");
                return 1;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                await error.WriteLineAsync($"error: {http.BaseAddress} did not answer within {http.Timeout.TotalSeconds:0} s.");
                return 1;
            }
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{accepted} events accepted, {refused} refused"));
        return refused == 0 ? 0 : 1;
    }
}
