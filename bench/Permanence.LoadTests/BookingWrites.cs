using System.Diagnostics;
using NodaTime;
using Npgsql;
using Permanence.Core.Audit;
using Permanence.Core.Common;
using Permanence.Core.Patients;
using Permanence.Core.Scheduling;
using Permanence.Data;
using Permanence.Web.Scheduling;

namespace Permanence.LoadTests;

/// <summary>
/// What a booking costs the database at the least, for reading the bookings' ratio: each worker has one connection
/// (as the INSERT baseline has) and books consecutive 15-minute appointments of its own practitioner in 2099, so the
/// exclusion constraint and the advisory locks do their work without any two workers meeting.
/// </summary>
public sealed class BookingWrites(string connectionString, Guid practice, Guid type, IReadOnlyList<Guid> practitioners)
{
    private const string Actor = "load driver";
    private static readonly Duration Length = Duration.FromMinutes(15);
    private Instant _nextStart = Instant.FromUtc(2099, 1, 5, 7, 0);

    /// <summary>
    /// The statements of <c>POST /appointments</c> on PostgreSQL (<see cref="PostgresBookingStatements"/>) for a new
    /// patient, sent straight over Npgsql with no HTTP, no rules and no check in between: the locks, hold expiry and
    /// agenda read opening the transaction, then the patient, the appointment, its history entry, two audit entries
    /// and the <c>COMMIT</c>.
    /// </summary>
    public Task<(long Count, TimeSpan Elapsed)> RunStatementsAsync(int workers, TimeSpan duration) =>
        RunAsync(workers, duration, async (connection, practitioner, start) =>
        {
            var now = SystemClock.Instance.GetCurrentInstant();
            await PostgresBookingStatements.LockExpireAndReadAsync(connection, null, begin: true, [practitioner], [practitioner],
                start, start + Duration.FromDays(1), now, null, CancellationToken.None);
            var (patient, appointment, history, audit) = Rows(practitioner, start, now);
            await PostgresBookingStatements.InsertBookingAndCommitAsync(connection, patient, appointment, history, audit, begin: false, CancellationToken.None);
        });

    /// <summary>
    /// The least any booking writes, through the same statements, in one transaction and one round trip: <c>BEGIN</c>,
    /// the appointment (of a patient already known, so no patient row), its history entry (who booked it) and its audit
    /// entry (a write of patient data), <c>COMMIT</c>. Nothing is read or checked first.
    /// </summary>
    public Task<(long Count, TimeSpan Elapsed)> RunLeastRowsAsync(int workers, TimeSpan duration) =>
        RunAsync(workers, duration, async (connection, practitioner, start) =>
        {
            var (_, appointment, history, audit) = Rows(practitioner, start, SystemClock.Instance.GetCurrentInstant());
            appointment.PatientId = null;
            await PostgresBookingStatements.InsertBookingAndCommitAsync(connection, null, appointment, history, audit[1..], begin: true, CancellationToken.None);
        });

    /// <summary>
    /// The one row no booking goes without, alone: a single-row <c>INSERT</c> into <c>appointments</c> per round trip,
    /// as the baseline inserts its rows, so the only difference is the table's exclusion constraint, indexes and
    /// foreign keys.
    /// </summary>
    public Task<(long Count, TimeSpan Elapsed)> RunAppointmentRowsAsync(int workers, TimeSpan duration) =>
        RunAsync(workers, duration, async (connection, practitioner, start) =>
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO appointments ("Id", "PracticeId", "PractitionerId", "AppointmentTypeId", "Start", "End", "BlockedStart", "BlockedEnd",
                    "Status", "IsSqueezeIn", "CreatedAt", "CreatedBy")
                VALUES ($1, $2, $3, $4, $5, $6, $5, $6, $7, false, $8, $9)
                """, connection)
            {
                Parameters =
                {
                    new() { Value = Guid.CreateVersion7() }, new() { Value = practice }, new() { Value = practitioner.Value }, new() { Value = type },
                    new() { Value = start }, new() { Value = start + Length }, new() { Value = nameof(AppointmentStatus.Booked) },
                    new() { Value = SystemClock.Instance.GetCurrentInstant() }, new() { Value = Actor },
                },
            };
            await insert.ExecuteNonQueryAsync();
        });

    private async Task<(long Count, TimeSpan Elapsed)> RunAsync(int workers, TimeSpan duration, Func<NpgsqlConnection, PractitionerId, Instant, Task> book)
    {
        if (workers > practitioners.Count)
        {
            throw new ArgumentException($"{workers} workers need at least as many practitioners (there are {practitioners.Count}).");
        }
        await using var source = DatabaseRegistration.PostgresDataSource(connectionString);
        var firstStart = _nextStart;
        long count = 0;
        long most = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            await using var connection = await source.OpenConnectionAsync();
            var practitioner = new PractitionerId(practitioners[worker]);
            var start = firstStart;
            long booked = 0;
            while (clock.Elapsed < duration)
            {
                await book(connection, practitioner, start);
                start += Length;
                booked++;
                Interlocked.Increment(ref count);
            }
            InterlockedMax(ref most, booked);
        })));
        var elapsed = clock.Elapsed;
        _nextStart = firstStart + (Length * most) + Duration.FromDays(1);
        return (count, elapsed);
    }

    private (Patient, StoredAppointment, AppointmentHistoryEntry, AuditEntry[]) Rows(PractitionerId practitioner, Instant start, Instant now)
    {
        var practiceId = new PracticeId(practice);
        var patient = new Patient
        {
            PracticeId = practiceId,
            LastName = "Martin",
            FirstName = "Léa",
            BirthDate = new LocalDate(1985, 6, 1),
            Phone = "+33612345678",
            CreatedAt = now,
        };
        var appointment = new StoredAppointment
        {
            PracticeId = practiceId,
            PractitionerId = practitioner,
            AppointmentTypeId = new AppointmentTypeId(type),
            PatientId = patient.Id,
            Start = start,
            End = start + Length,
            BlockedStart = start,
            BlockedEnd = start + Length,
            Status = AppointmentStatus.Booked,
            CreatedAt = now,
            CreatedBy = Actor,
        };
        var history = new AppointmentHistoryEntry
        {
            AppointmentId = appointment.Id,
            PracticeId = practiceId,
            At = now,
            Action = AppointmentHistoryActions.Booked,
            Actor = Actor,
        };
        AuditEntry[] audit =
        [
            Audit(now, practiceId, "patient.create", "patient", patient.Id.ToString(), "created while booking"),
            Audit(now, practiceId, "appointment.book", "appointment", appointment.Id.ToString(), ""),
        ];
        return (patient, appointment, history, audit);
    }

    private static AuditEntry Audit(Instant at, PracticeId practice, string action, string entityType, string entityId, string detail) => new()
    {
        At = at,
        ActorKind = "api_key",
        ActorName = Actor,
        PracticeId = practice,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Detail = detail,
    };

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
