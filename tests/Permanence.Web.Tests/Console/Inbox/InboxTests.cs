using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Bunit;
using Permanence.Web.Security;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Console.Inbox;

/// <summary>The inbox over the real message service: it offers to acknowledge an urgent item only where the service allows it.</summary>
public sealed class InboxTests : ConsoleTestContext, IClassFixture<SqliteApp>
{
    private readonly SqliteApp _app;
    private readonly CancellationToken _ct = Xunit.TestContext.Current.CancellationToken;

    public InboxTests(SqliteApp app)
    {
        _app = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        UseHost(app);
    }

    [Fact]
    public async Task A_practitioner_who_also_works_as_a_secretary_is_offered_to_acknowledge_only_their_own_urgent_items()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeAsync($"Cabinet Boîte {Guid.NewGuid():N}");
        var email = $"dr-{Guid.NewGuid():N}@demo.permanence.invalid";
        var mine = await PractitionerAsync(admin, practice, email);
        var colleague = await PractitionerAsync(admin, practice, $"dr-{Guid.NewGuid():N}@demo.permanence.invalid");
        var own = await UrgentMessageAsync(admin, practice, mine);
        var colleagues = await UrgentMessageAsync(admin, practice, colleague);
        var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            email,
            displayName = "Dr Secrétaire",
            roles = new[] { "secretary", "practitioner" },
            password = "Une-Phrase-De-Passe-2026!",
            assignments = new[] { new { practiceId = practice, skillLevel = 2 } },
        }, _ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(_ct));
        var userId = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        var authorization = AddAuthorization();
        authorization.SetAuthorized(email);
        authorization.SetRoles("secretary", "practitioner");
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId.ToString()), new Claim(PermanenceClaims.Practice, practice.ToString()));

        var inbox = Render<Permanence.Web.Console.Inbox.Inbox>();

        inbox.WaitForAssertion(() => inbox.FindAll($"tr[data-message-id='{colleagues}']").Count.ShouldBe(1), TimeSpan.FromSeconds(10));
        inbox.FindAll($"tr[data-message-id='{own}'] button.primary").Count.ShouldBe(1, "the practitioner acknowledges their own urgent item");
        inbox.FindAll($"tr[data-message-id='{colleagues}'] button.primary").ShouldBeEmpty("a colleague's urgent item is only marked read");
    }

    private async Task<Guid> PractitionerAsync(HttpClient admin, Guid practice, string email)
    {
        var response = await admin.PostAsJsonAsync($"/api/practices/{practice}/practitioners",
            new { displayName = "Dr Claire Moreau", specialty = "general", email, urgentContactNumber = "06 00 00 00 01" }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Guid> UrgentMessageAsync(HttpClient admin, Guid practice, Guid practitionerId)
    {
        var response = await admin.PostAsJsonAsync($"/api/practices/{practice}/messages",
            new { practitionerId, kind = "message", subject = "Rappeler Mme Petit", body = "Résultats.", priority = "urgent", callbackNumber = "06 12 34 56 78" }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
