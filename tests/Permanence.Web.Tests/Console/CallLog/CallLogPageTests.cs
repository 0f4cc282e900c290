using System.Net.Http.Json;
using Bunit;
using NodaTime;
using Permanence.Web.Console.CallLog;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Console.CallLog;

/// <summary>The console's call log over the real call log and call record services: search, detail, correction, export link.</summary>
public sealed class CallLogPageTests : ConsoleTestContext, IClassFixture<SqliteApp>
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 16, 9, 0);
    private readonly SqliteApp _app;
    private readonly CancellationToken _ct = Xunit.TestContext.Current.CancellationToken;

    public CallLogPageTests(SqliteApp app)
    {
        _app = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        UseHost(app);
    }

    /// <summary>A wrapped-up call of a new practice on Monday 16 November 2026 at 10:00 in Paris, and the page showing that day.</summary>
    private async Task<(IRenderedComponent<CallLogPage> Page, Guid PracticeId, Guid CallId)> WrappedUpCallShownAsync()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync($"Cabinet Journal {Guid.NewGuid():N}");
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, Monday);
        var record = $"/api/practices/{practice.Id}/calls/{call}";
        (await admin.PostAsJsonAsync($"{record}/steps/triage", new { urgency = "routine", category = "information" }, _ct)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"{record}/wrap-up", new { disposition = "resolved" }, _ct)).EnsureSuccessStatusCode();

        var page = Render<CallLogPage>();
        page.WaitForState(() => page.FindAll("#log-practice option").Count > 0, TimeSpan.FromSeconds(10));
        page.Find("#log-practice").Change(practice.Id.ToString());
        page.Find("#log-from").Change("2026-11-16");
        page.Find("#log-to").Change("2026-11-16");
        page.Find("form.call-log-filter").Submit();
        page.WaitForAssertion(() => page.FindAll($"tr[data-call='{call}']").Count.ShouldBe(1), TimeSpan.FromSeconds(10));
        return (page, practice.Id, call);
    }

    [Fact]
    public async Task The_days_calls_are_listed_and_the_export_link_carries_the_same_filters()
    {
        var (page, practiceId, _) = await WrappedUpCallShownAsync();

        page.Find("#log-count").TextContent.ShouldBe("1 appel(s).");
        var export = page.Find("#log-export").GetAttribute("href")!;
        export.ShouldStartWith($"api/practices/{practiceId}/calls.csv?from=2026-11-16T00%3A00%3A00%2B01%3A00&to=2026-11-17T00%3A00%3A00%2B01%3A00");

        page.Find("#log-outcome").Change("abandoned");
        page.Find("#log-export").GetAttribute("href")!.ShouldNotContain("outcome", customMessage: "the link exports what is shown until the search runs");
        page.Find("form.call-log-filter").Submit();
        page.WaitForAssertion(() => page.Find("#log-count").TextContent.ShouldBe("0 appel(s)."), TimeSpan.FromSeconds(10));
        page.Find("#log-export").GetAttribute("href")!.ShouldEndWith("&outcome=abandoned");
    }

    [Fact]
    public async Task A_correction_appended_from_the_detail_shows_the_value_it_replaced_and_the_new_one_counted()
    {
        var (page, _, call) = await WrappedUpCallShownAsync();

        page.Find($"tr[data-call='{call}'] button").Click();
        page.WaitForAssertion(() => page.Find("#detail-category").TextContent.ShouldBe("Renseignement"), TimeSpan.FromSeconds(10));
        page.Find("#correction-field").Change("category");
        page.Find("#correction-value").Change("clinical");
        page.Find("#correction-reason").Change("Douleur thoracique évoquée en fin d'appel");
        page.Find("form.call-correction").Submit();

        page.WaitForAssertion(() => page.FindAll("table.call-corrections tr[data-field='category'] td").Select(td => td.TextContent).Skip(3).Take(2)
            .ShouldBe(["information", "clinical"]), TimeSpan.FromSeconds(10));
        page.Find("#detail-category").TextContent.ShouldNotBe("Renseignement");
        page.Find("#correction-value").GetAttribute("value").ShouldBeNullOrEmpty();
        page.Find("#correction-reason").GetAttribute("value").ShouldBeNullOrEmpty();
        page.Find($"tr[data-call='{call}']").TextContent.ShouldNotContain("Renseignement");
    }

    [Fact]
    public async Task A_correction_without_a_reason_is_refused_next_to_the_field()
    {
        var (page, _, call) = await WrappedUpCallShownAsync();

        page.Find($"tr[data-call='{call}'] button").Click();
        page.WaitForAssertion(() => page.FindAll("form.call-correction").Count.ShouldBe(1), TimeSpan.FromSeconds(10));
        page.Find("#correction-field").Change("urgency");
        page.Find("#correction-value").Change("urgent");
        page.Find("form.call-correction").Submit();

        page.WaitForAssertion(() => page.Find("#error-reason").TextContent.ShouldNotBeEmpty(), TimeSpan.FromSeconds(10));
        page.FindAll("table.call-corrections").ShouldBeEmpty();
    }
}
