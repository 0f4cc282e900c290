using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Permanence.Data;
using Permanence.Data.Demo;
using Permanence.Data.Scope;
using Permanence.Data.Staff;

namespace Permanence.Web.Tests.Demo;

/// <summary>
/// A migrated in-memory SQLite database with Identity wired as the web host does, and the demo seeder over it. The
/// connection stays open for the life of the object, since an in-memory database dies with its last connection.
/// Tests query with <c>IgnoreQueryFilters()</c>: they look at every demo practice, not at one caller's scope.
/// </summary>
public sealed class DemoDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly ServiceProvider _services;

    private DemoDatabase(SqliteConnection connection, ServiceProvider services)
    {
        _connection = connection;
        _services = services;
    }

    public static async Task<DemoDatabase> CreateAsync(Instant now, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IPracticeScope>(SystemPracticeScope.Instance);
        services.AddSingleton<IClock>(new FakeClock(now));
        services.AddDbContext<PermanenceDbContext, SqlitePermanenceDbContext>(o => o.UseSqlite(connection));
        services.AddIdentityCore<StaffUser>().AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<PermanenceDbContext>();
        services.AddScoped<DemoSecretariatSeeder>();
        var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PermanenceDbContext>().Database.MigrateAsync(cancellationToken);
        }
        return new DemoDatabase(connection, provider);
    }

    /// <summary>Runs the seeder in its own scope, as the web host does at start-up.</summary>
    public async Task<DemoSeedSummary> SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoSecretariatSeeder>().SeedAsync(cancellationToken);
    }

    public async Task<T> QueryAsync<T>(Func<PermanenceDbContext, Task<T>> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PermanenceDbContext>());
    }

    public async Task<T> WithUsersAsync<T>(Func<UserManager<StaffUser>, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
