using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using OtpNet;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Security;

/// <summary>The console's cookie sign-in, lockout and TOTP second factor, on a host that requires the second factor.</summary>
public sealed class ConsoleSignInTests : IClassFixture<ConsoleSignInTests.TwoFactorApp>
{
    private const string Password = "Correct-Horse-Battery-9";
    private readonly TwoFactorApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public ConsoleSignInTests(TwoFactorApp app) => _app = app;

    /// <summary>Sessions are checked against their account at every request, so each test also shows a check keeps the second factor.</summary>
    public sealed class TwoFactorApp() : PermanenceApp(TestDatabase.Sqlite, requireTwoFactor: true)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:SessionRevalidationSeconds", "0");
        }
    }

    [Fact]
    public async Task Without_a_second_factor_a_staff_member_reaches_only_enrolment()
    {
        var (email, practice) = await CreateSecretaryAsync();
        using var console = _app.CookieClient();
        (await Login(console, email, Password)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await console.GetAsync($"/api/practices/{practice}", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await console.GetAsync("/api/account/me", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await console.GetAsync("/api/account/two-factor", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Enrolling_an_authenticator_opens_access_and_later_sign_ins_need_a_code()
    {
        var (email, practice) = await CreateSecretaryAsync();
        using var console = _app.CookieClient();
        await Login(console, email, Password);
        var setup = await (await console.GetAsync("/api/account/two-factor", _ct)).ReadAsync<JsonElement>();
        var key = setup.GetProperty("sharedKey").GetString()!;
        setup.GetProperty("authenticatorUri").GetString()!.ShouldStartWith("otpauth://totp/Permanence:");
        setup.GetProperty("qrCodeSvg").GetString()!.ShouldContain("<svg");

        var wrong = await console.PostAsJsonAsync("/api/account/two-factor/enable", new { code = "000000" }, _ct);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var enabled = await console.PostAsJsonAsync("/api/account/two-factor/enable", new { code = CurrentCode(key) }, _ct);
        enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var recoveryCodes = (await enabled.ReadAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        recoveryCodes.Count.ShouldBe(10);
        (await console.GetAsync($"/api/practices/{practice}", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var passwordOnly = _app.CookieClient();
        var refused = await Login(passwordOnly, email, Password);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.ReadAsync<JsonElement>()).GetProperty("twoFactorRequired").GetBoolean().ShouldBeTrue();

        using var withCode = _app.CookieClient();
        (await Login(withCode, email, Password, twoFactorCode: CurrentCode(key))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await withCode.GetAsync($"/api/practices/{practice}", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await withCode.GetAsync($"/api/practices/{practice}", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK, "a session checked against its account keeps its second factor");

        using var withRecovery = _app.CookieClient();
        (await Login(withRecovery, email, Password, recoveryCode: recoveryCodes[0])).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var reusedRecovery = _app.CookieClient();
        (await Login(reusedRecovery, email, Password, recoveryCode: recoveryCodes[0])).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var (email, _) = await CreateSecretaryAsync();
        using var console = _app.CookieClient();
        for (var i = 0; i < 4; i++)
        {
            (await Login(console, email, "wrong-password-123")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        (await Login(console, email, "wrong-password-123")).StatusCode.ShouldBe(HttpStatusCode.Locked);
        (await Login(console, email, Password)).StatusCode.ShouldBe(HttpStatusCode.Locked);
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in()
    {
        var (email, _) = await CreateSecretaryAsync();
        using var admin = _app.AdminClient();
        var staff = await (await admin.GetAsync("/api/staff", _ct)).ReadAsync<JsonElement>();
        var id = staff.EnumerateArray().Single(s => s.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();
        (await admin.DeleteAsync($"/api/staff/{id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var console = _app.CookieClient();
        (await Login(console, email, Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Sign_in_events_are_audited()
    {
        var (email, _) = await CreateSecretaryAsync();
        using var console = _app.CookieClient();
        await Login(console, email, "wrong-password-123");
        await Login(console, email, Password);
        using var admin = _app.AdminClient();
        var entries = await (await admin.GetAsync("/api/audit?action=security.login", _ct)).ReadAsync<JsonElement>();
        var actions = entries.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        actions.ShouldContain("security.login_failed");
        actions.ShouldContain("security.login");
    }

    [Fact]
    public async Task Cookie_keys_are_kept_in_the_database_so_sessions_outlive_a_restart_and_span_nodes()
    {
        var (email, _) = await CreateSecretaryAsync();
        using var console = _app.CookieClient();
        (await Login(console, email, Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.DataProtectionKeys, _ct))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_weak_password_is_refused_when_creating_staff()
    {
        using var admin = _app.AdminClient();
        var response = await admin.PostAsJsonAsync("/api/staff", new
        {
            email = $"weak-{Guid.NewGuid():N}@demo.permanence.invalid", displayName = "Weak", roles = new[] { "secretary" }, password = "short1A",
        }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue();
    }

    private async Task<(string Email, Guid Practice)> CreateSecretaryAsync()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeAsync();
        var email = $"secretaire-{Guid.NewGuid():N}@demo.permanence.invalid";
        var response = await admin.PostAsJsonAsync("/api/staff", new
        {
            email,
            displayName = "Camille Secrétaire",
            roles = new[] { "secretary" },
            password = Password,
            assignments = new[] { new { practiceId = practice, skillLevel = 2 } },
        }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        return (email, practice);
    }

    private Task<HttpResponseMessage> Login(HttpClient client, string email, string password, string? twoFactorCode = null, string? recoveryCode = null) =>
        client.PostAsJsonAsync("/api/account/login", new { email, password, twoFactorCode, recoveryCode }, _ct);

    private static string CurrentCode(string base32Key) => new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp(DateTime.UtcNow);
}
