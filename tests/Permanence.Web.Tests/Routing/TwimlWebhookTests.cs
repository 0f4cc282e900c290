using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Routing;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Routing;

public abstract class TwimlWebhookTests
{
    private static readonly Instant MondayMorning = Instant.FromUtc(2026, 11, 23, 8, 0); // 09:00 in Paris
    private static readonly Instant SaturdayNight = Instant.FromUtc(2026, 11, 28, 20, 40); // 21:40 in Paris
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected TwimlWebhookTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task A_call_in_opening_hours_is_greeted_and_enqueued_for_its_line()
    {
        var practice = await PracticeAsync(AfterHoursPolicy.VoicemailToMessage);
        _app.Clock.Reset(MondayMorning);
        var sid = NewSid();

        var twiml = await VoiceAsync(sid, practice.RoutineNumber);

        var say = twiml.Root!.Elements("Say").First();
        say.Attribute("language")!.Value.ShouldBe("fr-FR");
        say.Attribute("voice")!.Value.ShouldNotBeNullOrWhiteSpace();
        say.Value.ShouldContain("Cabinet des Appels");
        say.Value.ShouldContain("cet appel peut être enregistré", Case.Insensitive);
        say.Value.ShouldContain("en cas d'urgence vitale, raccrochez et composez le 15 ou le 112", Case.Insensitive);
        twiml.Root.Element("Enqueue")!.Value.ShouldBe($"{practice.Id:N}-routine");
        var call = await CallAsync(sid);
        call.RoutingKind.ShouldBe(RouteKind.Queue);
        call.RoutingReason!.ShouldStartWith("open: Monday 09:00 Europe/Paris");
        call.Outcome.ShouldBe(CallOutcome.InProgress);
    }

    [Fact]
    public async Task A_call_after_hours_with_the_forward_policy_dials_the_number_on_call()
    {
        var practice = await PracticeAsync(AfterHoursPolicy.ForwardToOnCall);
        await _app.WithDbAsync(db =>
        {
            db.OnCallShifts.Add(new StoredOnCallShift
            {
                PracticeId = new PracticeId(practice.Id),
                Start = SaturdayNight - Duration.FromHours(2),
                End = SaturdayNight + Duration.FromHours(10),
                Number = "+33612000001",
                Label = "Dr Moreau",
            });
            return db.SaveChangesAsync(_ct);
        });
        _app.Clock.Reset(SaturdayNight);
        var sid = NewSid();

        var twiml = await VoiceAsync(sid, practice.RoutineNumber);

        twiml.Root!.Element("Dial")!.Element("Number")!.Value.ShouldBe("+33612000001");
        var call = await CallAsync(sid);
        call.RoutingKind.ShouldBe(RouteKind.ForwardToOnCall);
        call.RoutingReason.ShouldBe("after hours: Saturday 21:40 Europe/Paris → on-call Dr Moreau");
    }

