using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using Permanence.Core.Audit;
using Permanence.Core.Common;
using Permanence.Core.Patients;
using Permanence.Core.Scheduling;
using Permanence.Data;
using Permanence.Web.Scheduling;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Scheduling;

/// <summary>The hand-written SQL of the booking path on PostgreSQL agrees with the EF model and filter it stands in for.</summary>
public sealed class PostgresBookingStatementsTests : IClassFixture<PostgresApp>
{
    private readonly PostgresApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public PostgresBookingStatementsTests(PostgresApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    public static TheoryData<string> Tables => ["patients", "appointments", "appointment_history", "audit_entries"];

    [Theory]
    [MemberData(nameof(Tables))]
    public void The_inserts_write_every_column_of_the_model_except_the_identity_key(string table)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PermanenceDbContext>();
        var (entity, written) = table switch
        {
            "patients" => (typeof(Patient), PostgresBookingStatements.PatientColumns),
            "appointments" => (typeof(StoredAppointment), PostgresBookingStatements.AppointmentColumns),
            "appointment_history" => (typeof(AppointmentHistoryEntry), PostgresBookingStatements.HistoryColumns),
            _ => (typeof(AuditEntry), PostgresBookingStatements.AuditColumns),
        };
        var type = db.Model.FindEntityType(entity)!;
        type.GetTableName().ShouldBe(table);
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var columns = type.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ClrType == typeof(long)))
            .Select(p => p.GetColumnName(store)!);
        written.Order().ShouldBe(columns.Order());
    }

    [Fact]
    public async Task A_booking_with_a_new_patient_is_read_back_whole_by_EF()
    {
        var agenda = await _app.CreateAgendaAsync();
        var response = await agenda.BookAsync("2026-12-01T09:00:00+01:00", SchedulingData.Patient("Relu"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        var id = new AppointmentId((await response.ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("id").GetGuid());

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PermanenceDbContext>();
        var appointment = await db.Appointments.IgnoreQueryFilters().SingleAsync(a => a.Id == id, _ct);
        appointment.Status.ShouldBe(AppointmentStatus.Booked);
        appointment.PracticeId.ShouldBe(new PracticeId(agenda.Practice));
        appointment.PractitionerId.ShouldBe(new PractitionerId(agenda.Practitioner));
        appointment.AppointmentTypeId.ShouldBe(new AppointmentTypeId(agenda.Type));
        appointment.Start.ShouldBe(Instant.FromUtc(2026, 12, 1, 8, 0));
        appointment.End.ShouldBe(Instant.FromUtc(2026, 12, 1, 8, 30));
        (appointment.BlockedStart, appointment.BlockedEnd).ShouldBe((appointment.Start, appointment.End));
        appointment.HoldExpiresAt.ShouldBeNull();
        appointment.IsSqueezeIn.ShouldBeFalse();
        appointment.CreatedAt.ShouldBe(_app.Clock.GetCurrentInstant());
        appointment.CreatedBy.ShouldNotBeNullOrWhiteSpace();

        var patient = await db.Patients.IgnoreQueryFilters().SingleAsync(p => p.Id == appointment.PatientId, _ct);
        (patient.LastName, patient.FirstName, patient.BirthDate, patient.PracticeId).ShouldBe(("Relu", "Léa", new LocalDate(1985, 6, 1), appointment.PracticeId));
        patient.Phone.ShouldNotBeNull();

        var history = await db.AppointmentHistory.IgnoreQueryFilters().Where(h => h.AppointmentId == id).ToListAsync(_ct);
        history.Select(h => (h.Action, h.Actor, h.PracticeId)).ShouldBe([(AppointmentHistoryActions.Booked, appointment.CreatedBy, appointment.PracticeId)]);

        var audit = await db.AuditEntries.Where(e => e.PracticeId == appointment.PracticeId && (e.EntityId == id.ToString() || e.EntityId == patient.Id.ToString()))
            .OrderBy(e => e.Id).ToListAsync(_ct);
        audit.Select(e => (e.Action, e.ActorName, e.At)).ShouldBe([
            ("patient.create", appointment.CreatedBy, appointment.CreatedAt),
            ("appointment.book", appointment.CreatedBy, appointment.CreatedAt),
        ]);
    }

    [Fact]
    public async Task An_overlap_refused_by_the_exclusion_constraint_writes_nothing_once_rolled_back()
    {
        var agenda = await _app.CreateAgendaAsync();
        var first = await agenda.BookAsync("2026-12-01T09:00:00+01:00");
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(_ct));

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PermanenceDbContext>();
        var dataSource = scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>();
        var practice = new PracticeId(agenda.Practice);
        var now = _app.Clock.GetCurrentInstant();
        var patient = new Patient { PracticeId = practice, LastName = "Chevauchement", FirstName = "Léa", BirthDate = new LocalDate(1985, 6, 1), CreatedAt = now };
        var start = Instant.FromUtc(2026, 12, 1, 8, 15);
        var overlapping = new StoredAppointment
        {
            PracticeId = practice,
            PractitionerId = new PractitionerId(agenda.Practitioner),
            AppointmentTypeId = new AppointmentTypeId(agenda.Type),
            PatientId = patient.Id,
            Start = start,
            End = start + Duration.FromMinutes(30),
            BlockedStart = start,
            BlockedEnd = start + Duration.FromMinutes(30),
            Status = AppointmentStatus.Booked,
            CreatedAt = now,
            CreatedBy = "test",
        };
        var history = new AppointmentHistoryEntry { AppointmentId = overlapping.Id, PracticeId = practice, At = now, Action = AppointmentHistoryActions.Booked, Actor = "test" };
        var audit = new AuditEntry { At = now, ActorKind = "system", ActorName = "test", PracticeId = practice, Action = "appointment.book", EntityId = overlapping.Id.ToString() };

        await using (var connection = await dataSource.OpenConnectionAsync(_ct))
        {
            await PostgresBookingStatements.LockExpireAndReadAsync(connection, null, begin: true, [overlapping.PractitionerId], [overlapping.PractitionerId],
                start, start + Duration.FromDays(1), now, null, _ct);
            var refused = await Should.ThrowAsync<PostgresException>(() =>
                PostgresBookingStatements.InsertBookingAndCommitAsync(connection, patient, overlapping, history, [audit], begin: false, _ct));
            refused.SqlState.ShouldBe(PostgresErrorCodes.ExclusionViolation);
            await PostgresBookingStatements.RollbackAsync(connection);
        }

        (await db.Patients.IgnoreQueryFilters().AnyAsync(p => p.Id == patient.Id, _ct)).ShouldBeFalse();
        (await db.Appointments.IgnoreQueryFilters().AnyAsync(a => a.Id == overlapping.Id, _ct)).ShouldBeFalse();
        (await db.AuditEntries.AnyAsync(e => e.EntityId == overlapping.Id.ToString(), _ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task The_agenda_read_returns_what_the_EF_filter_returns()
    {
        var agenda = await _app.CreateAgendaAsync();
        var practice = agenda.Practice;
        (await agenda.BookAsync("2026-12-01T09:00:00+01:00")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var cancelled = await agenda.BookAsync("2026-12-01T09:30:00+01:00");
        var cancelledId = (await cancelled.ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("id").GetGuid();
        (await agenda.Client.PostAsJsonAsync($"/api/practices/{practice}/appointments/{cancelledId}/cancel", new { reason = "empêché" }, _ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await agenda.Client.PostAsJsonAsync($"/api/practices/{practice}/holds",
            new { practitionerId = agenda.Practitioner, appointmentTypeId = agenda.Type, start = "2026-12-01T10:00:00+01:00" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var held = await agenda.Client.PostAsJsonAsync($"/api/practices/{practice}/holds",
            new { practitionerId = agenda.Practitioner, appointmentTypeId = agenda.Type, start = "2026-12-01T11:00:00+01:00" }, _ct);
        var heldId = new AppointmentId((await held.ReadAsync<JsonElement>()).GetProperty("id").GetGuid());
        (await agenda.BookAsync("2026-12-02T09:00:00+01:00")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PermanenceDbContext>();
        var loader = scope.ServiceProvider.GetRequiredService<AgendaLoader>();
        var practitioner = new PractitionerId(agenda.Practitioner);
        var created = _app.Clock.GetCurrentInstant();
        var windows = new[]
        {
            (Instant.FromUtc(2026, 11, 30, 23, 0), Instant.FromUtc(2026, 12, 1, 23, 0)),
            (Instant.FromUtc(2026, 12, 1, 8, 15), Instant.FromUtc(2026, 12, 1, 9, 0)),
            (Instant.FromUtc(2026, 11, 30, 0, 0), Instant.FromUtc(2026, 12, 3, 0, 0)),
        };
        foreach (var (from, to) in windows)
        {
            foreach (var now in new[] { created, created + Duration.FromMinutes(6) })
            {
                foreach (var except in new AppointmentId?[] { null, heldId })
                {
                    var expected = await loader.ReadOccupyingAsync([practitioner], from, to, now, except, _ct);
                    await db.Database.OpenConnectionAsync(_ct);
                    var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                    await using (var transaction = await connection.BeginTransactionAsync(_ct))
                    {
                        // Locks nothing and expires nothing: only the read is compared (the transaction is rolled back).
                        var read = await PostgresBookingStatements.LockExpireAndReadAsync(connection, transaction, begin: false, [], [practitioner],
                            from, to, now, except, _ct);
                        read.OrderBy(a => a.Time.Start).ShouldBe(expected.OrderBy(a => a.Time.Start), $"{from}–{to} at {now} except {except}");
                    }
                    await db.Database.CloseConnectionAsync();
                }
            }
        }
    }
}
