using NodaTime;
using Npgsql;
using Permanence.Core.Audit;
using Permanence.Core.Common;
using Permanence.Core.Patients;
using Permanence.Core.Scheduling;

namespace Permanence.Web.Scheduling;

/// <summary>
/// The hand-written SQL of the booking path on PostgreSQL, in one place: the advisory locks, the expiry of lapsed
/// holds and the read of the agenda as one batch, and the rows of a new booking with the <c>COMMIT</c> as a second
/// one, so a booking costs two round trips. The column lists are those of the EF model (a test holds them to it),
/// and the agenda read is the filter of <see cref="AgendaLoader.ReadOccupyingAsync"/>.
/// </summary>
public static class PostgresBookingStatements
{
    public static readonly string[] PatientColumns =
        ["Id", "PracticeId", "LastName", "FirstName", "BirthDate", "Phone", "SecondaryPhone", "Email", "Notes", "CreatedAt"];

    public static readonly string[] AppointmentColumns =
    [
        "Id", "PracticeId", "PractitionerId", "AppointmentTypeId", "PatientId", "Start", "End", "BlockedStart", "BlockedEnd", "Status",
        "HoldExpiresAt", "IsSqueezeIn", "SqueezeInReason", "Notes", "CancellationReason", "RescheduledFromId", "CallId", "CreatedAt", "CreatedBy",
    ];

    /// <summary>Without the identity key, which the database assigns.</summary>
    public static readonly string[] HistoryColumns = ["AppointmentId", "PracticeId", "At", "Action", "Actor", "CallId", "Detail"];

    /// <summary>Without the identity key, which the database assigns.</summary>
    public static readonly string[] AuditColumns =
        ["At", "ActorKind", "ActorId", "ActorName", "PracticeId", "Action", "EntityType", "EntityId", "Detail", "IpAddress"];

    private static readonly string InsertPatient = Insert("patients", PatientColumns);
    private static readonly string InsertAppointment = Insert("appointments", AppointmentColumns);
    private static readonly string InsertHistory = Insert("appointment_history", HistoryColumns);
    private static readonly string InsertAudit = Insert("audit_entries", AuditColumns);

