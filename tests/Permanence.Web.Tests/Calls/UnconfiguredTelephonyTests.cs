using System.Net;
using Microsoft.AspNetCore.Hosting;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Calls;

/// <summary>A deployment without a telephony connector yet: the host runs, the call-event API says it is not configured.</summary>
public sealed class UnconfiguredTelephonyTests(UnconfiguredTelephonyTests.NoSecretApp app) : IClassFixture<UnconfiguredTelephonyTests.NoSecretApp>
{
    public sealed class NoSecretApp() : PermanenceApp(TestDatabase.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Telephony:EventSigningSecret", "");
        }
    }

    [Fact]
    public async Task Without_a_signing_secret_the_host_starts_and_call_events_answer_503()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = app.CreateClient();
        (await anonymous.GetAsync("/health", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        var response = await anonymous.PostAsync("/api/telephony/events", body, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
