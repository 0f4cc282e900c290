using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Permanence.Core.Calls;

namespace Permanence.Cli.Calls;

/// <summary>
/// <c>simulate</c>: feeds a running Permanence with signed call events of synthetic traffic (Poisson arrivals) on the
/// given practice lines, so the call log, timings and quality figures can be tried without a telephone line.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Base URL of the web host", DefaultValueFactory = _ => "http://localhost:5080" };
        var secret = new Option<string?>("--secret") { Description = "Telephony:EventSigningSecret of the host (default: environment Telephony__EventSigningSecret)" };
        var to = new Option<string[]>("--to") { Description = "Dialed practice numbers (E.164), one or more", Required = true, AllowMultipleArgumentsPerToken = true };
        var rate = new Option<double>("--calls-per-hour") { Description = "Mean arrival rate", DefaultValueFactory = _ => 30 };
        var minutes = new Option<int>("--minutes") { Description = "Length of simulated traffic, in minutes", DefaultValueFactory = _ => 60 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second; 0 posts everything at once", DefaultValueFactory = _ => 60 };
        var seed = new Option<int?>("--seed") { Description = "Random seed, to replay the same traffic" };
        var command = new Command("simulate", "Post signed call events of simulated traffic to a running host") { url, secret, to, rate, minutes, speed, seed };
        command.SetAction(async (parse, ct) =>
        {
            var signingSecret = parse.GetValue(secret) ?? Environment.GetEnvironmentVariable("Telephony__EventSigningSecret");
            var errors = new List<string>();
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseAddress))
            {
                errors.Add("--url must be an absolute URL such as http://localhost:5080");
            }
            if (string.IsNullOrWhiteSpace(signingSecret))
            {
                errors.Add("--secret (or Telephony__EventSigningSecret) is required");
            }
            if (parse.GetValue(rate) is <= 0 or > 100_000)
            {
                errors.Add("--calls-per-hour must be between 0 and 100000");
            }
            if (parse.GetValue(minutes) is < 1 or > 24 * 60)
            {
                errors.Add("--minutes must be between 1 and 1440");
            }
            if (parse.GetValue(speed) < 0)
            {
                errors.Add("--speed must be 0 or more");
            }
            if (errors.Count > 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {string.Join("; ", errors)}");
                return 2;
            }
            var profile = new SimulationProfile(parse.GetValue(to)!, parse.GetValue(rate));
            var start = SystemClock.Instance.GetCurrentInstant();
            var events = CallSimulator.Generate(profile, start, Duration.FromMinutes(parse.GetValue(minutes)),
                parse.GetValue(seed) is { } s ? new Random(s) : new Random());
            using var http = new HttpClient { BaseAddress = baseAddress };
            var (posted, failed) = await PostAsync(http, signingSecret!, events, start, parse.GetValue(speed), parse.InvocationConfiguration.Error, ct);
            var calls = events.Select(e => e.CallId).Distinct(StringComparer.Ordinal).Count();
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                string.Create(CultureInfo.InvariantCulture, $"{calls} calls, {posted} events posted, {failed} refused"));
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<(int Posted, int Failed)> PostAsync(HttpClient http, string secret, IReadOnlyList<SimulatedEvent> events, Instant start,
        double speed, TextWriter error, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (posted, failed) = (0, 0);
        foreach (var e in events)
        {
            if (speed > 0)
            {
                var due = TimeSpan.FromSeconds((e.At - start).TotalSeconds / speed) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, ct);
                }
            }
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["eventId"] = e.EventId,
                ["callId"] = e.CallId,
                ["type"] = e.Type.ToCode(),
                ["from"] = e.From,
                ["to"] = e.To,
                ["at"] = OffsetDateTimePattern.ExtendedIso.Format(e.At.WithOffset(Offset.Zero)),
            });
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/telephony/events") { Content = content };
            request.Headers.Add(EventSignature.Header, EventSignature.Sign(body, secret));
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                posted++;
            }
            else
            {
                failed++;
                var problem = await response.Content.ReadAsStringAsync(ct);
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"event {e.EventId}: {(int)response.StatusCode} {problem}"));
            }
        }
        return (posted, failed);
    }
}