    /// <summary>
    /// Takes the advisory locks of <paramref name="locked"/> (in a fixed order), marks their lapsed holds expired (held
    /// rows are part of the exclusion constraint, so a lapsed hold must stop occupying before anything is inserted over
    /// its time) and returns the occupying appointments of <paramref name="read"/> blocking part of
    /// [<paramref name="from"/>, <paramref name="to"/>), leaving <paramref name="except"/> out. One round trip; with
    /// <paramref name="begin"/>, it opens the transaction too (for a caller that ends it with <see cref="InsertBookingAndCommitAsync"/>).
    /// </summary>
    public static async Task<List<ExistingAppointment>> LockExpireAndReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, bool begin,
        IReadOnlyCollection<PractitionerId> locked, IReadOnlyCollection<PractitionerId> read, Instant from, Instant to, Instant now, AppointmentId? except,
        CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection) { Transaction = transaction };
        if (begin)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        }
        foreach (var practitioner in locked.OrderBy(p => p.Value))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            {
                Parameters = { new() { Value = practitioner.Value.ToString() } },
            });
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """UPDATE appointments SET "Status" = $1 WHERE "PractitionerId" = ANY($2) AND "Status" = $3 AND "HoldExpiresAt" <= $4""")
        {
            Parameters =
            {
                new() { Value = nameof(AppointmentStatus.Expired) },
                new() { Value = locked.Select(p => p.Value).ToArray() },
                new() { Value = nameof(AppointmentStatus.Held) },
                new() { Value = now },
            },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            SELECT "PractitionerId", "AppointmentTypeId", "Start", "End", "BlockedStart", "BlockedEnd" FROM appointments
            WHERE "PractitionerId" = ANY($1) AND "Status" = ANY($2) AND "BlockedStart" < $3 AND "BlockedEnd" > $4
              AND ("Status" <> $5 OR "HoldExpiresAt" > $6) AND "Id" <> $7
            """)
        {
            Parameters =
            {
                new() { Value = read.Select(p => p.Value).ToArray() },
                new() { Value = StoredAppointment.OccupyingStatuses.Select(s => s.ToString()).ToArray() },
                new() { Value = to },
                new() { Value = from },
                new() { Value = nameof(AppointmentStatus.Held) },
                new() { Value = now },
                new() { Value = (except ?? default).Value },
            },
        });
        var appointments = new List<ExistingAppointment>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        do
        {
            // BEGIN, the locks and the UPDATE return no row of six columns; the agenda is the one result that does.
            if (reader.FieldCount != 6)
            {
                continue;
            }
            while (await reader.ReadAsync(ct))
            {
                appointments.Add(new ExistingAppointment(new PractitionerId(reader.GetGuid(0)), new AppointmentTypeId(reader.GetGuid(1)),
                    new TimeRange(reader.GetFieldValue<Instant>(2), reader.GetFieldValue<Instant>(3)),
                    new TimeRange(reader.GetFieldValue<Instant>(4), reader.GetFieldValue<Instant>(5))));
            }
        }
        while (await reader.NextResultAsync(ct));
        return appointments;
    }

    /// <summary>
    /// Inserts a booking's rows (the patient created with it, if any, the appointment, its history entry and the audit
    /// entries) and commits, in one round trip; with <paramref name="begin"/>, it opens the transaction too. An overlap refused by the exclusion constraint throws a
    /// <see cref="PostgresException"/> (<see cref="PostgresErrorCodes.ExclusionViolation"/>) and leaves the transaction
    /// failed, for the caller to roll back; nothing after the failing statement runs.
    /// </summary>
    public static async Task InsertBookingAndCommitAsync(NpgsqlConnection connection, Patient? patient, StoredAppointment appointment,
        AppointmentHistoryEntry history, IReadOnlyList<AuditEntry> audit, bool begin, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (begin)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        }
        if (patient is not null)
        {
            batch.BatchCommands.Add(Command(InsertPatient, patient.Id.Value, patient.PracticeId.Value, patient.LastName, patient.FirstName,
                patient.BirthDate, patient.Phone, patient.SecondaryPhone, patient.Email, patient.Notes, patient.CreatedAt));
        }
        batch.BatchCommands.Add(Command(InsertAppointment, appointment.Id.Value, appointment.PracticeId.Value, appointment.PractitionerId.Value,
            appointment.AppointmentTypeId.Value, appointment.PatientId?.Value, appointment.Start, appointment.End, appointment.BlockedStart,
            appointment.BlockedEnd, appointment.Status.ToString(), appointment.HoldExpiresAt, appointment.IsSqueezeIn, appointment.SqueezeInReason,
            appointment.Notes, appointment.CancellationReason, appointment.RescheduledFromId?.Value, appointment.CallId, appointment.CreatedAt,
            appointment.CreatedBy));
        batch.BatchCommands.Add(Command(InsertHistory, history.AppointmentId.Value, history.PracticeId.Value, history.At, history.Action, history.Actor,
            history.CallId, history.Detail));
        foreach (var entry in audit)
        {
            batch.BatchCommands.Add(Command(InsertAudit, entry.At, entry.ActorKind, entry.ActorId, entry.ActorName, entry.PracticeId?.Value,
                entry.Action, entry.EntityType, entry.EntityId, entry.Detail, entry.IpAddress));
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Ends the transaction <see cref="LockExpireAndReadAsync"/> opened with <c>begin</c>, whether it failed or not.</summary>
    public static async Task RollbackAsync(NpgsqlConnection connection)
    {
        await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
        // Not cancellable: a connection must not go back to the pool inside the transaction.
        await rollback.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static string Insert(string table, string[] columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"${i + 1}"))})";

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return command;
    }
}
