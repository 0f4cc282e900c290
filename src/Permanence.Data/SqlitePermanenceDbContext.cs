using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Data.Configuration;
using Permanence.Data.Scope;

namespace Permanence.Data;

/// <summary>The embedded, zero-setup store (default). Migrations in Migrations/Sqlite.</summary>
public sealed class SqlitePermanenceDbContext(DbContextOptions<SqlitePermanenceDbContext> options, IPracticeScope scope)
    : PermanenceDbContext(options, scope)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<Instant>().HaveConversion<NodaTimeSqliteConverters.InstantConverter>();
        configurationBuilder.Properties<LocalDate>().HaveConversion<NodaTimeSqliteConverters.LocalDateConverter>().HaveMaxLength(10);
        configurationBuilder.Properties<LocalTime>().HaveConversion<NodaTimeSqliteConverters.LocalTimeConverter>();
    }
}
