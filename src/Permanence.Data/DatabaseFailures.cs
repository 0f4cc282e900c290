using Microsoft.Data.Sqlite;
using Npgsql;

namespace Permanence.Data;

/// <summary>Tells a database that is unavailable for now from a statement the database refuses.</summary>
public static class DatabaseFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// Whether <paramref name="exception"/>, or one it wraps, says the database is down, saturated or timing out (the
    /// pool exhausted, the server refusing connections, a lock wait running out): the same request may succeed in a
    /// moment. False for a statement the database refuses, which fails again however often it is sent.
    /// </summary>
    public static bool IsTemporary(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException || e is NpgsqlException { IsTransient: true } || e is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            {
                return true;
            }
        }
        return false;
    }
}
