using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Permanence.Data;

/// <summary>
/// Writes the modified entities of one type that a context tracks in one <c>UPDATE … FROM unnest(…)</c> on PostgreSQL,
/// where <c>SaveChanges</c> sends (and PostgreSQL plans) one statement per entity. Every column modified on any of them
/// is set on all of them, from their current values. Concurrency tokens are not checked: only for rows the current
/// transaction holds locked. The entities stay modified in the tracker; the caller accepts the changes.
/// </summary>
public static class PostgresSetUpdate
{
    /// <returns>The number of entities written.</returns>
    public static async Task<int> WriteModifiedAsync<TEntity>(DbContext db, CancellationToken ct) where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = db.ChangeTracker.Entries<TEntity>().Where(e => e.State == EntityState.Modified).ToList();
        var modified = entries.SelectMany(e => e.Properties.Where(p => p.IsModified).Select(p => p.Metadata)).Distinct().ToList();
        if (modified.Count == 0)
        {
            return 0;
        }
        var type = db.Model.FindEntityType(typeof(TEntity))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var key = type.FindPrimaryKey()!.Properties.Single();
        IReadOnlyList<IProperty> columns = [key, .. modified];
        string Column(IProperty property) => Quote(property.GetColumnName(table)!);
        var sql = string.Create(CultureInfo.InvariantCulture, $"""
            UPDATE {Quote(table.Name)} AS t SET {string.Join(", ", modified.Select((p, i) => $"{Column(p)} = v.c{i + 1}"))}
            FROM unnest({string.Join(", ", columns.Select((p, i) => $"${i + 1}::{p.GetColumnType(table)}[]"))})
                AS v({string.Join(", ", columns.Select((_, i) => $"c{i}"))})
            WHERE t.{Column(key)} = v.c0
            """);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand(sql, connection)
        {
            Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
        };
        foreach (var column in columns)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Values(column, entries) });
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The column's stored values, one per entry, as an array of its provider type.</summary>
    private static Array Values<TEntity>(IProperty property, List<EntityEntry<TEntity>> entries) where TEntity : class
    {
        var converter = property.GetTypeMapping().Converter;
        var stored = converter?.ProviderClrType ?? property.ClrType;
        var element = property.IsNullable && stored.IsValueType && Nullable.GetUnderlyingType(stored) is null
            ? typeof(Nullable<>).MakeGenericType(stored)
            : stored;
        var values = Array.CreateInstance(element, entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var value = entries[i].Property(property.Name).CurrentValue;
            values.SetValue(value is null || converter is null ? value : converter.ConvertToProvider(value), i);
        }
        return values;
    }

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
