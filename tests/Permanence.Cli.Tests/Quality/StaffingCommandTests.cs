using System.CommandLine;
using Microsoft.Data.Sqlite;
using Permanence.Cli.Database;
using Permanence.Cli.Quality;

namespace Permanence.Cli.Tests.Quality;

public sealed class StaffingCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"permanence-cli-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { MigrateCommand.Create(), StaffingCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Staffing_from_history_reads_the_database_and_says_when_no_call_gave_a_handling_time()
    {
        (await RunAsync("migrate", "--connection", $"Data Source={_file}")).Exit.ShouldBe(0);
        var result = await RunAsync("staffing", "--from-history", "--days", "14", "--connection", $"Data Source={_file}");
        result.Exit.ShouldBe(0, result.Error);
        result.Output.ShouldContain("last 14 days: 0 calls in service hours");
        result.Output.ShouldContain("--aht used");
        result.Output.ShouldContain("secretary-hours per week: 0");
    }

    [Theory]
    [InlineData("--aht", "NaN")]
    [InlineData("--target-seconds", "NaN")]
    [InlineData("--calls-per-day", "Infinity")]
    [InlineData("--target", "NaN")]
    [InlineData("--patience", "Infinity")]
    public async Task Staffing_refuses_a_figure_that_is_not_a_finite_number(string option, string value)
    {
        var result = await RunAsync("staffing", option, value);

        result.Exit.ShouldBe(2, result.Output);
        result.Error.ShouldContain("error:");
    }

    [Fact]
    public async Task Staffing_from_history_refuses_a_default_handling_time_that_is_not_a_finite_number()
    {
        var result = await RunAsync("staffing", "--from-history", "--aht", "NaN", "--connection", $"Data Source={_file}");

        result.Exit.ShouldBe(2, result.Output);
        result.Error.ShouldContain("error:");
    }

    [Fact]
    public async Task Staffing_from_under_two_weeks_of_history_is_refused()
    {
        var result = await RunAsync("staffing", "--from-history", "--days", "7", "--connection", $"Data Source={_file}");
        result.Exit.ShouldBe(2);
        result.Error.ShouldContain("14 ≤ --days");
    }
}
