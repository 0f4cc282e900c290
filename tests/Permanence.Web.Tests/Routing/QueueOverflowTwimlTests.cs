using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Messaging;
using Permanence.Core.Practices;
using Permanence.Web.Routing;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Routing;

/// <summary>
/// A caller waiting in the provider's queue (<c>Enqueue waitUrl</c>) is taken out with <c>Leave</c> once the ACD
/// overflows the call, then handled per the practice's overflow policy through the <c>Enqueue action</c>.
/// </summary>
public abstract class QueueOverflowTwimlTests
{
    private const string WaitPath = "/telephony/twiml/wait";
    private static readonly Instant MondayMorning = Instant.FromUtc(2026, 11, 23, 8, 0); // 09:00 in Paris
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected QueueOverflowTwimlTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task The_wait_url_holds_the_caller_until_the_acd_overflows_the_call_then_answers_leave()
    {
        var practice = await PracticeAsync(QueueOverflowPolicy.VoicemailToMessage);
        _app.Clock.Reset(MondayMorning);
        var sid = NewSid();
        var enqueue = (await TwimlAsync("/telephony/twiml/voice", Form(sid, practice.RoutineNumber))).Root!.Element("Enqueue")!;
        enqueue.Attribute("waitUrl")!.Value.ShouldBe(WaitPath);
        enqueue.Attribute("waitUrlMethod")!.Value.ShouldBe("POST");
        enqueue.Attribute("action")!.Value.ShouldBe(PhoneSurvey.QuestionPath);

        _app.Clock.Advance(Duration.FromSeconds(59));
        await TickAsync();
        var hold = await TwimlAsync(WaitPath, WaitForm(sid, practice.RoutineNumber, 59));

        hold.Root!.Element("Leave").ShouldBeNull();
        hold.Root.Element("Say")!.Attribute("language")!.Value.ShouldBe("fr-FR");
        int.Parse(hold.Root.Element("Pause")!.Attribute("length")!.Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);

        _app.Clock.Advance(Duration.FromSeconds(1));
        await TickAsync();
        var leave = await TwimlAsync(WaitPath, WaitForm(sid, practice.RoutineNumber, 60));

        leave.Root!.Elements().Select(e => e.Name.LocalName).ShouldBe(["Leave"]);
    }

    [Fact]
    public async Task With_the_voicemail_policy_the_caller_who_left_records_a_message_that_completes_the_overflow_message()
    {
        var practice = await PracticeAsync(QueueOverflowPolicy.VoicemailToMessage);
        var sid = await OverflowedCallAsync(practice);

        var twiml = await TwimlAsync(PhoneSurvey.QuestionPath, [.. Form(sid, practice.RoutineNumber), new("QueueResult", "leave")]);

        twiml.Root!.Element("Say")!.Value.ShouldContain("après le bip");
        var record = twiml.Root.Element("Record")!;
        record.Attribute("action")!.Value.ShouldBe(TwimlCallRouting.VoicemailPath);
        twiml.Root.Element("Hangup").ShouldBeNull();

        await TwimlAsync(TwimlCallRouting.VoicemailPath, [.. Form(sid, practice.RoutineNumber), new("RecordingUrl", "https://api.example.test/rec/RE1")]);
        var call = await _app.WithDbAsync(db => db.Calls.SingleAsync(c => c.ProviderCallId == sid, _ct));
        var messages = await _app.WithDbAsync(db => db.PractitionerMessages.Where(m => m.CallId == call.Id).ToListAsync(_ct));
        messages.ShouldHaveSingleItem().Kind.ShouldBe(MessageKind.Message);
        messages[0].Body.ShouldContain("https://api.example.test/rec/RE1");
    }

    [Fact]
    public async Task With_the_callback_policy_the_caller_who_left_hears_they_will_be_called_back_and_is_hung_up()
    {
        var practice = await PracticeAsync(QueueOverflowPolicy.CallbackTask);
        var sid = await OverflowedCallAsync(practice);

        var twiml = await TwimlAsync(PhoneSurvey.QuestionPath, [.. Form(sid, practice.RoutineNumber), new("QueueResult", "leave")]);

        twiml.Root!.Elements().Select(e => e.Name.LocalName).ShouldBe(["Say", "Hangup"]);
        twiml.Root.Element("Say")!.Value.ShouldContain("vous rappellera");
    }

    [Fact]
    public async Task A_wait_request_with_a_bad_signature_is_a_403()
    {
        var practice = await PracticeAsync(QueueOverflowPolicy.VoicemailToMessage);
        var sid = await OverflowedCallAsync(practice);

        var response = await _app.PostTwimlAsync(WaitPath, WaitForm(sid, practice.RoutineNumber, 60), "bm90IGEgc2lnbmF0dXJl");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(_ct)).ShouldNotContain("Leave");
    }

    private async Task<string> OverflowedCallAsync(PracticeLines practice)
    {
        _app.Clock.Reset(MondayMorning);
        var sid = NewSid();
        await TwimlAsync("/telephony/twiml/voice", Form(sid, practice.RoutineNumber));
        _app.Clock.Advance(Duration.FromSeconds(60));
        await TickAsync();
        return sid;
    }

    private async Task<PracticeLines> PracticeAsync(QueueOverflowPolicy overflow)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        await admin.CreatePractitionerAsync(practice.Id, "Dr Hugo Lambert");
        await _app.WithDbAsync(async db =>
        {
            var stored = await db.Practices.Include(p => p.OpeningHours).SingleAsync(p => p.Id == new PracticeId(practice.Id), _ct);
            stored.QueueOverflow = overflow;
            stored.QueueMaximumWaitSeconds = 60;
            db.OpeningHours.RemoveRange(stored.OpeningHours);
            foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
            {
                db.OpeningHours.Add(new OpeningHoursRange { PracticeId = stored.Id, Day = day, Start = new LocalTime(8, 0), End = new LocalTime(19, 0) });
            }
            return await db.SaveChangesAsync(_ct);
        });
        return practice;
    }

    private async Task<XDocument> TwimlAsync(string path, List<KeyValuePair<string, string>> form)
    {
        var response = await _app.PostSignedTwimlAsync(path, form);
        var body = await response.Content.ReadAsStringAsync(_ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return XDocument.Parse(body);
    }

    private async Task TickAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AcdService>().TickAsync(_ct);
    }

    private static string NewSid() => $"CA{Guid.NewGuid():N}";

    private static List<KeyValuePair<string, string>> Form(string sid, string to) =>
        [new("CallSid", sid), new("From", "+33612345678"), new("To", to), new("AccountSid", "AC0123")];

    private static List<KeyValuePair<string, string>> WaitForm(string sid, string to, int queueTime) =>
        [.. Form(sid, to), new("QueuePosition", "1"), new("QueueTime", queueTime.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

public sealed class QueueOverflowTwimlTestsOnSqlite(SqliteApp app) : QueueOverflowTwimlTests(app), IClassFixture<SqliteApp>;

public sealed class QueueOverflowTwimlTestsOnPostgres(PostgresApp app) : QueueOverflowTwimlTests(app), IClassFixture<PostgresApp>;
