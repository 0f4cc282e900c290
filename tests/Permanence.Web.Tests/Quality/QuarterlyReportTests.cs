using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Permanence.Web.Tests.Quality;

public abstract class QuarterlyReportTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected QuarterlyReportTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task The_quarterly_report_is_a_pdf_with_the_practice_the_quarter_and_its_figures()
    {
        var poppler = RequirePoppler();
        var practiceId = await SeededPracticeAsync("Cabinet du Bilan Trimestriel");
        using var admin = _app.AdminClient();

        var response = await admin.GetAsync($"/api/practices/{practiceId}/reports/quarterly?year=2026&quarter=4", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync(_ct);
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", "quarterly-report", _app.Database.ToString())).FullName;
        var pdfPath = Path.Combine(folder, "quarterly-report.pdf");
        await File.WriteAllBytesAsync(pdfPath, pdf, _ct);

        var text = Run(Path.Combine(poppler, "pdftotext"), "-layout", pdfPath, "-");
        // October: 14 offered, 12 answered, 12 of 13 in opening hours; its surveyed calls all scored 5.
        OneSpaced(text).ShouldContain("octobre 14 12 92,3 % 66,7 % – 5,0/5");
        // 30 calls offered, 28 in opening hours, 24 answered, 20 of them within 15 s, one 2-second abandon.
        foreach (var expected in new[]
        {
            "Cabinet du Bilan Trimestriel", "T4 2026", "01/10/2026", "31/12/2026",
            "Appels présentés", "30 (dont 28 en heures d'ouverture)",
            "85,7 %", "référence nationale 86,0 %", "(non atteinte)",
            "74,1 %", "4,2/5 sur 10 réponse(s)", "80,0 % satisfaits",
            "Recommandations", "Erlang C",
        })
        {
            text.ShouldContain(expected, Case.Sensitive, $"pdftotext output lacks \"{expected}\"");
        }

        using var document = PdfDocument.Open(pdf);
        document.NumberOfPages.ShouldBe(3);
        var firstPage = Collapse(string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text)));
        firstPage.ShouldContain(Collapse("Revue trimestrielle — Cabinet du Bilan Trimestriel"));
        firstPage.ShouldContain(Collapse("85,7 %"));
        Collapse(string.Join(" ", document.GetPage(3).GetWords().Select(w => w.Text))).ShouldContain(Collapse("Recommandations"));
        document.GetPage(1).GetImages().Count().ShouldBe(1);

        Run(Path.Combine(poppler, "pdftoppm"), "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdfPath, Path.Combine(folder, "quarterly-report-page1"));
        var png = await File.ReadAllBytesAsync(Path.Combine(folder, "quarterly-report-page1.png"), _ct);
        png.Length.ShouldBeGreaterThan(10_000);
        png[..4].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        TestContext.Current.AddAttachment("quarterly-report-page1.png", png, "image/png");
    }

    [Theory]
    [InlineData("year=2026&quarter=5", "quarter")]
    [InlineData("year=2026&quarter=0", "quarter")]
    [InlineData("year=abc&quarter=1", "year")]
    [InlineData("quarter=1", "year")]
    [InlineData("year=1850&quarter=2", "year")]
    public async Task A_bad_year_or_quarter_is_400_naming_the_field(string query, string field)
    {
        var practiceId = await SeededPracticeAsync("Cabinet des Mauvais Trimestres");
        using var admin = _app.AdminClient();

        var response = await admin.GetAsync($"/api/practices/{practiceId}/reports/quarterly?{query}", _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Neither_a_manager_of_another_practice_nor_a_practitioner_can_download_the_report()
    {
        var practiceId = await SeededPracticeAsync("Cabinet Gardé");
        using var admin = _app.AdminClient();
        var other = await admin.CreatePracticeAsync("Cabinet Voisin");
        using var manager = _app.ClientWithKey(await admin.CreateApiKeyAsync("practice_manager", other));
        using var practitioner = _app.ClientWithKey(await admin.CreateApiKeyAsync("practitioner", practiceId));

        (await manager.GetAsync($"/api/practices/{practiceId}/reports/quarterly?year=2026&quarter=4", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await practitioner.GetAsync($"/api/practices/{practiceId}/reports/quarterly?year=2026&quarter=4", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// A practice open Monday–Friday 08:00–19:00 with, in Q4 2026: 20 calls answered in 8 s (12 bookings, 8 clinical,
    /// 10 surveyed: 5,5,5,5,4,4,4,4,3,3 → 4.2, 80 % satisfied), 4 answered after 40 s, 3 abandoned after 30 s, one
    /// abandoned after 2 s, and 2 Saturday calls to voicemail. One call of September is outside the quarter.
    /// </summary>
    private async Task<Guid> SeededPracticeAsync(string name)
    {
        using var admin = _app.AdminClient();
        var practiceId = await admin.CreatePracticeAsync(name);
        var id = new PracticeId(practiceId);
        await _app.WithDbAsync(async db =>
        {
            var practice = await db.Practices.Include(p => p.OpeningHours).SingleAsync(p => p.Id == id, _ct);
            db.OpeningHours.RemoveRange(practice.OpeningHours);
            foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
            {
                db.OpeningHours.Add(new OpeningHoursRange { PracticeId = id, Day = day, Start = new LocalTime(8, 0), End = new LocalTime(19, 0) });
            }
            int[] scores = [5, 5, 5, 5, 4, 4, 4, 4, 3, 3];
            var weekday = new LocalDate(2026, 10, 5); // a Monday
            for (var i = 0; i < 20; i++)
            {
                db.Calls.Add(Call(id, weekday.PlusWeeks(i % 12).PlusDays(i % 4).At(new LocalTime(9 + (i % 8), 10)), CallOutcome.Answered, 8,
                    i < 12 ? CallCategory.AppointmentBook : CallCategory.Clinical, i < scores.Length ? scores[i] : null));
            }
            for (var i = 0; i < 4; i++)
            {
                db.Calls.Add(Call(id, weekday.PlusWeeks(i).At(new LocalTime(11, 30)), CallOutcome.Answered, 40, CallCategory.Information));
            }
            for (var i = 0; i < 3; i++)
            {
                db.Calls.Add(Call(id, weekday.PlusWeeks(i + 4).At(new LocalTime(14, 0)), CallOutcome.Abandoned, 30));
            }
            db.Calls.Add(Call(id, weekday.At(new LocalTime(10, 0)), CallOutcome.Abandoned, 2));
            db.Calls.Add(Call(id, new LocalDate(2026, 10, 10).At(new LocalTime(10, 0)), CallOutcome.Voicemail, 20));
            db.Calls.Add(Call(id, new LocalDate(2026, 12, 12).At(new LocalTime(10, 0)), CallOutcome.Voicemail, 20));
            db.Calls.Add(Call(id, new LocalDate(2026, 9, 30).At(new LocalTime(10, 0)), CallOutcome.Answered, 5));
            return await db.SaveChangesAsync(_ct);
        });
        return practiceId;
    }

    private static Call Call(PracticeId practice, LocalDateTime ringing, CallOutcome outcome, int waitSeconds, CallCategory? category = null, int? score = null)
    {
        var startedAt = ringing.InZoneStrictly(Paris).ToInstant();
        var answered = outcome == CallOutcome.Answered;
        return new Call
        {
            ProviderCallId = $"report-{Guid.NewGuid():N}",
            PracticeId = practice,
            Line = CallLine.Routine,
            FromNumber = "+33612345678",
            ToNumber = "+33142860001",
            StartedAt = startedAt,
            AnsweredAt = answered ? startedAt + Duration.FromSeconds(waitSeconds) : null,
            EndedAt = startedAt + Duration.FromSeconds(waitSeconds + (answered ? 170 : 0)),
            Outcome = outcome,
            WaitSeconds = waitSeconds,
            TalkSeconds = answered ? 170 : null,
            WrapUpSeconds = answered ? 20 : null,
            Category = category,
            Urgency = answered ? UrgencyLevel.Routine : null,
            SatisfactionScore = score,
            SatisfactionChannel = score is null ? null : Core.Quality.SurveyChannel.Phone,
            SatisfactionAnsweredAt = score is null ? null : startedAt + Duration.FromMinutes(4),
            CreatedAt = startedAt,
        };
    }

    /// <summary>The folder of pdftotext and pdftoppm; skips loudly without them unless PERMANENCE_REQUIRE_POPPLER=1.</summary>
    private static string RequirePoppler()
    {
        var folder = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(f => File.Exists(Path.Combine(f, "pdftotext")) && File.Exists(Path.Combine(f, "pdftoppm")));
        if (folder is not null)
        {
            return folder;
        }
        if (Environment.GetEnvironmentVariable("PERMANENCE_REQUIRE_POPPLER") == "1")
        {
            Assert.Fail("PERMANENCE_REQUIRE_POPPLER=1 but pdftotext/pdftoppm (poppler-utils) are not on PATH.");
        }
        Assert.Skip("SKIPPED: pdftotext/pdftoppm not found (install poppler-utils, or run ./scripts/test.sh which does).");
        return "";
    }

    private static string Run(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{Path.GetFileName(tool)} failed: {errors}");
        return output;
    }

    private static string OneSpaced(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Collapse(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}

public sealed class QuarterlyReportTestsOnSqlite(SqliteApp app) : QuarterlyReportTests(app), IClassFixture<SqliteApp>;

public sealed class QuarterlyReportTestsOnPostgres(PostgresApp app) : QuarterlyReportTests(app), IClassFixture<PostgresApp>;
