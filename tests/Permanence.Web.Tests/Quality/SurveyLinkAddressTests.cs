using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Routing;
using Permanence.Web.Messaging;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;
using Permanence.Web.Tests.Routing;

namespace Permanence.Web.Tests.Quality;

/// <summary>A host whose e-mails are kept in memory, with <c>Hosting:PublicBaseUrl</c> set to <paramref name="publicBaseUrl"/>.</summary>
public abstract class OutboxApp(string publicBaseUrl) : PermanenceApp(TestDatabase.Sqlite)
{
    public ConcurrentQueue<EmailNotification> Outbox { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Hosting:PublicBaseUrl", publicBaseUrl);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<INotificationSender>(new OutboxSender(Outbox))));
    }

    /// <summary>
    /// Wraps up an answered call of a patient with <paramref name="address"/>, to a practice offering the survey, sending
    /// the request with <paramref name="hostHeader"/> as its Host header.
    /// </summary>
    public async Task<HttpResponseMessage> WrapUpCallOfPatientAsync(string address, string hostHeader)
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var patient = await admin.CreatePatientAsync(practice.Id);
        var callId = await this.PostAnsweredCallAsync(practice.RoutineNumber, Clock.GetCurrentInstant() - Duration.FromMinutes(5));
        await WithDbAsync(async db =>
        {
            (await db.Practices.SingleAsync(p => p.Id == new PracticeId(practice.Id), ct)).OffersSatisfactionSurvey = true;
            (await db.Patients.SingleAsync(p => p.Id == new PatientId(patient), ct)).Email = address;
            (await db.Calls.SingleAsync(c => c.Id == new CallId(callId), ct)).PatientId = new PatientId(patient);
            return await db.SaveChangesAsync(ct);
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/practices/{practice.Id}/calls/{callId}/wrap-up")
        {
            Content = JsonContent.Create(new { disposition = "resolved" }),
        };
        request.Headers.Host = hostHeader;
        return await admin.SendAsync(request, ct);
    }

    private sealed class OutboxSender(ConcurrentQueue<EmailNotification> outbox) : INotificationSender
    {
        public Task<Delivery> SendAsync(EmailNotification email, CancellationToken cancellationToken)
        {
            outbox.Enqueue(email);
            return Task.FromResult(Delivery.Sent);
        }
    }
}

/// <summary>The survey link e-mailed to a patient, and the TwiML signature, use the one configured public address.</summary>
public sealed partial class SurveyLinkAddressTests(SurveyLinkAddressTests.PublicAddressApp app) : IClassFixture<SurveyLinkAddressTests.PublicAddressApp>
{
    public const string PublicAddress = "https://permanence.example.test";

    public sealed class PublicAddressApp() : OutboxApp(PublicAddress);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_emailed_survey_link_is_built_on_the_public_address_whatever_the_request_host_header()
    {
        var address = $"patient-{Guid.NewGuid():N}@example.org";

        var wrapped = await app.WrapUpCallOfPatientAsync(address, hostHeader: "attacker.example");

        wrapped.StatusCode.ShouldBe(HttpStatusCode.OK, await wrapped.Content.ReadAsStringAsync(_ct));
        var body = app.Outbox.Where(m => m.To == address).ShouldHaveSingleItem().Body;
        body.ShouldNotContain("attacker.example");
        var link = new Uri(Link().Match(body).Value);
        $"{link.Scheme}://{link.Authority}".ShouldBe(PublicAddress);
        using var patient = app.CreateClient();
        (await patient.GetAsync(link.PathAndQuery, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_twiml_webhook_is_checked_against_the_url_at_the_public_address()
    {
        using var admin = app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        List<KeyValuePair<string, string>> form = [new("CallSid", $"CA{Guid.NewGuid():N}"), new("From", "+33612345678"), new("To", practice.RoutineNumber)];
        const string path = "/telephony/twiml/voice";

        var signedAsPublished = await app.PostTwimlAsync(path, form, TwilioSignature.Compute(PermanenceApp.TwilioAuthToken, $"{PublicAddress}{path}", form));
        var signedForTheInnerHost = await app.PostTwimlAsync(path, form, TwilioSignature.Compute(PermanenceApp.TwilioAuthToken, $"http://localhost{path}", form));

        signedAsPublished.StatusCode.ShouldBe(HttpStatusCode.OK, await signedAsPublished.Content.ReadAsStringAsync(_ct));
        signedForTheInnerHost.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_former_twilio_public_base_url_key_stops_the_host_at_start_naming_the_key_that_replaced_it()
    {
        await using var formerlyConfigured = new FormerTwilioSettingApp();

        var failure = Should.Throw<Exception>(() => formerlyConfigured.Server);

        failure.ToString().ShouldContain("Telephony:Twilio:PublicBaseUrl has moved to Hosting:PublicBaseUrl");
    }

    private sealed class FormerTwilioSettingApp() : PermanenceApp(TestDatabase.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Telephony:Twilio:PublicBaseUrl", PublicAddress);
        }
    }

    [GeneratedRegex(@"https?://\S+/survey/\S+")]
    private static partial Regex Link();
}

/// <summary>A deployment that has not said where patients reach it: no link is e-mailed rather than one built on a guess.</summary>
public sealed class SurveyLinkWithoutPublicAddressTests(SurveyLinkWithoutPublicAddressTests.NoPublicAddressApp app)
    : IClassFixture<SurveyLinkWithoutPublicAddressTests.NoPublicAddressApp>
{
    public sealed class NoPublicAddressApp() : OutboxApp("");

    [Fact]
    public async Task Without_a_public_address_the_call_is_wrapped_up_and_no_survey_link_is_emailed()
    {
        var address = $"patient-{Guid.NewGuid():N}@example.org";

        var wrapped = await app.WrapUpCallOfPatientAsync(address, hostHeader: "attacker.example");

        wrapped.StatusCode.ShouldBe(HttpStatusCode.OK, await wrapped.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        app.Outbox.ShouldNotContain(m => m.To == address);
    }
}
