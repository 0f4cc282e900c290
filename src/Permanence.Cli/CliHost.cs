using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Permanence.Data;
using Permanence.Data.Scope;
using Permanence.Data.Staff;

namespace Permanence.Cli;

/// <summary>
/// The services the database commands need, configured like the web host: environment variables
/// (<c>Database__Provider</c>, <c>ConnectionStrings__Postgres</c>, <c>ConnectionStrings__Sqlite</c>) or the
/// <c>--provider</c> and <c>--connection</c> options.
/// </summary>
internal static class CliHost
{
    public static readonly Option<string?> Provider = new("--provider") { Description = "Sqlite (default) or Postgres" };
    public static readonly Option<string?> Connection = new("--connection") { Description = "Connection string for the provider" };

    public static void AddDatabaseOptions(Command command)
    {
        command.Options.Add(Provider);
        command.Options.Add(Connection);
    }

    /// <summary>Builds the services and runs <paramref name="work"/> in a scope; a misconfiguration is one clear line, exit 2.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, Task<int>> work)
    {
        ServiceProvider services;
        try
        {
            services = Build(parse);
        }
        catch (InvalidOperationException e)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            return await work(scope.ServiceProvider);
        }
    }

    private static ServiceProvider Build(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        var provider = parse.GetValue(Provider);
        if (provider is not null)
        {
            overrides["Database:Provider"] = provider;
        }
        var connection = parse.GetValue(Connection);
        if (connection is not null)
        {
            var isPostgres = string.Equals(provider ?? Environment.GetEnvironmentVariable("Database__Provider"), "postgres", StringComparison.OrdinalIgnoreCase);
            overrides[isPostgres ? "ConnectionStrings:Postgres" : "ConnectionStrings:Sqlite"] = connection;
        }
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton<IPracticeScope>(SystemPracticeScope.Instance);
        services.AddPermanenceDatabase(configuration);
        services.AddIdentityCore<StaffUser>(o => o.User.RequireUniqueEmail = true)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<PermanenceDbContext>();
        services.AddSingleton(TimeProvider.System);
        return services.BuildServiceProvider();
    }
}
