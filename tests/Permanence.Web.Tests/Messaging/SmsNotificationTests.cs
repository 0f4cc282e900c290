using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Messaging;

/// <summary>
/// Urgent items reach the practitioner's urgent number by SMS when a Twilio account is configured: the host posts to
/// the gateway and the item's history says what became of the text.
/// </summary>
public sealed class SmsNotificationTests(SmsNotificationTests.TwilioSmsApp app) : IClassFixture<SmsNotificationTests.TwilioSmsApp>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public sealed class TwilioSmsApp() : PermanenceApp(TestDatabase.Sqlite)
    {
        public RecordingSmsGateway Gateway { get; private set; } = null!;

        public override async ValueTask InitializeAsync()
        {
            Gateway = await RecordingSmsGateway.StartAsync();
            await base.InitializeAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Gateway.DisposeAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Notifications:Sms:Twilio:AccountSid", "AC0123456789abcdef0123456789abcdef");
            builder.UseSetting("Notifications:Sms:Twilio:AuthToken", "twilio-auth-token-for-tests-0123");
            builder.UseSetting("Notifications:Sms:Twilio:From", "Permanence");
            builder.UseSetting("Notifications:Sms:Twilio:ApiBaseUrl", Gateway.BaseUrl);
        }
    }

    [Fact]
    public async Task An_urgent_item_is_texted_to_the_urgent_number_without_the_patient_and_a_routine_one_is_not()
    {
        using var admin = app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet des Textos");
        var practitioner = await CreatePractitionerAsync(admin, practice.Id, "06 00 00 00 42");
        var before = app.Gateway.Received.Count;

        var urgent = await CreateMessageAsync(admin, practice.Id, practitioner, "urgent");
        await CreateMessageAsync(admin, practice.Id, practitioner, "routine");

        Notified(urgent).ShouldEndWith(" sms");
        var sms = app.Gateway.Received.Skip(before).ShouldHaveSingleItem();
        sms.Form["To"].ShouldBe("+33600000042");
        sms.Form["From"].ShouldBe("Permanence");
        sms.Form["Body"].ShouldContain(urgent.GetProperty("id").GetGuid().ToString());
        sms.Form["Body"].ShouldContain("Cabinet des Textos");
        sms.Form["Body"].ShouldNotContain("Petit");
    }

    [Fact]
    public async Task A_refused_text_is_recorded_as_failed_and_the_item_is_still_created()
    {
        using var admin = app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet du Refus");
        var practitioner = await CreatePractitionerAsync(admin, practice.Id, "06 00 00 00 43");
        app.Gateway.Reply = (400, """{"code": 21610, "message": "Attempt to send to unsubscribed recipient", "status": 400}""");
        try
        {
            var urgent = await CreateMessageAsync(admin, practice.Id, practitioner, "emergency");

            Notified(urgent).ShouldEndWith(" sms-failed");
            (await admin.GetAsync($"/api/practices/{practice.Id}/messages/{urgent.GetProperty("id").GetGuid()}", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            app.Gateway.Reply = (201, """{"sid":"SM0123456789abcdef0123456789abcdef","status":"queued"}""");
        }
    }

    private static string Notified(JsonElement message) =>
        message.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("action").GetString() == "notified").GetProperty("detail").GetString()!;

    private async Task<Guid> CreatePractitionerAsync(HttpClient admin, Guid practiceId, string urgentContactNumber)
    {
        var response = await admin.PostAsJsonAsync($"/api/practices/{practiceId}/practitioners", new
        {
            displayName = "Dr Claire Moreau",
            specialty = "general",
            email = $"dr-{Guid.NewGuid():N}@demo.permanence.invalid",
            urgentContactNumber,
        }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> CreateMessageAsync(HttpClient client, Guid practiceId, Guid practitionerId, string priority)
    {
        var response = await client.PostAsJsonAsync($"/api/practices/{practiceId}/messages", new
        {
            practitionerId,
            kind = "message",
            subject = "Rappeler Mme Petit au sujet de ses résultats",
            body = "Elle s'inquiète de sa prise de sang.",
            priority,
        }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        return await response.ReadAsync<JsonElement>();
    }
}
