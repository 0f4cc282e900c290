using System.Net.Http.Json;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Web.Console.Supervision;
using Permanence.Web.Routing;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Console.Supervision;

/// <summary>The supervision wall over the real call log and distributor: today's figures, queues and their wait, live refresh, staffing.</summary>
public sealed class SupervisionPageTests : ConsoleTestContext, IClassFixture<SqliteApp>
{
    private readonly SqliteApp _app;
    private readonly CancellationToken _ct = Xunit.TestContext.Current.CancellationToken;

    public SupervisionPageTests(SqliteApp app)
    {
        _app = app;
        UseHost(app);
        Services.AddSingleton(app.Services.GetRequiredService<AcdNotifications>());
    }

    private Task AddCallAsync(Guid practice, Instant startedAt, CallOutcome outcome, int? waitSeconds = null, CallLine line = CallLine.Routine) =>
        AddCallsAsync([NewCall(practice, startedAt, outcome, waitSeconds, line)]);

    /// <summary>A call rings on a practice line now and the distributor puts it in line (as a ringing event does).</summary>
    private async Task<CallId> RingAsync(Guid practice, CallLine line)
    {
        var call = NewCall(practice, _app.Clock.GetCurrentInstant(), CallOutcome.InProgress, line: line);
        await AddCallsAsync([call]);
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AcdService>().EnqueueAsync(call.Id, _ct);
        return call.Id;
    }

    private static IElement QueueRow(IRenderedComponent<SupervisionPage> page, Guid practice, string line) =>
        page.Find($".supervision-queues tr[data-practice='{practice}'][data-line={line}]");

    private async Task AddCallsAsync(IEnumerable<Call> calls) =>
        await _app.WithDbAsync(async db =>
        {
            db.Calls.AddRange(calls);
            return await db.SaveChangesAsync(_ct);
        });

    private static Call NewCall(Guid practice, Instant startedAt, CallOutcome outcome, int? waitSeconds = null, CallLine line = CallLine.Routine) =>
            new()
            {
                ProviderCallId = Guid.NewGuid().ToString(),
                PracticeId = new PracticeId(practice),
                Line = line,
                FromNumber = "+33612345678",
                ToNumber = "+33142860000",
                StartedAt = startedAt,
                AnsweredAt = outcome == CallOutcome.Answered ? startedAt + Duration.FromSeconds(waitSeconds ?? 0) : null,
                EndedAt = outcome == CallOutcome.InProgress ? null : startedAt + Duration.FromMinutes(3),
                Outcome = outcome,
                WaitSeconds = waitSeconds,
                TalkSeconds = outcome == CallOutcome.Answered ? 170 : null,
            };

    private async Task<Guid> PracticeOpenOnMondaysAsync(string name)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeAsync(name);
        var hours = await admin.PutAsJsonAsync($"/api/practices/{practice}/opening-hours", new[] { new { day = "monday", start = "08:00", end = "19:00" } }, _ct);
        hours.EnsureSuccessStatusCode();
        return practice;
    }

    private static string Kpi(IRenderedComponent<SupervisionPage> page, string name) =>
        page.Find($"[data-kpi={name}] dd").TextContent;

    [Fact]
    public async Task Today_figures_and_queues_are_shown_and_a_newly_queued_call_appears_as_the_distributor_reports_it()
    {
        var practiceName = $"Cabinet Supervision {Guid.NewGuid():N}";
        var practice = await PracticeOpenOnMondaysAsync(practiceName);
        var now = _app.Clock.GetCurrentInstant();
        // Monday 08:10–08:50 in Paris, in opening hours: two answered calls (one within 15 s), one abandoned after 40 s.
        // Picked up: 2 of 3; answered within 15 s: 1 of 3 (a 40 s abandon is not a short one, so it counts).
        await AddCallAsync(practice, now - Duration.FromMinutes(50), CallOutcome.Answered, waitSeconds: 8);
        await AddCallAsync(practice, now - Duration.FromMinutes(40), CallOutcome.Answered, waitSeconds: 30);
        await AddCallAsync(practice, now - Duration.FromMinutes(30), CallOutcome.Abandoned, waitSeconds: 40);
        var waiting = await RingAsync(practice, CallLine.Routine);
        _app.Clock.Advance(Duration.FromSeconds(42));

        // No timer tick during the test: the update below can only come from the distributor's change notification.
        var page = Render<SupervisionPage>(p => p.Add(s => s.RefreshInterval, TimeSpan.FromHours(1)));

        Kpi(page, "offered").ShouldBe("3");
        Kpi(page, "pick-up-rate").ShouldBe("66,7\u00a0%");
        page.Find("[data-kpi=pick-up-rate]").ClassList.ShouldContain("below-reference");
        Kpi(page, "service-level").ShouldBe("33,3\u00a0%");
        var queue = QueueRow(page, practice, "routine");
        queue.TextContent.ShouldContain(practiceName);
        queue.QuerySelectorAll("td")[2].TextContent.ShouldBe("1");
        queue.QuerySelectorAll("td")[3].TextContent.ShouldBe("42\u00a0s");
        queue.QuerySelectorAll("td")[4].TextContent.ShouldBe("aucune secrétaire formée en service");
        queue.ClassList.ShouldContain("over-target");
        var call = page.Find($".supervision-waiting tr[data-call='{waiting.Value}']");
        call.QuerySelectorAll("td").Select(td => td.TextContent).ShouldBe([practiceName, "standard", "1", "42\u00a0s", "—"]);
        call.ClassList.ShouldContain("over-target");

        await RingAsync(practice, CallLine.Routine);

        page.WaitForAssertion(() => QueueRow(page, practice, "routine").QuerySelectorAll("td")[2].TextContent.ShouldBe("2"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Each_practice_volume_is_placed_in_the_outsourcing_guide_and_staffing_follows_the_history()
    {
        var practiceName = $"Cabinet Volume {Guid.NewGuid():N}";
        var practice = await PracticeOpenOnMondaysAsync(practiceName);
        var now = _app.Clock.GetCurrentInstant();
        // 700 calls over the last four weeks (20 working days): 35 a day, between the guide's 30 and 50.
        await AddCallsAsync(
            from day in Enumerable.Range(1, 28)
            from minute in Enumerable.Range(0, 25)
            select NewCall(practice, now - Duration.FromDays(day) + Duration.FromMinutes(minute), CallOutcome.Answered, waitSeconds: 5));
        // Calls still under way count nowhere yet, as in the staffing history and the quarterly review.
        await AddCallsAsync(Enumerable.Range(1, 20).Select(i => NewCall(practice, now - Duration.FromMinutes(i), CallOutcome.InProgress)));

        var page = Render<SupervisionPage>();

        var row = page.FindAll(".supervision-volumes tbody tr").Single(r => r.TextContent.Contains(practiceName));
        row.GetAttribute("data-band").ShouldBe("SharedCover");
        row.QuerySelectorAll("td")[1].TextContent.ShouldBe("35");
        row.TextContent.ShouldContain("30 à 50 appels/jour");
        // 25 calls between 09:00 and 09:25 on each of the last four Mondays: 25 calls an hour at 09:00 on a Monday.
        var nine = page.FindAll(".supervision-staffing tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "09:00");
        double.Parse(nine.QuerySelectorAll("td")[0].TextContent, System.Globalization.CultureInfo.GetCultureInfo("fr-FR")).ShouldBeGreaterThanOrEqualTo(25);
        int.Parse(nine.QuerySelectorAll("td")[1].TextContent, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
    }
}
