using System.CommandLine;
using Microsoft.Data.Sqlite;
using Permanence.Cli.Database;
using Permanence.Cli.Demo;

namespace Permanence.Cli.Tests.Database;

public sealed class DatabaseCommandTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"permanence-cli-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { MigrateCommand.Create(), SeedCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Migrate_creates_the_schema_once_and_then_reports_it_up_to_date()
    {
        var first = await RunAsync("migrate", "--connection", $"Data Source={_file}");
        first.Exit.ShouldBe(0, first.Error);
        first.Output.ShouldContain("applied");
        var second = await RunAsync("migrate", "--connection", $"Data Source={_file}");
        second.Output.ShouldContain("already up to date");
    }

    [Fact]
    public async Task Seed_creates_the_demo_once()
    {
        var first = await RunAsync("seed", "--connection", $"Data Source={_file}");
        first.Exit.ShouldBe(0, first.Error);
        first.Output.ShouldContain("demo secretariat created");
        first.Output.ShouldContain("@demo.permanence.invalid");
        (await RunAsync("seed", "--connection", $"Data Source={_file}")).Output.ShouldContain("already present");
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_a_clear_error_not_a_stack_trace()
    {
        var result = await RunAsync("migrate", "--provider", "postgres");
        result.Exit.ShouldBe(2);
        result.Error.ShouldContain("ConnectionStrings:Postgres is not set");
        result.Error.ShouldNotContain("   at ");
    }
}
