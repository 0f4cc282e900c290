using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Web.Calls;
using Permanence.Web.Console.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Console.Calls;

/// <summary>The guided call panel over the real call record, triage engine and database: emergency banner, step shortcuts, urgency downgrade.</summary>
public sealed class CallPanelTests : ConsoleTestContext, IClassFixture<SqliteApp>
{
    private const string ChestPain = "J'ai une douleur dans la poitrine qui descend dans le bras gauche";

    private readonly SqliteApp _app;
    private readonly CancellationToken _ct = Xunit.TestContext.Current.CancellationToken;

    public CallPanelTests(SqliteApp app)
    {
        _app = app;
        JSInterop.Mode = JSRuntimeMode.Loose;
        UseHost(app);
        Services.AddSingleton<CallDeskService>();
    }

    /// <summary>An answered call on a new practice, rendered in the panel as the desk shows it.</summary>
    private async Task<(IRenderedComponent<CallPanel> Panel, Guid CallId)> AnsweredCallAsync(string from = "+33612345678")
    {
        using var admin = _app.AdminClient();
        var practiceId = await admin.CreatePracticeAsync($"Cabinet Appel {Guid.NewGuid():N}");
        var now = _app.Clock.GetCurrentInstant();
        var call = new Call
        {
            ProviderCallId = Guid.NewGuid().ToString(),
            PracticeId = new PracticeId(practiceId),
            Line = CallLine.Routine,
            FromNumber = from,
            ToNumber = "+33142860000",
            StartedAt = now - Duration.FromSeconds(20),
            AnsweredAt = now - Duration.FromSeconds(12),
            Outcome = CallOutcome.InProgress,
            WaitSeconds = 8,
        };
        await _app.WithDbAsync(async db =>
        {
            db.Calls.Add(call);
            return await db.SaveChangesAsync(_ct);
        });
        var practice = (await Services.GetRequiredService<CallDeskService>().PracticeAsync(practiceId)).ShouldNotBeNull();
        var popup = new CallPopupDto(call.Id.Value, practiceId, "routine", "answered", call.FromNumber,
            new PracticeCardDto(practice.Name, "Cabinet médical, {secretary} à votre écoute.", "", "", [], [], [], "", null), []);
        var panel = Render<CallPanel>(p => p
            .Add(c => c.Popup, popup)
            .Add(c => c.Practice, practice)
            .Add(c => c.SecretaryName, "Claire")
            .Add(c => c.User, new ClaimsPrincipal(new ClaimsIdentity())));
        return (panel, call.Id.Value);
    }

    private static void PressAlt(IRenderedComponent<CallPanel> panel, string code) =>
        panel.Find("div.call").KeyDown(new KeyboardEventArgs { AltKey = true, Code = code });

    private static string? ActiveStep(IRenderedComponent<CallPanel> panel) =>
        panel.FindAll("ol.steps button").SingleOrDefault(b => b.GetAttribute("aria-current") == "step")?.GetAttribute("data-step");

    private static void TypeReason(IRenderedComponent<CallPanel> panel, string text)
    {
        PressAlt(panel, "Digit3");
        panel.Find("#reason").Input(text);
    }

    private Task<Call> StoredCallAsync(Guid callId) =>
        _app.WithDbAsync(db => db.Calls.AsNoTracking().SingleAsync(c => c.Id == new CallId(callId), _ct));

    [Fact]
    public async Task A_chest_pain_reason_raises_the_emergency_banner_with_the_15_112_script_and_highlights_the_matched_words()
    {
        var (panel, _) = await AnsweredCallAsync();
        panel.FindAll("#emergency-banner").ShouldBeEmpty();

        TypeReason(panel, ChestPain);

        panel.WaitForAssertion(() => panel.FindAll("#emergency-banner").Count.ShouldBe(1), TimeSpan.FromSeconds(10));
        var banner = panel.Find("#emergency-banner");
        banner.GetAttribute("role").ShouldBe("alert");
        banner.ParentElement!.ClassList.ShouldContain("call", "the banner spans the whole panel, above the practice card and the steps");
        banner.QuerySelector("h2")!.TextContent.ShouldContain("15");
        banner.QuerySelector("h2")!.TextContent.ShouldContain("112");
        banner.QuerySelectorAll("ol li").Select(li => li.TextContent).ShouldContain(t => t.Contains("composer immédiatement le 15"));
        panel.Find("#triage-level").GetAttribute("data-level").ShouldBe("emergency");
        var marked = panel.FindAll("#triage-text mark").Select(m => m.TextContent.ToLowerInvariant()).ToList();
        marked.ShouldNotBeEmpty();
        marked.ShouldContain(m => m.Contains("poitrine"));
        panel.Find("#triage-text").TextContent.ShouldBe(ChestPain, "the highlighted reason keeps the text as typed");
    }

