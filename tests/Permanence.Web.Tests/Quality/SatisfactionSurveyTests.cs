using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Quality;
using Permanence.Core.Routing;
using Permanence.Web.Quality;
using Permanence.Web.Routing;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;
using Permanence.Web.Tests.Messaging;
using Permanence.Web.Tests.Routing;

namespace Permanence.Web.Tests.Quality;

public abstract partial class SatisfactionSurveyTests
{
    private static readonly Instant MondayMorning = Instant.FromUtc(2026, 11, 23, 8, 0); // 09:00 in Paris

    /// <summary>TwiML verbs and the attributes Twilio documents for each, as far as Permanence uses them.</summary>
    private static readonly Dictionary<string, string[]> TwimlVerbs = new(StringComparer.Ordinal)
    {
        ["Say"] = ["voice", "language", "loop"],
        ["Gather"] = ["input", "numDigits", "timeout", "action", "method", "finishOnKey", "language", "speechTimeout", "hints"],
        ["Enqueue"] = ["action", "method", "waitUrl", "waitUrlMethod"],
        ["Hangup"] = [],
    };

    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected SatisfactionSurveyTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task A_practice_offering_the_survey_enqueues_its_calls_with_the_survey_as_the_queue_action()
    {
        var offering = await PracticeAsync(offersSurvey: true);
        var silent = await PracticeAsync(offersSurvey: false);
        _app.Clock.Reset(MondayMorning);

        var withSurvey = await TwimlAsync("/telephony/twiml/voice", Form(NewSid(), offering.RoutineNumber));
        var withoutSurvey = await TwimlAsync("/telephony/twiml/voice", Form(NewSid(), silent.RoutineNumber));

        var enqueue = withSurvey.Root!.Element("Enqueue")!;
        enqueue.Attribute("action")!.Value.ShouldBe(PhoneSurvey.QuestionPath);
        enqueue.Attribute("method")!.Value.ShouldBe("POST");
        // Every queue has the action (it also handles an overflow); a bridged call of a silent practice hears no question.
        withoutSurvey.Root!.Element("Enqueue")!.Attribute("waitUrl")!.Value.ShouldBe("/telephony/twiml/wait");
    }

    [Fact]
    public async Task After_the_secretary_hangs_up_the_caller_is_asked_for_one_digit_in_french()
    {
        var practice = await PracticeAsync(offersSurvey: true);
        var sid = await CallInQueueAsync(practice);

        var twiml = await TwimlAsync(PhoneSurvey.QuestionPath, [.. Form(sid, practice.RoutineNumber), new("QueueResult", "bridged")]);

        var gather = twiml.Root!.Elements().First();
        gather.Name.LocalName.ShouldBe("Gather");
        gather.Attribute("input")!.Value.ShouldBe("dtmf");
        gather.Attribute("numDigits")!.Value.ShouldBe("1");
        gather.Attribute("action")!.Value.ShouldBe(PhoneSurvey.AnswerPath);
        var question = gather.Element("Say")!;
        question.Attribute("language")!.Value.ShouldBe("fr-FR");
        question.Value.ShouldContain("de 1");
        question.Value.ShouldContain("à 5");
        // Silence falls through to thanks and a hang-up.
        twiml.Root.Elements().Select(e => e.Name.LocalName).ShouldBe(["Gather", "Say", "Hangup"]);
    }

