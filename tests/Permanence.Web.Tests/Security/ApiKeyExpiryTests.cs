using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Permanence.Web.Security;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Security;

/// <summary>An API key given an expiry stops working by itself at that instant, for requests and for hub connections.</summary>
public sealed class ApiKeyExpiryTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    // A host of its own: the tests move its clock.
    private readonly PermanenceApp _app = new(TestDatabase.Sqlite);

    public async ValueTask InitializeAsync() => await _app.InitializeAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_key_works_until_its_expiry_and_not_after_even_from_the_cache()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var created = await CreateAsync(admin, practice.Id, _app.Clock.GetCurrentInstant() + Duration.FromHours(1));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(_ct));
        var body = await created.ReadAsync<JsonElement>();
        body.GetProperty("key").GetProperty("expiresAt").GetString().ShouldBe("2026-11-23T09:00:00Z");
        using var connector = _app.ClientWithKey(body.GetProperty("secret").GetString()!);
        await using var hub = await _app.ConnectToCallsHubAsync(body.GetProperty("secret").GetString()!, _ct);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { ended.TrySetResult(); return Task.CompletedTask; };
        (await connector.GetAsync($"/api/practices/{practice.Id}/practitioners", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _app.Clock.Advance(Duration.FromMinutes(59) + Duration.FromSeconds(58));
        (await connector.GetAsync($"/api/practices/{practice.Id}/practitioners", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        _app.Clock.Advance(Duration.FromSeconds(2));

        (await connector.GetAsync($"/api/practices/{practice.Id}/practitioners", _ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _app.Services.GetRequiredService<HubSessionRevalidation>().CheckAsync(_ct)).ShouldBe(1);
        await ended.Task.WaitAsync(TimeSpan.FromSeconds(30), _ct);
    }

    [Theory]
    [InlineData("2026-11-23T07:59:59Z", "in the future")]
    [InlineData("next week", "ISO 8601")]
    [InlineData("2026-12-31T00:00:00", "ISO 8601")]
    public async Task An_expiry_in_the_past_or_unreadable_is_a_400_naming_it_and_creates_nothing(string expiresAt, string message)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var name = $"connector-{Guid.NewGuid():N}";

        var response = await admin.PostAsJsonAsync("/api/api-keys", new { name, role = "secretary", practiceIds = new[] { practice.Id }, expiresAt }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("expiresAt")[0].GetString()!.ShouldContain(message);
        (await _app.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.Name == name, _ct))).ShouldBe(0);
    }

    private Task<HttpResponseMessage> CreateAsync(HttpClient admin, Guid practice, Instant expiresAt) =>
        admin.PostAsJsonAsync("/api/api-keys", new
        {
            name = $"connector-{Guid.NewGuid():N}",
            role = "secretary",
            practiceIds = new[] { practice },
            expiresAt = NodaTime.Text.InstantPattern.ExtendedIso.Format(expiresAt),
        }, _ct);
}
