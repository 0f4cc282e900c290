using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Permanence.Data.Staff;
using Permanence.Web.Security;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Security;

/// <summary>
/// A signed-in session follows its staff account: changing its practices or roles, or deactivating it, ends the session
/// at its next check, not when the cookie expires hours later.
/// </summary>
public sealed class SessionRevalidationTests(SessionRevalidationTests.CheckedEveryRequestApp app) : IClassFixture<SessionRevalidationTests.CheckedEveryRequestApp>
{
    private const string Password = "Correct-Horse-Battery-9";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public sealed class CheckedEveryRequestApp() : PermanenceApp(TestDatabase.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:SessionRevalidationSeconds", "0");
        }
    }

    [Fact]
    public async Task A_secretary_whose_practices_change_is_signed_out_at_the_next_request_and_back_with_the_new_ones()
    {
        using var admin = app.AdminClient();
        var kept = await admin.CreatePracticeWithLinesAsync("Cabinet Gardé");
        var removed = await admin.CreatePracticeWithLinesAsync("Cabinet Retiré");
        var (id, email) = await CreateSecretaryAsync(admin, kept.Id, removed.Id);
        using var session = await SignInAsync(email);
        (await session.GetAsync($"/api/practices/{removed.Id}/practitioners", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PutAsJsonAsync($"/api/staff/{id}", new
        {
            displayName = "Secrétaire",
            roles = new[] { "secretary" },
            assignments = new[] { new { practiceId = kept.Id, skillLevel = 2 } },
        }, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await session.GetAsync($"/api/practices/{removed.Id}/practitioners", _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the session ended");
        using var again = await SignInAsync(email);
        (await again.GetAsync($"/api/practices/{removed.Id}/practitioners", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await again.GetAsync($"/api/practices/{kept.Id}/practitioners", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_deactivated_account_loses_its_session_and_its_open_console()
    {
        using var admin = app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var (id, email) = await CreateSecretaryAsync(admin, practice.Id);
        using var session = await SignInAsync(email);
        var principal = await PrincipalOfAsync(email);
        (await IsCurrentAsync(principal)).ShouldBeTrue();

        (await admin.DeleteAsync($"/api/staff/{id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await session.GetAsync($"/api/practices/{practice.Id}/practitioners", _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await IsCurrentAsync(principal)).ShouldBeFalse("an open console is signed out at its next check");
    }

    private async Task<(Guid Id, string Email)> CreateSecretaryAsync(HttpClient admin, params Guid[] practices)
    {
        var email = $"secretary-{Guid.NewGuid():N}@demo.permanence.invalid";
        var response = await admin.PostAsJsonAsync("/api/staff", new
        {
            email,
            displayName = "Secrétaire",
            roles = new[] { "secretary" },
            password = Password,
            assignments = practices.Select(p => new { practiceId = p, skillLevel = 2 }).ToArray(),
        }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        return ((await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid(), email);
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var session = app.CookieClient();
        (await session.PostAsJsonAsync("/api/account/login", new { email, password = Password }, _ct)).EnsureSuccessStatusCode();
        return session;
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalOfAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>();
        return await signIn.CreateUserPrincipalAsync((await users.FindByEmailAsync(email))!);
    }

    private async Task<bool> IsCurrentAsync(System.Security.Claims.ClaimsPrincipal principal)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await StaffSessionRevalidation.IsCurrentAsync(scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>(), principal,
            scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value);
    }
}
