using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Web.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Calls;

/// <summary>
/// Connectors with their own secrets (<c>Telephony:Connectors</c>): a connector names itself in
/// <c>X-Permanence-Connector</c>, is checked against its own secret only, and a connector kept to some practices
/// cannot post events for another practice's numbers.
/// </summary>
public sealed class ConnectorSecretTests(ConnectorSecretTests.Hosts hosts) : IClassFixture<ConnectorSecretTests.Hosts>
{
    private const string LyonSecret = "lyon-connector-secret-0123456789";
    private const string LyonPrevious = "lyon-connector-old-secret-012345";
    private const string AnySecret = "any-practice-connector-secret-01";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private PermanenceApp App => hosts.App;
    private PracticeLines Lyon => hosts.Lyon;

    /// <summary>A host where two practices were created, restarted with connectors configured for them, as an operator would do.</summary>
    public sealed class Hosts : IAsyncLifetime
    {
        private readonly PermanenceApp _setup = new(TestDatabase.Sqlite);

        public PermanenceApp App { get; private set; } = null!;
        public PracticeLines Lyon { get; private set; } = null!;
        public PracticeLines Other { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            await _setup.InitializeAsync();
            using (var admin = _setup.AdminClient())
            {
                Lyon = await admin.CreatePracticeWithLinesAsync("Cabinet de Lyon");
                Other = await admin.CreatePracticeWithLinesAsync("Cabinet d'ailleurs");
            }
            App = new ConnectorApp(_setup, Lyon.Id);
            await App.InitializeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await _setup.DisposeAsync();
        }
    }

    private sealed class ConnectorApp(PermanenceApp first, Guid lyon) : PermanenceApp(first)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Telephony:Connectors:pbx-lyon:EventSigningSecret", LyonSecret);
            builder.UseSetting("Telephony:Connectors:pbx-lyon:PreviousEventSigningSecret", LyonPrevious);
            builder.UseSetting("Telephony:Connectors:pbx-lyon:Practices:0", lyon.ToString());
            builder.UseSetting("Telephony:Connectors:any:EventSigningSecret", AnySecret);
        }
    }

    [Fact]
    public async Task A_connector_signs_with_its_own_secret_and_no_other()
    {
        (await PostAsync(Ringing(Lyon.RoutineNumber), LyonSecret, "pbx-lyon")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await PostAsync(Ringing(Lyon.RoutineNumber), LyonSecret, "PBX-Lyon")).StatusCode.ShouldBe(HttpStatusCode.Accepted, "names compare as configuration keys do");
        (await PostAsync(Ringing(Lyon.RoutineNumber), LyonPrevious, "pbx-lyon")).StatusCode.ShouldBe(HttpStatusCode.Accepted, "the secret being rotated out");

        (await PostAsync(Ringing(Lyon.RoutineNumber), PermanenceApp.EventSigningSecret, "pbx-lyon")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostAsync(Ringing(Lyon.RoutineNumber), AnySecret, "pbx-lyon")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostAsync(Ringing(Lyon.RoutineNumber), LyonSecret, null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "without its name, the shared secret is expected");
        (await PostAsync(Ringing(Lyon.RoutineNumber), PermanenceApp.EventSigningSecret, null)).StatusCode.ShouldBe(HttpStatusCode.Accepted, "the shared secret still works");
    }

    [Fact]
    public async Task An_unknown_connector_is_refused_before_its_body_is_read()
    {
        var response = await PostAsync(Ringing(Lyon.RoutineNumber), LyonSecret, "pbx-paris");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("title").GetString().ShouldBe("Unknown connector");
    }

    [Fact]
    public async Task A_connector_kept_to_a_practice_cannot_post_for_another_and_nothing_is_stored()
    {
        var foreign = Ringing(hosts.Other.RoutineNumber);
        var eventId = (string)foreign.GetType().GetProperty("eventId")!.GetValue(foreign)!;

        var refused = await PostAsync(foreign, LyonSecret, "pbx-lyon");

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync(_ct)).ShouldContain("pbx-lyon");
        (await App.WithDbAsync(db => db.CallEvents.IgnoreQueryFilters().CountAsync(e => e.EventId == eventId, _ct))).ShouldBe(0);
        (await PostAsync(Ringing(hosts.Other.UrgentNumber), AnySecret, "any")).StatusCode.ShouldBe(HttpStatusCode.Accepted, "a connector without practices serves them all");
        var othersCall = $"call-{Guid.NewGuid():N}";
        (await PostAsync(Telephony.Event(othersCall, "ringing", Instant.FromUtc(2026, 11, 23, 8, 0), hosts.Other.RoutineNumber), AnySecret, "any"))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await PostAsync(Telephony.Event(othersCall, "ended", Instant.FromUtc(2026, 11, 23, 8, 1), "+33199000002"), LyonSecret, "pbx-lyon"))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden, "another practice's call is out of reach through a number of no practice");
        (await PostAsync(Ringing("+33199000001"), LyonSecret, "pbx-lyon")).StatusCode.ShouldBe(HttpStatusCode.Accepted, "a number of no practice is stored and flagged, as from any provider");
    }

    private static object Ringing(string to) => Telephony.Event($"call-{Guid.NewGuid():N}", "ringing", Instant.FromUtc(2026, 11, 23, 8, 0), to);

    private async Task<HttpResponseMessage> PostAsync(object body, string secret, string? connector)
    {
        var json = JsonSerializer.Serialize(body, TestJson.Options);
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/telephony/events") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(EventSignature.Header, EventSignature.Sign(Encoding.UTF8.GetBytes(json), secret));
        if (connector is not null)
        {
            request.Headers.Add(EventSignature.ConnectorHeader, connector);
        }
        return await client.SendAsync(request, _ct);
    }
}

/// <summary>Connector settings are checked at start, each error naming the connector's key.</summary>
public sealed class ConnectorOptionsTests
{
    private const string LyonSecret = "lyon-connector-secret-0123456789";

    [Theory]
    [InlineData("pbx lyon", LyonSecret, null, "letters, digits")]
    [InlineData("pbx", "short", null, "EventSigningSecret is required, at least 16 characters")]
    [InlineData("pbx", LyonSecret, LyonSecret, "differ from EventSigningSecret")]
    [InlineData("pbx", LyonSecret, "short", "PreviousEventSigningSecret must be at least 16")]
    public void A_malformed_connector_is_refused_at_start_naming_its_key(string name, string secret, string? previous, string message)
    {
        var options = new TelephonyOptions
        {
            EventSigningSecret = PermanenceApp.EventSigningSecret,
            Connectors = new() { [name] = new TelephonyConnectorOptions { EventSigningSecret = secret, PreviousEventSigningSecret = previous } },
        };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).ShouldBeFalse();

        results.ShouldContain(r => r.ErrorMessage!.Contains($"Telephony:Connectors:{name}", StringComparison.Ordinal) && r.ErrorMessage.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Connectors_alone_let_the_host_receive_events()
    {
        new TelephonyOptions().ReceivesEvents.ShouldBeFalse();
        new TelephonyOptions { Connectors = new() { ["pbx"] = new TelephonyConnectorOptions { EventSigningSecret = LyonSecret } } }.ReceivesEvents.ShouldBeTrue();
    }
}