    [Fact]
    public async Task A_routine_administrative_reason_shows_no_emergency_banner()
    {
        var (panel, _) = await AnsweredCallAsync();

        TypeReason(panel, "Je voudrais savoir si mon attestation de mutuelle a bien été reçue");

        panel.WaitForAssertion(() => panel.FindAll("#triage-level").Count.ShouldBe(1), TimeSpan.FromSeconds(10));
        panel.Find("#triage-level").GetAttribute("data-level").ShouldNotBe("emergency");
        panel.FindAll("#emergency-banner").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_callers_number_is_offered_as_the_callback_number()
    {
        var (panel, _) = await AnsweredCallAsync();
        PressAlt(panel, "Digit2");

        panel.Find("#callback-number").GetAttribute("value").ShouldBe("+33612345678");
    }

    [Fact]
    public async Task A_stand_in_for_a_withheld_number_is_neither_offered_for_callback_nor_searched_by()
    {
        var (panel, _) = await AnsweredCallAsync(from: "+266696687");
        PressAlt(panel, "Digit2");

        panel.Find("#callback-number").GetAttribute("value").ShouldBeNullOrEmpty();
        panel.FindAll("button").Single(b => b.TextContent.Contains("Alt+S", StringComparison.Ordinal)).Click();
        panel.WaitForAssertion(() => panel.Find("p[role=status]").TextContent.ShouldContain("masqué"));
    }

    [Fact]
    public async Task Alt_and_a_digit_move_the_active_step_and_other_keys_do_not()
    {
        var (panel, _) = await AnsweredCallAsync();
        ActiveStep(panel).ShouldBe("1");

        foreach (var step in new[] { 4, 2, 6, 5, 3, 1 })
        {
            PressAlt(panel, $"Digit{step}");
            ActiveStep(panel).ShouldBe(step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        panel.Find("#step-title").TextContent.ShouldBe(panel.Find("ol.steps button[data-step='1']").FirstChild!.TextContent.Trim());

        panel.Find("div.call").KeyDown(new KeyboardEventArgs { Code = "Digit4" });
        PressAlt(panel, "Digit7");
        ActiveStep(panel).ShouldBe("1", "a digit without Alt, or beyond the sixth step, is not a shortcut");

        PressAlt(panel, "Digit3");
        panel.FindAll("#reason").Count.ShouldBe(1);
    }

    [Fact]
    public async Task Choosing_a_lower_level_than_suggested_is_refused_without_a_reason_and_saved_with_one()
    {
        var (panel, callId) = await AnsweredCallAsync();
        TypeReason(panel, ChestPain);
        panel.WaitForAssertion(() => panel.Find("#chosen-urgency").GetAttribute("value").ShouldBe("emergency"), TimeSpan.FromSeconds(10));

        panel.Find("#chosen-urgency").Change("urgent");
        panel.FindAll("#downgrade-reason").Count.ShouldBe(1, "lowering the level asks for a reason");
        panel.Find("#reason-confirm").Click();

        panel.WaitForAssertion(() => panel.FindAll("#panel-error").Count.ShouldBe(1), TimeSpan.FromSeconds(10));
        ActiveStep(panel).ShouldBe("3");
        var refused = await StoredCallAsync(callId);
        refused.Urgency.ShouldBeNull();
        refused.SuggestedUrgency.ShouldBeNull();
        refused.DowngradeReason.ShouldBeNull();

        panel.Find("#downgrade-reason").Change("Douleur connue, suivie par le cardiologue");
        panel.Find("#reason-confirm").Click();

        panel.WaitForAssertion(() => ActiveStep(panel).ShouldBe("4"), TimeSpan.FromSeconds(10));
        panel.FindAll("#panel-error").ShouldBeEmpty();
        var saved = await StoredCallAsync(callId);
        saved.SuggestedUrgency.ShouldBe(UrgencyLevel.Emergency);
        saved.Urgency.ShouldBe(UrgencyLevel.Urgent);
        saved.DowngradeReason.ShouldBe("Douleur connue, suivie par le cardiologue");
    }
}
