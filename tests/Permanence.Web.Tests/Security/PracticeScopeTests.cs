using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Common;
using Permanence.Data.Scope;
using Permanence.Web.Security;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Security;

public abstract class PracticeScopeTests
{
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected PracticeScopeTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task A_secretary_sees_only_assigned_practices()
    {
        using var admin = _app.AdminClient();
        var a = await admin.CreatePracticeAsync("Cabinet A");
        var b = await admin.CreatePracticeAsync("Cabinet B");
        using var secretary = _app.ClientWithKey(await admin.CreateApiKeyAsync("secretary", a));

        var listed = await (await secretary.GetAsync("/api/practices", _ct)).ReadAsync<JsonElement>();
        listed.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ShouldBe([a]);
        (await secretary.GetAsync($"/api/practices/{a}", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await secretary.GetAsync($"/api/practices/{b}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/practitioners")]
    [InlineData("/appointment-types")]
    [InlineData("/closures")]
    [InlineData("/playbook")]
    [InlineData("/patients")]
    public async Task Routes_of_another_practice_answer_404(string route)
    {
        using var admin = _app.AdminClient();
        var a = await admin.CreatePracticeAsync("Cabinet A");
        var b = await admin.CreatePracticeAsync("Cabinet B");
        await admin.CreatePatientAsync(b);
        using var secretary = _app.ClientWithKey(await admin.CreateApiKeyAsync("secretary", a));

        (await secretary.GetAsync($"/api/practices/{a}{route}", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await secretary.GetAsync($"/api/practices/{b}{route}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_secretary_cannot_write_to_another_practice()
    {
        using var admin = _app.AdminClient();
        var a = await admin.CreatePracticeAsync("Cabinet A");
        var b = await admin.CreatePracticeAsync("Cabinet B");
        using var secretary = _app.ClientWithKey(await admin.CreateApiKeyAsync("secretary", a));
        var response = await secretary.PostAsJsonAsync($"/api/practices/{b}/patients",
            new { lastName = "Intrus", firstName = "Paul", birthDate = "1970-01-01" }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _app.WithDbAsync(db => db.Patients.CountAsync(p => p.LastName == "Intrus", _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_practice_manager_configures_only_their_practice()
    {
        using var admin = _app.AdminClient();
        var a = await admin.CreatePracticeAsync("Cabinet A");
        var b = await admin.CreatePracticeAsync("Cabinet B");
        using var manager = _app.ClientWithKey(await admin.CreateApiKeyAsync("practice_manager", a));
        var hours = new[] { new { day = "friday", start = "09:00", end = "12:00" } };
        (await manager.PutAsJsonAsync($"/api/practices/{a}/opening-hours", hours, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await manager.PutAsJsonAsync($"/api/practices/{b}/opening-hours", hours, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.PostAsJsonAsync("/api/practices", TestData.Practice(), _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_query_filter_hides_other_practices_even_from_a_query_that_asks_for_them()
    {
        using var admin = _app.AdminClient();
        var a = await admin.CreatePracticeAsync("Cabinet A");
        var b = await admin.CreatePracticeAsync("Cabinet B");
        await admin.CreatePatientAsync(a, "Durand");
        await admin.CreatePatientAsync(b, "Lefebvre");

        await using var db = _app.DbContextFor(new FixedScope(new PracticeId(a)));
        var practiceB = new PracticeId(b);
        (await db.Patients.Where(p => p.PracticeId == practiceB).CountAsync(_ct)).ShouldBe(0);
        (await db.Practices.AnyAsync(p => p.Id == practiceB, _ct)).ShouldBeFalse();
        (await db.Patients.Select(p => p.LastName).ToListAsync(_ct)).ShouldBe(["Durand"]);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once()
    {
        using var admin = _app.AdminClient();
        var a = await admin.CreatePracticeAsync();
        var created = await (await admin.PostAsJsonAsync("/api/api-keys", new { name = $"pbx-{Guid.NewGuid():N}", role = "secretary", practiceIds = new[] { a } }, _ct)).ReadAsync<JsonElement>();
        using var connector = _app.ClientWithKey(created.GetProperty("secret").GetString()!);
        (await connector.GetAsync("/api/practices", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var keyId = created.GetProperty("key").GetProperty("id").GetGuid();
        (await admin.PostAsync($"/api/api-keys/{keyId}/revoke", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await connector.GetAsync("/api/practices", _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_revoked_by_another_node_is_refused_once_the_cached_copy_expires()
    {
        using var admin = _app.AdminClient();
        var a = await admin.CreatePracticeAsync();
        var created = await (await admin.PostAsJsonAsync("/api/api-keys", new { name = $"pbx-{Guid.NewGuid():N}", role = "secretary", practiceIds = new[] { a } }, _ct)).ReadAsync<JsonElement>();
        using var connector = _app.ClientWithKey(created.GetProperty("secret").GetString()!);
        (await connector.GetAsync("/api/practices", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Written straight to the database, as another web node or the CLI would: this host's cache is not told.
        var keyId = created.GetProperty("key").GetProperty("id").GetGuid();
        var revokedAt = _app.Clock.GetCurrentInstant();
        await _app.WithDbAsync(db => db.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, revokedAt), _ct));
        _app.Clock.Advance(ApiKeyCache.MaximumAge);

        (await connector.GetAsync("/api/practices", _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_keys_are_stored_hashed_and_never_listed_with_their_secret()
    {
        using var admin = _app.AdminClient();
        var a = await admin.CreatePracticeAsync();
        var secret = await admin.CreateApiKeyAsync("supervisor", a);
        (await _app.WithDbAsync(db => db.ApiKeys.AnyAsync(k => k.Hash == secret, _ct))).ShouldBeFalse();
        var listing = await (await admin.GetAsync("/api/api-keys", _ct)).Content.ReadAsStringAsync(_ct);
        listing.ShouldNotContain(secret);
    }

    [Fact]
    public async Task A_nul_in_an_api_key_name_is_400_and_creates_no_key()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeAsync();
        var name = $"pbx-{Guid.NewGuid():N}";

        var response = await admin.PostAsJsonAsync("/api/api-keys", new { name = name + "\u0000", role = "secretary", practiceIds = new[] { practice } }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        (await _app.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.Name.StartsWith(name), _ct))).ShouldBe(0);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("displayName")]
    public async Task A_nul_in_a_new_staff_account_is_400_naming_the_field_and_creates_no_account(string field)
    {
        using var admin = _app.AdminClient();
        var email = $"secretary-{Guid.NewGuid():N}@demo.permanence.invalid";
        var body = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["email"] = email,
            ["displayName"] = "Julie Martin",
            ["roles"] = new[] { "secretary" },
            ["password"] = "Correct-Horse-Battery-9",
        };
        body[field] = $"{body[field]}\u0000";

        var response = await admin.PostAsJsonAsync("/api/staff", body, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await _app.WithDbAsync(db => db.Users.CountAsync(u => u.Email!.StartsWith(email), _ct))).ShouldBe(0);
    }

    private sealed class FixedScope(PracticeId practice) : IPracticeScope
    {
        public bool SeesAllPractices => false;
        public IReadOnlyCollection<PracticeId> PracticeIds => [practice];
    }
}

public sealed class PracticeScopeTestsOnSqlite(SqliteApp app) : PracticeScopeTests(app), IClassFixture<SqliteApp>;

public sealed class PracticeScopeTestsOnPostgres(PostgresApp app) : PracticeScopeTests(app), IClassFixture<PostgresApp>;
