using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Permanence.Web.Tests.Infrastructure;

/// <summary>Builders that create test data through the public API, as a client would.</summary>
public static class TestData
{
    private static int _numberSeed = 10;

    /// <summary>A valid, unique Paris number for each practice created in a test run.</summary>
    public static string NextPhoneNumber() => $"+3314286{Interlocked.Increment(ref _numberSeed):D4}";

    public static object Practice(string name = "Cabinet des Tilleuls", string specialty = "general", string timeZone = "Europe/Paris") => new
    {
        name,
        greetingText = "{practice}, {secretary} à votre écoute, bonjour",
        specialty,
        timeZone,
        address = "12 rue des Tilleuls, 75011 Paris",
        routineNumber = NextPhoneNumber(),
        afterHoursPolicy = "voicemail_to_message",
    };

    public static async Task<Guid> CreatePracticeAsync(this HttpClient admin, string name = "Cabinet des Tilleuls", string specialty = "general", string timeZone = "Europe/Paris")
    {
        var response = await admin.PostAsJsonAsync("/api/practices", Practice(name, specialty, timeZone), TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> CreatePractitionerAsync(this HttpClient client, Guid practiceId, string displayName = "Dr Claire Moreau",
        string? email = null, string? urgentContactNumber = null)
    {
        var response = await client.PostAsJsonAsync($"/api/practices/{practiceId}/practitioners",
            new { displayName, specialty = "general", rpps = "10003456789", email, urgentContactNumber }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Creates a message (kind <c>message</c>) of <paramref name="priority"/> for the practitioner, and returns it.</summary>
    public static async Task<JsonElement> CreateMessageAsync(this HttpClient client, Guid practiceId, Guid practitionerId, string priority)
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await client.PostAsJsonAsync($"/api/practices/{practiceId}/messages", new
        {
            practitionerId,
            kind = "message",
            subject = "Rappeler Mme Petit au sujet de ses résultats",
            body = "Elle s'inquiète de sa prise de sang.",
            priority,
            callbackNumber = "06 12 34 56 78",
        }, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(ct));
        return await response.ReadAsync<JsonElement>();
    }

    public static async Task<Guid> CreatePatientAsync(this HttpClient client, Guid practiceId, string lastName = "Martin", string firstName = "Thomas")
    {
        var response = await client.PostAsJsonAsync($"/api/practices/{practiceId}/patients",
            new { lastName, firstName, birthDate = "1980-04-12", phone = "06 12 34 56 78" }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Creates an API key with <paramref name="role"/> for <paramref name="practiceIds"/> and returns its secret.</summary>
    public static async Task<string> CreateApiKeyAsync(this HttpClient admin, string role, params Guid[] practiceIds)
    {
        var response = await admin.PostAsJsonAsync("/api/api-keys",
            new { name = $"{role}-{Guid.NewGuid():N}", role, practiceIds }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.ReadAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }
}