    [Fact]
    public async Task A_caller_who_left_the_queue_without_a_secretary_is_not_asked()
    {
        var practice = await PracticeAsync(offersSurvey: true);
        var sid = await CallInQueueAsync(practice);

        var twiml = await TwimlAsync(PhoneSurvey.QuestionPath, [.. Form(sid, practice.RoutineNumber), new("QueueResult", "hangup")]);

        twiml.Root!.Elements().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_keyed_score_is_stored_on_the_call_with_its_channel_and_time()
    {
        var practice = await PracticeAsync(offersSurvey: true);
        var sid = await CallInQueueAsync(practice);
        _app.Clock.Advance(Duration.FromMinutes(4));

        var twiml = await TwimlAsync(PhoneSurvey.AnswerPath, [.. Form(sid, practice.RoutineNumber), new("Digits", "4")]);

        twiml.Root!.Elements().Select(e => e.Name.LocalName).ShouldBe(["Say", "Hangup"]);
        var call = await CallAsync(sid);
        call.SatisfactionScore.ShouldBe(4);
        call.SatisfactionChannel.ShouldBe(SurveyChannel.Phone);
        call.SatisfactionAnsweredAt.ShouldBe(MondayMorning + Duration.FromMinutes(4));
    }

    [Fact]
    public async Task A_key_outside_1_to_5_is_asked_again_once_then_the_caller_is_thanked_and_nothing_is_stored()
    {
        var practice = await PracticeAsync(offersSurvey: true);
        var sid = await CallInQueueAsync(practice);

        var again = await TwimlAsync(PhoneSurvey.AnswerPath, [.. Form(sid, practice.RoutineNumber), new("Digits", "9")]);
        var retryPath = again.Root!.Element("Gather")!.Attribute("action")!.Value;
        var last = await TwimlAsync(retryPath, [.. Form(sid, practice.RoutineNumber), new("Digits", "*")]);

        again.Root.Element("Gather")!.Element("Say")!.Value.ShouldStartWith("Cette touche n'est pas une note de 1 à 5.");
        retryPath.ShouldBe($"{PhoneSurvey.AnswerPath}?attempt=2");
        last.Root!.Elements().Select(e => e.Name.LocalName).ShouldBe(["Say", "Hangup"]);
        (await CallAsync(sid)).SatisfactionScore.ShouldBeNull();
    }

    [Fact]
    public async Task An_unsigned_or_missigned_survey_answer_is_403_and_stores_nothing()
    {
        var practice = await PracticeAsync(offersSurvey: true);
        var sid = await CallInQueueAsync(practice);
        List<KeyValuePair<string, string>> form = [.. Form(sid, practice.RoutineNumber), new("Digits", "5")];
        var signedForOtherDigits = TwilioSignature.Compute(PermanenceApp.TwilioAuthToken, $"http://localhost{PhoneSurvey.AnswerPath}",
            [.. Form(sid, practice.RoutineNumber), new("Digits", "1")]);

        (await _app.PostTwimlAsync(PhoneSurvey.AnswerPath, form, "")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _app.PostTwimlAsync(PhoneSurvey.AnswerPath, form, signedForOtherDigits)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _app.PostTwimlAsync(PhoneSurvey.QuestionPath, [.. form, new("QueueResult", "bridged")], "bad")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await CallAsync(sid)).SatisfactionScore.ShouldBeNull();
    }

    [Fact]
    public async Task A_second_keyed_answer_does_not_replace_the_first()
    {
        var practice = await PracticeAsync(offersSurvey: true);
        var sid = await CallInQueueAsync(practice);

        await TwimlAsync(PhoneSurvey.AnswerPath, [.. Form(sid, practice.RoutineNumber), new("Digits", "2")]);
        await TwimlAsync(PhoneSurvey.AnswerPath, [.. Form(sid, practice.RoutineNumber), new("Digits", "5")]);

        (await CallAsync(sid)).SatisfactionScore.ShouldBe(2);
    }

    [Fact]
    public async Task A_keyed_answer_from_a_flow_that_read_the_call_before_the_emailed_link_was_answered_does_not_replace_it()
    {
        var practice = await PracticeAsync(offersSurvey: true);
        var sid = await CallInQueueAsync(practice);
        await AnswerCallAsync(sid);
        var callId = (await CallAsync(sid)).Id;
        await using var keypad = _app.Services.CreateAsyncScope();
        // The keypad flow's unit of work has read the call while it had no answer yet.
        var keypadDb = keypad.ServiceProvider.GetRequiredService<Permanence.Data.PermanenceDbContext>();
        (await keypadDb.Calls.SingleAsync(c => c.ProviderCallId == sid, _ct)).SatisfactionScore.ShouldBeNull();
        var token = keypad.ServiceProvider.GetRequiredService<Web.Quality.SurveyLinks>().Issue(callId, _app.Clock.GetCurrentInstant() + Duration.FromDays(1));
        using var anonymous = _app.CreateClient();
        (await PostFormAsync(anonymous, $"/survey/{token}", ("score", "5"), ("comment", "Parfait"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var twiml = await keypad.ServiceProvider.GetRequiredService<PhoneSurvey>().AnswerAsync(
            new TwimlRequest(sid, "+33612345678", practice.RoutineNumber, null, null, null, "1", null), attempt: 1, _ct);

        twiml.Value.ShouldNotBeNull().Root!.Elements().Select(e => e.Name.LocalName).ShouldBe(["Say", "Hangup"]);
        var call = await CallAsync(sid);
        (call.SatisfactionScore, call.SatisfactionChannel, call.SatisfactionComment).ShouldBe((5, SurveyChannel.Email, "Parfait"));
    }

    [Fact]
    public async Task An_emailed_answer_to_a_call_read_before_the_caller_keyed_one_is_refused_and_the_keyed_one_kept()
    {
        var practice = await PracticeAsync(offersSurvey: true);
        var sid = await CallInQueueAsync(practice);
        await AnswerCallAsync(sid);
        // The survey page read the call while it had no answer yet; then the caller keyed 2.
        var readByThePage = await CallAsync(sid);
        await TwimlAsync(PhoneSurvey.AnswerPath, [.. Form(sid, practice.RoutineNumber), new("Digits", "2")]);
        await using var page = _app.Services.CreateAsyncScope();

        var stored = await page.ServiceProvider.GetRequiredService<Web.Quality.SurveyAnswers>().StoreAsync(
            readByThePage, new SurveyAnswer(5, SurveyChannel.Email, "Parfait", _app.Clock.GetCurrentInstant()), _ct);

        stored.Error.ShouldBeOfType<ConflictError>();
        var call = await CallAsync(sid);
        (call.SatisfactionScore, call.SatisfactionChannel, call.SatisfactionComment).ShouldBe((2, SurveyChannel.Phone, (string?)null));
    }

    [Fact]
    public async Task Wrapping_up_a_call_of_an_identified_patient_emails_a_link_whose_page_stores_one_answer()
    {
        PermanenceApp.RequireSmtp();
        var (practice, callId, address) = await AnsweredCallOfPatientAsync();
        using var admin = _app.AdminClient();

        var wrapped = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/calls/{callId}/wrap-up", new { disposition = "resolved" }, _ct);
        wrapped.StatusCode.ShouldBe(HttpStatusCode.OK, await wrapped.Content.ReadAsStringAsync(_ct));

        var link = SurveyLinkSentTo(address);
        using var anonymous = _app.CreateClient();
        var page = await anonymous.GetAsync(link, _ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(_ct);
        html.ShouldContain("Cabinet des Appels");
        html.ShouldContain("name=\"score\" value=\"5\"");

        var answered = await PostFormAsync(anonymous, link, ("score", "5"), ("comment", "  Très aimable, merci.  "));
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
        var call = await _app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == new CallId(callId), _ct));
        call.SatisfactionScore.ShouldBe(5);
        call.SatisfactionChannel.ShouldBe(SurveyChannel.Email);
        call.SatisfactionComment.ShouldBe("Très aimable, merci.");

        var reused = await PostFormAsync(anonymous, link, ("score", "1"));
        reused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await reused.Content.ReadAsStringAsync(_ct)).ShouldContain("already answered");
        (await anonymous.GetAsync(link, _ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == new CallId(callId), _ct))).SatisfactionScore.ShouldBe(5);
    }

    [Fact]
    public async Task A_member_of_staff_of_another_practice_who_opens_the_link_sees_and_answers_the_survey()
    {
        var (_, callId, _) = await AnsweredCallOfPatientAsync();
        using var admin = _app.AdminClient();
        var neighbour = await admin.CreatePracticeWithLinesAsync("Cabinet Voisin");
        string link;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var token = scope.ServiceProvider.GetRequiredService<SurveyLinks>().Issue(new CallId(callId), _app.Clock.GetCurrentInstant() + Duration.FromDays(1));
            link = $"{SurveyLinks.PagePath}/{token}";
        }
        using var staff = _app.ClientWithKey(await admin.CreateApiKeyAsync("secretary", neighbour.Id));

        (await staff.GetAsync(link, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostFormAsync(staff, link, ("score", "4"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == new CallId(callId), _ct))).SatisfactionScore.ShouldBe(4);
    }

    [Fact]
    public async Task A_nul_in_a_survey_comment_is_400_and_stores_no_answer()
    {
        PermanenceApp.RequireSmtp();
        var (practice, callId, address) = await AnsweredCallOfPatientAsync();
        using var admin = _app.AdminClient();
        (await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/calls/{callId}/wrap-up", new { disposition = "resolved" }, _ct)).EnsureSuccessStatusCode();
        var link = SurveyLinkSentTo(address);
        using var anonymous = _app.CreateClient();

        var answered = await PostFormAsync(anonymous, link, ("score", "5"), ("comment", "Très aimable\u0000"));
        var escaped = await PostFormAsync(anonymous, link, ("score", "5"), ("comment", "Très aimable\u001b[31m"));

        answered.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await answered.Content.ReadAsStringAsync(_ct));
        escaped.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        System.Net.WebUtility.HtmlDecode(await escaped.Content.ReadAsStringAsync(_ct)).ShouldContain("Commentaire / Comment : ");
        var call = await _app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == new CallId(callId), _ct));
        (call.SatisfactionScore, call.SatisfactionComment).ShouldBe((null, null));
    }

    [Fact]
    public async Task A_tampered_survey_link_is_400_and_an_expired_one_410_and_neither_writes()
    {
        PermanenceApp.RequireSmtp();
        var (practice, callId, address) = await AnsweredCallOfPatientAsync();
        using var admin = _app.AdminClient();
        (await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/calls/{callId}/wrap-up", new { disposition = "resolved" }, _ct)).EnsureSuccessStatusCode();
        var link = SurveyLinkSentTo(address);
        var token = link[(link.LastIndexOf('/') + 1)..];
        var tampered = $"/survey/{token[..^6]}{(token[^6] == 'A' ? 'B' : 'A')}{token[^5..]}";
        using var anonymous = _app.CreateClient();

        var tamperedAnswer = await PostFormAsync(anonymous, tampered, ("score", "1"));
        tamperedAnswer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tamperedAnswer.Content.ReadAsStringAsync(_ct)).ShouldContain("not valid");
        (await anonymous.GetAsync("/survey/not-a-token", _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        _app.Clock.Advance(SatisfactionSurvey.LinkLifetime + Duration.FromMinutes(1));
        var expiredAnswer = await PostFormAsync(anonymous, link, ("score", "1"));
        expiredAnswer.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await expiredAnswer.Content.ReadAsStringAsync(_ct)).ShouldContain("expired");

        (await _app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == new CallId(callId), _ct))).SatisfactionScore.ShouldBeNull();
    }

    [Fact]
    public async Task A_survey_form_without_a_score_is_400_and_stores_nothing()
    {
        var (_, callId, _) = await AnsweredCallOfPatientAsync();
        using var scope = _app.Services.CreateScope();
        var token = scope.ServiceProvider.GetRequiredService<Web.Quality.SurveyLinks>().Issue(new CallId(callId), _app.Clock.GetCurrentInstant() + Duration.FromDays(1));
        using var anonymous = _app.CreateClient();

        var answer = await PostFormAsync(anonymous, $"/survey/{token}", ("score", "6"));

        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == new CallId(callId), _ct))).SatisfactionScore.ShouldBeNull();
    }

    [Fact]
    public async Task The_practice_figures_report_satisfaction_from_the_stored_answers()
    {
        var practice = await PracticeAsync(offersSurvey: true);
        foreach (var digit in new[] { "5", "4", "2" })
        {
            var sid = await CallInQueueAsync(practice);
            await AnswerCallAsync(sid);
            await TwimlAsync(PhoneSurvey.AnswerPath, [.. Form(sid, practice.RoutineNumber), new("Digits", digit)]);
        }
        await AnswerCallAsync(await CallInQueueAsync(practice)); // answered, no survey answer
        using var admin = _app.AdminClient();

        var from = Telephony.Iso(MondayMorning - Duration.FromHours(1));
        var to = Telephony.Iso(MondayMorning + Duration.FromHours(1));
        var response = await admin.GetAsync($"/api/practices/{practice.Id}/kpis?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        var kpis = await response.ReadAsync<JsonElement>();

        kpis.GetProperty("surveyResponses").GetInt32().ShouldBe(3);
        kpis.GetProperty("averageSatisfaction").GetDouble().ShouldBe(11.0 / 3, tolerance: 1e-9);
        kpis.GetProperty("satisfiedShare").GetDouble().ShouldBe(2.0 / 3, tolerance: 1e-9);
    }

    [Fact]
    public async Task Survey_documents_use_only_twiml_verbs_and_their_documented_attributes()
    {
        var practice = await PracticeAsync(offersSurvey: true);
        var sid = await CallInQueueAsync(practice);
        var documents = new[]
        {
            await TwimlAsync("/telephony/twiml/voice", Form(NewSid(), practice.RoutineNumber)),
            await TwimlAsync(PhoneSurvey.QuestionPath, [.. Form(sid, practice.RoutineNumber), new("QueueResult", "bridged")]),
            await TwimlAsync(PhoneSurvey.AnswerPath, [.. Form(sid, practice.RoutineNumber), new("Digits", "0")]),
            await TwimlAsync(PhoneSurvey.AnswerPath, [.. Form(sid, practice.RoutineNumber), new("Digits", "3")]),
        };

        foreach (var document in documents)
        {
            document.Root!.Name.LocalName.ShouldBe("Response");
            foreach (var verb in document.Root.Descendants())
            {
                TwimlVerbs.ShouldContainKey(verb.Name.LocalName);
                verb.Attributes().Select(a => a.Name.LocalName).ShouldBeSubsetOf(TwimlVerbs[verb.Name.LocalName]);
                if (verb.Name.LocalName == "Gather")
                {
                    verb.Elements().Select(e => e.Name.LocalName).ShouldAllBe(name => name == "Say");
                }
            }
        }
    }

    private async Task<PracticeLines> PracticeAsync(bool offersSurvey)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        await _app.WithDbAsync(async db =>
        {
            var stored = await db.Practices.Include(p => p.OpeningHours).SingleAsync(p => p.Id == new PracticeId(practice.Id), _ct);
            stored.OffersSatisfactionSurvey = offersSurvey;
            db.OpeningHours.RemoveRange(stored.OpeningHours);
            db.OpeningHours.Add(new OpeningHoursRange { PracticeId = stored.Id, Day = IsoDayOfWeek.Monday, Start = new LocalTime(8, 0), End = new LocalTime(19, 0) });
            return await db.SaveChangesAsync(_ct);
        });
        return practice;
    }

    /// <summary>A call routed by the TwiML webhook into the practice's queue; returns its provider id.</summary>
    private async Task<string> CallInQueueAsync(PracticeLines practice)
    {
        _app.Clock.Reset(MondayMorning);
        var sid = NewSid();
        (await TwimlAsync("/telephony/twiml/voice", Form(sid, practice.RoutineNumber))).Root!.Element("Enqueue").ShouldNotBeNull();
        return sid;
    }

    /// <summary>The secretary picked up after 10 s, the call lasted 3 minutes.</summary>
    private Task<int> AnswerCallAsync(string sid) => _app.WithDbAsync(async db =>
    {
        var call = await db.Calls.SingleAsync(c => c.ProviderCallId == sid, _ct);
        call.AnsweredAt = call.StartedAt + Duration.FromSeconds(10);
        call.EndedAt = call.AnsweredAt + Duration.FromMinutes(3);
        call.Outcome = CallOutcome.Answered;
        call.WaitSeconds = 10;
        call.TalkSeconds = 180;
        return await db.SaveChangesAsync(_ct);
    });

    private async Task<(PracticeLines Practice, Guid CallId, string Address)> AnsweredCallOfPatientAsync()
    {
        var practice = await PracticeAsync(offersSurvey: true);
        using var admin = _app.AdminClient();
        var address = $"patient-{Guid.NewGuid():N}@example.org";
        var patient = await admin.CreatePatientAsync(practice.Id);
        var sid = await CallInQueueAsync(practice);
        await AnswerCallAsync(sid);
        var callId = await _app.WithDbAsync(async db =>
        {
            (await db.Patients.SingleAsync(p => p.Id == new PatientId(patient), _ct)).Email = address;
            var call = await db.Calls.SingleAsync(c => c.ProviderCallId == sid, _ct);
            call.PatientId = new PatientId(patient);
            await db.SaveChangesAsync(_ct);
            return call.Id.Value;
        });
        return (practice, callId, address);
    }

    /// <summary>The path of the survey link in the e-mail the SMTP sink received for <paramref name="address"/>.</summary>
    private static string SurveyLinkSentTo(string address)
    {
        var raw = SmtpSinkMailbox.MessagesTo(address).ShouldHaveSingleItem();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(raw[(raw.IndexOf('\n', StringComparison.Ordinal) + 1)..]));
        var message = MimeMessage.Load(stream);
        message.Subject.ShouldNotBeNull().ShouldContain("Cabinet des Appels");
        var body = message.TextBody.ShouldNotBeNull();
        var url = SurveyUrl().Match(body).Value;
        url.ShouldNotBeEmpty(body);
        return new Uri(url).AbsolutePath;
    }

    private async Task<XDocument> TwimlAsync(string path, List<KeyValuePair<string, string>> form)
    {
        var response = await _app.PostSignedTwimlAsync(path, form);
        var body = await response.Content.ReadAsStringAsync(_ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        return XDocument.Parse(body);
    }

    private async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        return await client.PostAsync(path, content, _ct);
    }

    private Task<Call> CallAsync(string sid) => _app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.ProviderCallId == sid, _ct));

    private static string NewSid() => $"CA{Guid.NewGuid():N}";

    private static List<KeyValuePair<string, string>> Form(string sid, string to) =>
        [new("CallSid", sid), new("From", "+33612345678"), new("To", to), new("AccountSid", "AC0123")];

    [GeneratedRegex(@"https?://\S+/survey/\S+")]
    private static partial Regex SurveyUrl();
}

public sealed class SatisfactionSurveyTestsOnSqlite(SqliteApp app) : SatisfactionSurveyTests(app), IClassFixture<SqliteApp>;

public sealed class SatisfactionSurveyTestsOnPostgres(PostgresApp app) : SatisfactionSurveyTests(app), IClassFixture<PostgresApp>;
