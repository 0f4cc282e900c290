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

    [Fact]
    public async Task Staffing_from_under_two_weeks_of_history_is_refused()
    {
        var result = await RunAsync("staffing", "--from-history", "--days", "7", "--connection", $"Data Source={_file}");
        result.Exit.ShouldBe(2);
        result.Error.ShouldContain("14 ≤ --days");
    }
}
