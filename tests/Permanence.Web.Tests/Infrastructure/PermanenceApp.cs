using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;
using Npgsql;
using Permanence.Data;
using Permanence.Data.Scope;
using Permanence.Web.Calls;

namespace Permanence.Web.Tests.Infrastructure;

/// <summary>Which database a test host runs on.</summary>
public enum TestDatabase
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real web host over a fresh database of its own: a temporary SQLite file, or a new PostgreSQL database on the
/// server named by <c>PERMANENCE_TEST_POSTGRES</c> (scripts/test.sh starts one). A fake clock drives time.
/// </summary>
public class PermanenceApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string BootstrapKey = "test-bootstrap-key-0123456789";
    public const string EventSigningSecret = "test-event-signing-secret-0123456789";
    public const string TwilioAuthToken = "test-twilio-auth-token-0123456789";
    private readonly string _databaseName;
    private readonly string _sqliteFile;
    private bool _ownsDatabase;
    private readonly bool _createsDatabase;

    public PermanenceApp(TestDatabase database, bool requireTwoFactor = false)
    {
        Database = database;
        RequireTwoFactor = requireTwoFactor;
        DatabaseKey = Guid.NewGuid().ToString("N");
        _databaseName = $"permanence_test_{DatabaseKey}";
        _sqliteFile = Path.Combine(Path.GetTempPath(), $"permanence-test-{DatabaseKey}.db");
        _ownsDatabase = true;
        _createsDatabase = true;
    }

    /// <summary>
    /// A second host over the database of <paramref name="first"/>, as a restarted web node: it does not create the
    /// database, and takes over dropping it, so <paramref name="first"/> can be disposed before this one starts.
    /// </summary>
    public PermanenceApp(PermanenceApp first)
    {
        ArgumentNullException.ThrowIfNull(first);
        Database = first.Database;
        RequireTwoFactor = first.RequireTwoFactor;
        DatabaseKey = first.DatabaseKey;
        _databaseName = first._databaseName;
        _sqliteFile = first._sqliteFile;
        _ownsDatabase = true;
        first._ownsDatabase = false;
        _createsDatabase = false;
    }

    /// <summary>Names this host's database (file or PostgreSQL database).</summary>
    public string DatabaseKey { get; }

    public TestDatabase Database { get; }
    public bool RequireTwoFactor { get; }
    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 23, 8, 0));

    /// <summary>Connection string of the PostgreSQL server for tests, or null when none is configured.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("PERMANENCE_TEST_POSTGRES");

    /// <summary>Skips (loudly) when PostgreSQL is not configured; fails instead when the test script promised it.</summary>
    public static void RequirePostgres()
    {
        if (PostgresServer is not null)
        {
            return;
        }
        if (Environment.GetEnvironmentVariable("PERMANENCE_REQUIRE_POSTGRES") == "1")
        {
            Assert.Fail("PERMANENCE_REQUIRE_POSTGRES=1 but PERMANENCE_TEST_POSTGRES is not set.");
        }
        Assert.Skip("SKIPPED: PostgreSQL is not available (set PERMANENCE_TEST_POSTGRES, or run ./scripts/test.sh which starts one).");
    }

    /// <summary>host:port of the Redis server for the scale-out tests, or null when none runs (scripts/test.sh starts one).</summary>
    public static string? RedisServer => Environment.GetEnvironmentVariable("PERMANENCE_TEST_REDIS");

    /// <summary>Skips (loudly) when Redis is not running; fails instead when the test script promised it.</summary>
    public static void RequireRedis()
    {
        if (RedisServer is not null)
        {
            return;
        }
        if (Environment.GetEnvironmentVariable("PERMANENCE_REQUIRE_REDIS") == "1")
        {
            Assert.Fail("PERMANENCE_REQUIRE_REDIS=1 but PERMANENCE_TEST_REDIS is not set.");
        }
        Assert.Skip("SKIPPED: Redis is not available (set PERMANENCE_TEST_REDIS, or run ./scripts/test.sh which starts one).");
    }

    /// <summary>host:port of the SMTP sink for tests, or null when none runs (scripts/test.sh starts one).</summary>
    public static string? SmtpSink => Environment.GetEnvironmentVariable("PERMANENCE_TEST_SMTP");

    /// <summary>The folder where the SMTP sink writes each received message as a .eml file.</summary>
    public static string? SmtpSinkFolder => Environment.GetEnvironmentVariable("PERMANENCE_TEST_SMTP_DIR");

    /// <summary>Skips (loudly) when the SMTP sink is not running; fails instead when the test script promised it.</summary>
    public static void RequireSmtp()
    {
        if (SmtpSink is not null && SmtpSinkFolder is not null)
        {
            return;
        }
        if (Environment.GetEnvironmentVariable("PERMANENCE_REQUIRE_SMTP") == "1")
        {
            Assert.Fail("PERMANENCE_REQUIRE_SMTP=1 but PERMANENCE_TEST_SMTP / PERMANENCE_TEST_SMTP_DIR are not set.");
        }
        Assert.Skip("SKIPPED: no SMTP sink (set PERMANENCE_TEST_SMTP and PERMANENCE_TEST_SMTP_DIR, or run ./scripts/test.sh which starts one).");
    }

    /// <summary>Called by every test over this host: skips or fails when its database server is missing.</summary>
    public void EnsureAvailable()
    {
        if (Database == TestDatabase.Postgres)
        {
            RequirePostgres();
        }
    }

    /// <remarks>
    /// PostgreSQL sessions run in Paris time, as on a server set up in France: no statement may depend on the session's
    /// zone (a day added to an instant is 23 or 25 hours there across a clock change).
    /// </remarks>
    public string ConnectionString => Database == TestDatabase.Postgres
        ? new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _databaseName, Timezone = "Europe/Paris" }.ConnectionString
        : $"Data Source={_sqliteFile}";

    public virtual async ValueTask InitializeAsync()
    {
        if (Database == TestDatabase.Postgres)
        {
            if (PostgresServer is null)
            {
                return; // Each test reports the skip (or the failure) through EnsureAvailable.
            }
            if (!_createsDatabase)
            {
                _ = Server;
                return;
            }
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        // Building the server runs start-up: migrations, roles, bootstrap key.
        _ = Server;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsDatabase)
        {
            GC.SuppressFinalize(this);
            return;
        }
        if (Database == TestDatabase.Postgres && PostgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.ToString());
        builder.UseSetting($"ConnectionStrings:{Database}", ConnectionString);
        builder.UseSetting("Bootstrap:ApiKey", BootstrapKey);
        builder.UseSetting("Security:RequireTwoFactor", RequireTwoFactor ? "true" : "false");
        builder.UseSetting("Telephony:EventSigningSecret", EventSigningSecret);
        builder.UseSetting("Telephony:Twilio:AuthToken", TwilioAuthToken);
        // The test server's own address: TwiML is signed over http://localhost/…, e-mailed links point there.
        builder.UseSetting("Hosting:PublicBaseUrl", "http://localhost");
        // Tests run escalation passes themselves, with the fake clock.
        builder.UseSetting("Messaging:EscalationJobEnabled", "false");
        // Tests run the distributor's timer passes themselves, with the fake clock.
        builder.UseSetting("Acd:TickerEnabled", "false");
        if (SmtpSink?.Split(':') is [var smtpHost, var smtpPort])
        {
            builder.UseSetting("Notifications:Smtp:Enabled", "true");
            builder.UseSetting("Notifications:Smtp:Host", smtpHost);
            builder.UseSetting("Notifications:Smtp:Port", smtpPort);
            builder.UseSetting("Notifications:Smtp:From", "permanence-tests@localhost");
        }
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IClock>(Clock)));
    }

    /// <summary>A client authenticated with the bootstrap administrator key.</summary>
    public HttpClient AdminClient() => ClientWithKey(BootstrapKey);

    public HttpClient ClientWithKey(string secret)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A client that keeps cookies, for console sign-in.</summary>
    /// <summary>A started connection to the calls hub over the in-memory server, authenticated with an API key.</summary>
    public async Task<HubConnection> ConnectToCallsHubAsync(string apiKey, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, CallsHub.Route.TrimStart('/')), options =>
            {
                options.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                options.Headers["Authorization"] = $"Bearer {apiKey}";
            })
            .Build();
        await connection.StartAsync(ct);
        return connection;
    }

    public HttpClient CookieClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });

    /// <summary>A DbContext seeing every practice, to check what the API really wrote.</summary>
    public async Task<T> WithDbAsync<T>(Func<PermanenceDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PermanenceDbContext>());
    }

    /// <summary>A DbContext built for an arbitrary practice scope, to test the query filter on its own.</summary>
    public PermanenceDbContext DbContextFor(IPracticeScope scope)
    {
        if (Database == TestDatabase.Postgres)
        {
            var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<PostgresPermanenceDbContext>();
            DatabaseRegistration.ConfigurePostgres(options, ConnectionString);
            return new PostgresPermanenceDbContext(options.Options, scope);
        }
        var sqlite = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<SqlitePermanenceDbContext>();
        DatabaseRegistration.ConfigureSqlite(sqlite, ConnectionString);
        return new SqlitePermanenceDbContext(sqlite.Options, scope);
    }
}

public sealed class SqliteApp() : PermanenceApp(TestDatabase.Sqlite);

public sealed class PostgresApp() : PermanenceApp(TestDatabase.Postgres);

public static class HttpJson
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var value = await response.Content.ReadFromJsonAsync<T>(TestJson.Options, TestContext.Current.CancellationToken);
        return value ?? throw new InvalidOperationException("Empty JSON body.");
    }
}
