using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Permanence.Data.Scope;

namespace Permanence.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePermanenceDbContext>
{
    public SqlitePermanenceDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqlitePermanenceDbContext>();
        DatabaseRegistration.ConfigureSqlite(builder, "Data Source=design-time.db");
        return new SqlitePermanenceDbContext(builder.Options, SystemPracticeScope.Instance);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPermanenceDbContext>
{
    public PostgresPermanenceDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresPermanenceDbContext>();
        DatabaseRegistration.ConfigurePostgres(builder, "Host=localhost;Database=permanence_design");
        return new PostgresPermanenceDbContext(builder.Options, SystemPracticeScope.Instance);
    }
}
