using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime.Testing;
using Permanence.Data;
using Permanence.Data.Scope;
using Permanence.Web.Calls;
using Permanence.Web.Demo;

namespace Permanence.Web.Tests.Demo;

public sealed class DemoTrafficSimulatorTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_database_that_does_not_answer_is_tried_again_later_and_stopping_still_ends_the_simulator_cleanly()
    {
        await using var database = UnreachableDatabase.Create();
        using var simulator = new DemoTrafficSimulator(database, new StartedHost(), new ListeningServer(), new FakeClock(NodaTime.Instant.FromUtc(2026, 11, 23, 9, 0)),
            Options.Create(new DemoSimulatorOptions { Enabled = true, RetryDelay = TimeSpan.FromMilliseconds(1) }),
            Options.Create(new TelephonyOptions { EventSigningSecret = "demo-signing-secret-0123456789" }), NullLogger<DemoTrafficSimulator>.Instance);

        await simulator.StartAsync(_ct);
        // Without retries the first failure ends the service, faulted, and a faulted hosted service stops the host.
        var first = await Task.WhenAny(database.TriedAgain, simulator.ExecuteTask!);
        await simulator.StopAsync(_ct);

        first.ShouldBe(database.TriedAgain);
        await simulator.ExecuteTask!;
        simulator.ExecuteTask!.IsCompletedSuccessfully.ShouldBeTrue();
    }

    /// <summary>A SQLite database in a folder that does not exist: every query fails to open it.</summary>
    private sealed class UnreachableDatabase(ServiceProvider services) : IServiceScopeFactory, IAsyncDisposable
    {
        private readonly TaskCompletionSource _triedAgain = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _attempts;

        public Task TriedAgain => _triedAgain.Task;

        public static UnreachableDatabase Create()
        {
            var services = new ServiceCollection();
            services.AddSingleton<IPracticeScope>(SystemPracticeScope.Instance);
            var missing = Path.Combine(Path.GetTempPath(), $"permanence-missing-{Guid.NewGuid():N}", "permanence.db");
            services.AddDbContext<PermanenceDbContext, SqlitePermanenceDbContext>(o => o.UseSqlite($"Data Source={missing}"));
            return new UnreachableDatabase(services.BuildServiceProvider());
        }

        public IServiceScope CreateScope()
        {
            if (Interlocked.Increment(ref _attempts) == 2)
            {
                _triedAgain.TrySetResult();
            }
            return services.CreateScope();
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }

    private sealed class StartedHost : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(canceled: true);
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }

    private sealed class ListeningServer : IServer
    {
        public ListeningServer()
        {
            var addresses = new ServerAddressesFeature();
            addresses.Addresses.Add("http://127.0.0.1:5999");
            Features.Set<IServerAddressesFeature>(addresses);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
