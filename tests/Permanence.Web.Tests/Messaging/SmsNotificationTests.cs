using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Quality;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Messaging;

/// <summary>
/// With a Twilio account configured, urgent items reach the practitioner's urgent number by SMS (the item's history
/// says what became of the text), and survey links reach patients who have a mobile number but no e-mail.
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
        var practitioner = await admin.CreatePractitionerAsync(practice.Id, email: $"dr-{Guid.NewGuid():N}@demo.permanence.invalid", urgentContactNumber: "06 00 00 00 42");
        var before = app.Gateway.Received.Count;

        var urgent = await admin.CreateMessageAsync(practice.Id, practitioner, "urgent");
        await admin.CreateMessageAsync(practice.Id, practitioner, "routine");

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
        var practitioner = await admin.CreatePractitionerAsync(practice.Id, email: $"dr-{Guid.NewGuid():N}@demo.permanence.invalid", urgentContactNumber: "06 00 00 00 43");
        app.Gateway.Reply = (400, """{"code": 21610, "message": "Attempt to send to unsubscribed recipient", "status": 400}""");
        try
        {
            var urgent = await admin.CreateMessageAsync(practice.Id, practitioner, "emergency");

            Notified(urgent).ShouldEndWith(" sms-failed");
            (await admin.GetAsync($"/api/practices/{practice.Id}/messages/{urgent.GetProperty("id").GetGuid()}", _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            app.Gateway.Reply = (201, """{"sid":"SM0123456789abcdef0123456789abcdef","status":"queued"}""");
        }
    }

    [Theory]
    [InlineData("06 12 34 56 78", true)]
    [InlineData("01 42 86 82 00", false)]
    public async Task The_survey_link_is_texted_to_a_patient_without_e_mail_on_a_mobile_number(string phone, bool texted)
    {
        using var admin = app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet de l'Avis");
        var patient = await admin.CreatePatientAsync(practice.Id);
        var callId = await app.PostAnsweredCallAsync(practice.RoutineNumber, app.Clock.GetCurrentInstant() - Duration.FromMinutes(5));
        await app.WithDbAsync(async db =>
        {
            (await db.Practices.SingleAsync(p => p.Id == new PracticeId(practice.Id), _ct)).OffersSatisfactionSurvey = true;
            var record = await db.Patients.SingleAsync(p => p.Id == new PatientId(patient), _ct);
            (record.Email, record.Phone) = (null, PhoneNumber.TryParse(phone)!.E164);
            (await db.Calls.SingleAsync(c => c.Id == new CallId(callId), _ct)).PatientId = new PatientId(patient);
            return await db.SaveChangesAsync(_ct);
        });
        var before = app.Gateway.Received.Count;

        var wrapped = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/calls/{callId}/wrap-up", new { disposition = "resolved" }, _ct);

        wrapped.StatusCode.ShouldBe(HttpStatusCode.OK, await wrapped.Content.ReadAsStringAsync(_ct));
        var sent = app.Gateway.Received.Skip(before).ToList();
        if (!texted)
        {
            sent.ShouldBeEmpty("a landline cannot receive a text");
            return;
        }
        var sms = sent.ShouldHaveSingleItem();
        sms.Form["To"].ShouldBe("+33612345678");
        sms.Form["Body"].ShouldStartWith("Cabinet de l'Avis : notez votre appel de 1 à 5");
        var link = new Uri(sms.Form["Body"][sms.Form["Body"].IndexOf("http", StringComparison.Ordinal)..]);
        using var browser = app.CreateClient();
        (await browser.GetAsync(link.PathAndQuery, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var answer = new FormUrlEncodedContent([KeyValuePair.Create("score", "5")]);
        (await browser.PostAsync(link.PathAndQuery, answer, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var answered = await app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == new CallId(callId), _ct));
        (answered.SatisfactionScore, answered.SatisfactionChannel).ShouldBe((5, SurveyChannel.Sms));
    }

    private static string Notified(JsonElement message) =>
        message.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("action").GetString() == "notified").GetProperty("detail").GetString()!;
}