    [Fact]
    public async Task A_call_after_hours_with_the_voicemail_policy_is_recorded_with_transcription()
    {
        var practice = await PracticeAsync(AfterHoursPolicy.VoicemailToMessage);
        _app.Clock.Reset(SaturdayNight);

        var twiml = await VoiceAsync(NewSid(), practice.RoutineNumber);

        var record = twiml.Root!.Element("Record")!;
        record.Attribute("action")!.Value.ShouldBe("/telephony/twiml/voicemail");
        record.Attribute("transcribe")!.Value.ShouldBe("true");
        int.Parse(record.Attribute("maxLength")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_call_after_hours_with_the_emergency_policy_hears_15_and_112_then_hangs_up()
    {
        var practice = await PracticeAsync(AfterHoursPolicy.EmergencyAnnouncement);
        _app.Clock.Reset(SaturdayNight);

        var twiml = await VoiceAsync(NewSid(), practice.RoutineNumber);

        twiml.Root!.Elements().Select(e => e.Name.LocalName).ShouldBe(["Say", "Say", "Hangup"]);
        twiml.Root.Elements("Say").Last().Value.ShouldContain("15 ou le 112");
    }

    [Fact]
    public async Task A_call_to_an_unknown_number_hears_a_polite_message_and_is_hung_up()
    {
        _app.Clock.Reset(MondayMorning);
        var sid = NewSid();

        var twiml = await VoiceAsync(sid, "+33142869999");

        twiml.Root!.Elements().Select(e => e.Name.LocalName).ShouldBe(["Say", "Hangup"]);
        twiml.Root.Element("Say")!.Value.ShouldContain("n'est pas attribué");
        (await CallAsync(sid)).DialedNumberUnknown.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("GvWf1cFY/Q7PnoempGyD5oXAezc=")]
    public async Task A_missing_or_bad_signature_is_403_and_writes_nothing(string? signature)
    {
        var practice = await PracticeAsync(AfterHoursPolicy.VoicemailToMessage);
        var sid = NewSid();
        var before = await _app.WithDbAsync(db => db.CallEvents.CountAsync(_ct));

        var response = await _app.PostTwimlAsync("/telephony/twiml/voice", Form(sid, practice.RoutineNumber), signature ?? "");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _app.WithDbAsync(db => db.Calls.CountAsync(c => c.ProviderCallId == sid, _ct))).ShouldBe(0);
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(_ct))).ShouldBe(before);
    }

    [Fact]
    public async Task A_form_signed_for_another_url_is_403()
    {
        var practice = await PracticeAsync(AfterHoursPolicy.VoicemailToMessage);
        var form = Form(NewSid(), practice.RoutineNumber);
        var signature = TwilioSignature.Compute(PermanenceApp.TwilioAuthToken, "http://localhost/telephony/twiml/status", form);

        (await _app.PostTwimlAsync("/telephony/twiml/voice", form, signature)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_voicemail_becomes_a_message_with_its_transcription_due_the_next_working_day()
    {
        var (practice, sid) = await CallerSentToVoicemailAsync();

        var recorded = await _app.PostSignedTwimlAsync("/telephony/twiml/voicemail",
            [.. Form(sid, practice.RoutineNumber), new("RecordingUrl", "https://api.example.com/recordings/RE1")]);
        recorded.StatusCode.ShouldBe(HttpStatusCode.OK);
        XDocument.Parse(await recorded.Content.ReadAsStringAsync(_ct)).Root!.Element("Hangup").ShouldNotBeNull();
        var transcribed = await _app.PostSignedTwimlAsync("/telephony/twiml/voicemail",
            [.. Form(sid, practice.RoutineNumber), new("TranscriptionText", "Bonjour, je voudrais renouveler mon ordonnance.")]);
        transcribed.StatusCode.ShouldBe(HttpStatusCode.OK);

        var call = await CallAsync(sid);
        call.Outcome.ShouldBe(CallOutcome.Voicemail);
        var messages = await _app.WithDbAsync(db => db.PractitionerMessages.Where(m => m.CallId == call.Id).ToListAsync(_ct));
        var message = messages.ShouldHaveSingleItem();
        message.Body.ShouldContain("Bonjour, je voudrais renouveler mon ordonnance.");
        message.Body.ShouldContain("https://api.example.com/recordings/RE1");
        message.Priority.ShouldBe(UrgencyLevel.Routine);
        message.DueAt.ShouldBe(Instant.FromUtc(2026, 11, 30, 11, 0)); // Monday noon in Paris
        (await _app.HistoryOnceNotifiedAsync(call.Id)).ShouldBe(["created", "notified"], "the practitioner is told once, when the recording arrives");
    }

    [Fact]
    public async Task Recording_and_transcription_callbacks_arriving_together_leave_one_message()
    {
        var (practice, sid) = await CallerSentToVoicemailAsync();

        var callbacks = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _app.PostSignedTwimlAsync("/telephony/twiml/voicemail", i % 2 == 0
            ? [.. Form(sid, practice.RoutineNumber), new("RecordingUrl", "https://api.example.com/recordings/RE2")]
            : [.. Form(sid, practice.RoutineNumber), new("TranscriptionText", "Je voudrais un rendez-vous.")])));

        callbacks.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var call = await CallAsync(sid);
        var message = (await _app.WithDbAsync(db => db.PractitionerMessages.Where(m => m.CallId == call.Id).ToListAsync(_ct))).ShouldHaveSingleItem();
        message.Body.ShouldContain("Je voudrais un rendez-vous.");
        message.Body.ShouldContain("https://api.example.com/recordings/RE2");
    }

    [Fact]
    public async Task A_completed_status_ends_the_call_in_the_log()
    {
        var practice = await PracticeAsync(AfterHoursPolicy.VoicemailToMessage);
        _app.Clock.Reset(MondayMorning);
        var sid = NewSid();
        await VoiceAsync(sid, practice.RoutineNumber);
        _app.Clock.Advance(Duration.FromSeconds(40));

        var response = await _app.PostSignedTwimlAsync("/telephony/twiml/status", [.. Form(sid, practice.RoutineNumber), new("CallStatus", "no-answer")]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var call = await CallAsync(sid);
        call.EndedAt.ShouldBe(MondayMorning + Duration.FromSeconds(40));
        call.Outcome.ShouldBe(CallOutcome.Abandoned);
    }

    [Fact]
    public async Task A_signed_request_without_a_call_sid_is_400_naming_the_field()
    {
        var response = await _app.PostSignedTwimlAsync("/telephony/twiml/voice", [new("From", "+33612345678"), new("To", "+33142860001")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync(_ct)).ShouldContain("CallSid");
    }

    [Theory]
    [InlineData("CallSid")]
    [InlineData("From")]
    [InlineData("To")]
    public async Task A_nul_in_an_incoming_call_is_400_and_logs_nothing(string field)
    {
        var practice = await PracticeAsync(AfterHoursPolicy.VoicemailToMessage);
        _app.Clock.Reset(MondayMorning);
        var sid = NewSid();
        var before = await _app.WithDbAsync(db => db.CallEvents.CountAsync(_ct));

        var response = await _app.PostSignedTwimlAsync("/telephony/twiml/voice", WithSuffix(Form(sid, practice.RoutineNumber), field, "\u0000"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await _app.WithDbAsync(db => db.Calls.CountAsync(c => c.ProviderCallId.StartsWith(sid), _ct))).ShouldBe(0);
        (await _app.WithDbAsync(db => db.CallEvents.CountAsync(_ct))).ShouldBe(before);
    }

    [Theory]
    [InlineData("CallSid")]
    [InlineData("From")]
    [InlineData("To")]
    public async Task A_control_character_in_an_incoming_call_is_400_naming_the_field_and_logs_nothing(string field)
    {
        var practice = await PracticeAsync(AfterHoursPolicy.VoicemailToMessage);
        _app.Clock.Reset(MondayMorning);
        var sid = NewSid();

        var response = await _app.PostSignedTwimlAsync("/telephony/twiml/voice", WithSuffix(Form(sid, practice.RoutineNumber), field, "\u001b"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field]);
        (await _app.WithDbAsync(db => db.Calls.CountAsync(c => c.ProviderCallId.StartsWith(sid), _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_transcription_with_a_nul_is_400_and_leaves_the_voicemail_message_as_it_was()
    {
        var (practice, sid) = await CallerSentToVoicemailAsync();
        (await _app.PostSignedTwimlAsync("/telephony/twiml/voicemail",
            [.. Form(sid, practice.RoutineNumber), new("RecordingUrl", "https://api.example.com/recordings/RE1")])).StatusCode.ShouldBe(HttpStatusCode.OK);
        var call = await CallAsync(sid);
        var recorded = await _app.WithDbAsync(db => db.PractitionerMessages.SingleAsync(m => m.CallId == call.Id, _ct));

        var response = await _app.PostSignedTwimlAsync("/telephony/twiml/voicemail",
            [.. Form(sid, practice.RoutineNumber), new("TranscriptionText", "Bonjour,\u0000 je voudrais renouveler mon ordonnance.")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await _app.WithDbAsync(db => db.PractitionerMessages.SingleAsync(m => m.CallId == call.Id, _ct))).Body.ShouldBe(recorded.Body);
    }

    private async Task<PracticeLines> PracticeAsync(AfterHoursPolicy policy)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        await _app.WithDbAsync(async db =>
        {
            var stored = await db.Practices.Include(p => p.OpeningHours).SingleAsync(p => p.Id == new PracticeId(practice.Id), _ct);
            stored.AfterHoursPolicy = policy;
            db.OpeningHours.RemoveRange(stored.OpeningHours);
            foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
            {
                db.OpeningHours.Add(new OpeningHoursRange { PracticeId = stored.Id, Day = day, Start = new LocalTime(8, 0), End = new LocalTime(19, 0) });
            }
            return await db.SaveChangesAsync(_ct);
        });
        return practice;
    }

    /// <summary>A practice taking voicemail after hours, with one practitioner, and a caller ringing it on a Saturday night.</summary>
    private async Task<(PracticeLines Practice, string Sid)> CallerSentToVoicemailAsync()
    {
        var practice = await PracticeAsync(AfterHoursPolicy.VoicemailToMessage);
        await _app.WithDbAsync(db =>
        {
            db.Practitioners.Add(new Practitioner { PracticeId = new PracticeId(practice.Id), DisplayName = "Dr Moreau" });
            return db.SaveChangesAsync(_ct);
        });
        _app.Clock.Reset(SaturdayNight);
        var sid = NewSid();
        await VoiceAsync(sid, practice.RoutineNumber);
        return (practice, sid);
    }

    private async Task<XDocument> VoiceAsync(string sid, string to)
    {
        var response = await _app.PostSignedTwimlAsync("/telephony/twiml/voice", Form(sid, to));
        var body = await response.Content.ReadAsStringAsync(_ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        return XDocument.Parse(body);
    }

    private Task<Call> CallAsync(string sid) => _app.WithDbAsync(db => db.Calls.SingleAsync(c => c.ProviderCallId == sid, _ct));

    private static string NewSid() => $"CA{Guid.NewGuid():N}";

    private static List<KeyValuePair<string, string>> WithSuffix(List<KeyValuePair<string, string>> form, string field, string suffix) =>
        [.. form.Select(f => f.Key == field ? KeyValuePair.Create(f.Key, f.Value + suffix) : f)];

    private static List<KeyValuePair<string, string>> Form(string sid, string to) =>
        [new("CallSid", sid), new("From", "+33612345678"), new("To", to), new("AccountSid", "AC0123")];
}

public sealed class TwimlWebhookTestsOnSqlite(SqliteApp app) : TwimlWebhookTests(app), IClassFixture<SqliteApp>;

public sealed class TwimlWebhookTestsOnPostgres(PostgresApp app) : TwimlWebhookTests(app), IClassFixture<PostgresApp>;

/// <summary>Posts TwiML webhooks as the provider does: form-encoded, signed over http://localhost + path.</summary>
public static class TwimlRequests
{
    public static Task<HttpResponseMessage> PostSignedTwimlAsync(this PermanenceApp app, string path, List<KeyValuePair<string, string>> form) =>
        app.PostTwimlAsync(path, form, TwilioSignature.Compute(PermanenceApp.TwilioAuthToken, $"http://localhost{path}", form));

    public static async Task<HttpResponseMessage> PostTwimlAsync(this PermanenceApp app, string path, List<KeyValuePair<string, string>> form, string signature)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (signature.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(TwilioSignature.Header, signature);
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
