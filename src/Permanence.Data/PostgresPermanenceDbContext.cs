using Microsoft.EntityFrameworkCore;
using Permanence.Data.Scope;

namespace Permanence.Data;

/// <summary>The production store; NodaTime types map natively (timestamptz, date, time). Migrations in Migrations/Postgres.</summary>
public sealed class PostgresPermanenceDbContext(DbContextOptions<PostgresPermanenceDbContext> options, IPracticeScope scope)
    : PermanenceDbContext(options, scope);
