using NodaTime;
using Permanence.Data.Demo;

namespace Permanence.Web.Tests.Demo;

/// <summary>A demo secretariat seeded once, at <see cref="Now"/>, and shared by the tests of a class.</summary>
public sealed class SeededDemoSecretariat : IAsyncLifetime
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 9, 0);

    public DemoDatabase Database { get; private set; } = null!;
    public DemoSeedSummary Summary { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await DemoDatabase.CreateAsync(Now, TestContext.Current.CancellationToken);
        Summary = await Database.SeedAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
