using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Audit;

public abstract class AuditTrailTests
{
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected AuditTrailTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task Reading_a_patient_records_who_read_it()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeAsync();
        var patient = await admin.CreatePatientAsync(practice);
        using var secretary = _app.ClientWithKey(await admin.CreateApiKeyAsync("secretary", practice));
        (await secretary.GetAsync($"/api/practices/{practice}/patients/{patient}", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entries = await (await admin.GetAsync($"/api/audit?practiceId={practice}&action=patient.", _ct)).ReadAsync<JsonElement>();
        var read = entries.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "patient.read");
        read.GetProperty("entityId").GetString().ShouldBe(patient.ToString());
        read.GetProperty("actorKind").GetString().ShouldBe("api_key");
        read.GetProperty("actorName").GetString()!.ShouldStartWith("api-key:secretary");
        entries.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldContain("patient.create");
    }

    [Fact]
    public async Task Audit_details_never_carry_patient_identity()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeAsync();
        await admin.CreatePatientAsync(practice, "Zyxwvutsrq", "Ondine");
        var text = await (await admin.GetAsync($"/api/audit?practiceId={practice}", _ct)).Content.ReadAsStringAsync(_ct);
        text.ShouldNotContain("Zyxwvutsrq");
        text.ShouldNotContain("+33612345678");
    }

    [Fact]
    public async Task A_change_and_its_audit_entry_are_saved_together()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeAsync();
        var before = await _app.WithDbAsync(db => db.AuditEntries.CountAsync(_ct));
        var rejected = await admin.PostAsJsonAsync($"/api/practices/{practice}/patients", new { lastName = "Sans", firstName = "Date" }, _ct);
        rejected.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _app.WithDbAsync(db => db.AuditEntries.CountAsync(_ct))).ShouldBe(before);
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_audit_entries()
    {
        using var admin = _app.AdminClient();
        await admin.CreatePracticeAsync();
        await _app.WithDbAsync<int>(async db =>
        {
            await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Detail\" = 'tampered'", _ct));
            await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries", _ct));
            return 0;
        });
        (await _app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Detail == "tampered", _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task The_audit_trail_is_for_administrators_only()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeAsync();
        using var supervisor = _app.ClientWithKey(await admin.CreateApiKeyAsync("supervisor", practice));
        (await supervisor.GetAsync("/api/audit", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.GetAsync("/api/audit?from=yesterday", _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

public sealed class AuditTrailTestsOnSqlite(SqliteApp app) : AuditTrailTests(app), IClassFixture<SqliteApp>;

public sealed class AuditTrailTestsOnPostgres(PostgresApp app) : AuditTrailTests(app), IClassFixture<PostgresApp>;
