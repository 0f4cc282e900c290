using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Permanence.Data;

namespace Permanence.Web.Tests.Data;

/// <summary>
/// A temporary failure is answered 503 and fails a whole batch of call events at once; any other is a statement the
/// database refuses, and the call-event writer then stores the batch's events one by one.
/// </summary>
public sealed class DatabaseFailuresTests
{
    [Fact]
    public void A_database_down_saturated_or_timing_out_is_temporary()
    {
        Exception[] failures =
        [
            new NpgsqlException("The connection pool has been exhausted", new TimeoutException()),
            new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
            new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections),
            new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow),
            new DbUpdateException("An error occurred while saving", new SqliteException("database is locked", 5)),
        ];

        failures.ShouldAllBe(f => DatabaseFailures.IsTemporary(f));
    }

    [Fact]
    public void A_statement_the_database_refuses_is_not_temporary()
    {
        Exception[] failures =
        [
            new PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", PostgresErrorCodes.CharacterNotInRepertoire),
            new PostgresException("value too long for type character varying(4000)", "ERROR", "ERROR", PostgresErrorCodes.StringDataRightTruncation),
            new DbUpdateException("An error occurred while saving", new SqliteException("NOT NULL constraint failed", 19)),
        ];

        failures.ShouldAllBe(f => !DatabaseFailures.IsTemporary(f));
    }
}
