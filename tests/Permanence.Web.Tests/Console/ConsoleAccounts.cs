using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OtpNet;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Console;

/// <summary>A staff member created through the API, with the authenticator key once enrolled.</summary>
public sealed record ConsoleAccount(string Email, string Password, string DisplayName, string? AuthenticatorKey)
{
    /// <summary>The authenticator's current code (TOTP over the real clock, as the server checks it).</summary>
    public string CurrentCode() => new Totp(Base32Encoding.ToBytes(AuthenticatorKey!)).ComputeTotp(DateTime.UtcNow);
}

public static class ConsoleAccounts
{
    public const string Password = "Correct-Horse-Battery-9";

    /// <summary>Creates a staff member of the given role assigned to the practices, and enrols an authenticator for them.</summary>
    public static async Task<ConsoleAccount> CreateWithAuthenticatorAsync(PermanenceApp app, string role, string displayName, string? email, params Guid[] practices)
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = app.AdminClient();
        email ??= $"{role}-{Guid.NewGuid():N}@demo.permanence.invalid";
        var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            email,
            displayName,
            roles = new[] { role },
            password = Password,
            assignments = practices.Select(p => new { practiceId = p, skillLevel = 2 }).ToArray(),
        }, ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));

        using var client = app.CookieClient();
        (await client.PostAsJsonAsync("/api/account/login", new { email, password = Password }, ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var setup = await (await client.GetAsync("/api/account/two-factor", ct)).ReadAsync<JsonElement>();
        var account = new ConsoleAccount(email, Password, displayName, setup.GetProperty("sharedKey").GetString()!);
        var enabled = await client.PostAsJsonAsync("/api/account/two-factor/enable", new { code = account.CurrentCode() }, ct);
        enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        return account;
    }
}
