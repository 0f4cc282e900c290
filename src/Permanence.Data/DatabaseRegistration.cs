using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Permanence.Data.Caching;

namespace Permanence.Data;

/// <summary>Registers the DbContext for the configured provider.</summary>
public static class DatabaseRegistration
{
    /// <summary>
    /// The default database file, in the user's data folder (~/.local/share/Permanence on Linux), so the web host and
    /// the CLI find the same file whatever folder they are started from.
    /// </summary>
    public static string DefaultSqliteConnectionString => $"Data Source={Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "Permanence", "permanence.db")}";

    /// <summary>
    /// The options depend only on configuration and singletons, so they are built once: built per scope, they cost
    /// more than the rest of a request that is answered from the caches.
    /// </summary>
    private const ServiceLifetime OptionsLifetime = ServiceLifetime.Singleton;

    public static IServiceCollection AddPermanenceDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton<PracticeRuleVersions>();
        services.AddSingleton<AppointmentVersions>();
        services.AddSingleton<ApiKeyVersions>();
        services.AddSingleton<CacheInvalidationInterceptor>();
        // The request's context, built only when something reads the database: a request the caches answer builds none.
        services.AddScoped(provider => new Lazy<PermanenceDbContext>(provider.GetRequiredService<PermanenceDbContext>));
        if (options.IsPostgres)
        {
            var connectionString = configuration.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set.");
            }
            // One data source (one pool, one set of type mappings) for EF Core and for the few paths that send their own SQL.
            services.AddSingleton(_ => PostgresDataSource(connectionString));
            services.AddDbContext<PermanenceDbContext, PostgresPermanenceDbContext>((provider, o) =>
                ConfigurePostgres(o, provider.GetRequiredService<NpgsqlDataSource>()).AddInterceptors(provider.GetRequiredService<CacheInvalidationInterceptor>()),
                ServiceLifetime.Scoped, OptionsLifetime);
        }
        else
        {
            var connectionString = configuration.GetConnectionString("Sqlite") ?? DefaultSqliteConnectionString;
            EnsureSqliteFolder(connectionString);
            services.AddDbContext<PermanenceDbContext, SqlitePermanenceDbContext>((provider, o) =>
                ConfigureSqlite(o, connectionString).AddInterceptors(provider.GetRequiredService<CacheInvalidationInterceptor>()),
                ServiceLifetime.Scoped, OptionsLifetime);
        }
        return services;
    }

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.UseNodaTime().MigrationsHistoryTable("__ef_migrations_history"));

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder builder, NpgsqlDataSource dataSource) =>
        builder.UseNpgsql(dataSource, npgsql => npgsql.UseNodaTime().MigrationsHistoryTable("__ef_migrations_history"));

    /// <summary>The data source of <paramref name="connectionString"/>, with the NodaTime types the model uses.</summary>
    public static NpgsqlDataSource PostgresDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNodaTime();
        return builder.Build();
    }

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history"));

    /// <summary>Creates the folder of a file database so a fresh checkout runs without set-up.</summary>
    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}
