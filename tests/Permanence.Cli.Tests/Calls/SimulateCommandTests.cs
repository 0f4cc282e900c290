using System.CommandLine;
using System.Text.Json;
using Permanence.Cli.Calls;
using Permanence.Core.Calls;

namespace Permanence.Cli.Tests.Calls;

public sealed class SimulateCommandTests
{
    private const string Number = "+33142860001";

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { SimulateCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_dry_run_prints_a_week_of_whole_calls_to_the_number_in_time_order()
    {
        var result = await RunAsync("simulate", "--number", "01 42 86 00 01", "--hours", "168", "--calls-per-day", "40", "--seed", "7", "--dry-run");

        result.Exit.ShouldBe(0, result.Error);
        var events = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var calls = events.GroupBy(e => e.GetProperty("callId").GetString()).ToList();
        // Five weekdays at 40 calls, less at the weekend: far from none, far from thousands.
        calls.Count.ShouldBeInRange(150, 400);
        result.Error.ShouldContain($"{calls.Count} calls, {events.Count} events");
        events.ShouldAllBe(e => e.GetProperty("to").GetString() == Number);
        events.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count().ShouldBe(events.Count);
        var instants = events.Select(e => DateTimeOffset.Parse(e.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        instants.ShouldBe(instants.Order().ToList());
        foreach (var call in calls)
        {
            var types = call.Select(e => CallCodes.TryEventType(e.GetProperty("type").GetString())).ToList();
            types.ShouldAllBe(t => t != null);
            types[0].ShouldBe(CallEventType.Ringing);
            types.ShouldContain(t => t == CallEventType.Ended || t == CallEventType.Voicemail);
        }
    }

    [Theory]
    [InlineData("--calls-per-day", "-5")]
    [InlineData("--calls-per-day", "0")]
    [InlineData("--calls-per-day", "NaN")]
    [InlineData("--hours", "NaN")]
    [InlineData("--hours", "0")]
    [InlineData("--speed", "0")]
    public async Task Out_of_range_options_are_refused_with_the_accepted_ranges(string option, string value)
    {
        var result = await RunAsync("simulate", "--number", Number, option, value, "--dry-run");

        result.Exit.ShouldBe(2);
        result.Error.ShouldContain("0 < --calls-per-day ≤ 10000");
        result.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Posting_without_a_signing_secret_is_refused()
    {
        var result = await RunAsync("simulate", "--number", Number, "--secret", "");
        result.Exit.ShouldBe(2);
        result.Error.ShouldContain("--secret");
    }

    [Theory]
    [InlineData("localhost:5080")]
    [InlineData("ftp://localhost")]
    [InlineData("not a url")]
    public async Task A_server_address_that_is_not_http_is_refused_with_an_example(string url)
    {
        var result = await RunAsync("simulate", "--number", Number, "--secret", "a-secret-of-sixteen-chars", "--url", url);

        result.Exit.ShouldBe(2);
        result.Error.ShouldContain("--url must be an http or https address");
    }
}
