using System.Net;
using Permanence.Web.Tests.Infrastructure;
using Permanence.Web.Tests.Scheduling;

namespace Permanence.Web.Tests.Console;

/// <summary>
/// The agenda, settings and supervision pages rendered by the real host (the server-side first render runs the pages'
/// loading code over the real services and the caller's practice scope).
/// </summary>
public sealed class ConsolePagesRenderTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>The page's text as a reader sees it (Razor encodes accents and apostrophes).</summary>
    private async Task<string> PageAsync(HttpClient client, string url) => WebUtility.HtmlDecode(await client.GetStringAsync(url, _ct));

    [Fact]
    public async Task A_secretary_sees_the_practice_day_with_its_appointment_on_the_practice_clock()
    {
        var agenda = await app.CreateAgendaAsync();
        (await agenda.BookAsync("2026-11-23T10:00:00+01:00")).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var secretary = app.ClientWithKey(await agenda.Client.CreateApiKeyAsync("secretary", agenda.Practice));

        var html = await PageAsync(secretary, $"/console/agenda?practice={agenda.Practice}");

        html.ShouldContain("role=\"grid\"");
        html.ShouldContain("Dr Claire Moreau");
        html.ShouldContain("lundi 23 novembre 2026");
        html.ShouldContain("10:00 Consultation");
    }

    [Fact]
    public async Task A_practice_manager_opens_the_appointment_types_and_a_secretary_is_refused_the_settings()
    {
        var agenda = await app.CreateAgendaAsync();
        using var manager = app.ClientWithKey(await agenda.Client.CreateApiKeyAsync("practice_manager", agenda.Practice));
        using var secretary = app.ClientWithKey(await agenda.Client.CreateApiKeyAsync("secretary", agenda.Practice));

        var html = await PageAsync(manager, $"/console/settings/appointment-types?practice={agenda.Practice}");
        html.ShouldContain("Motifs de rendez-vous");
        html.ShouldContain("Consultation");
        var onCall = await PageAsync(manager, $"/console/settings/on-call?practice={agenda.Practice}");
        onCall.ShouldContain("Personne de garde du lundi 23 novembre 2026", Case.Sensitive, "a practice without hours or shifts is uncovered from now on");

        (await secretary.GetAsync("/console/settings", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_page_arrives_prerendered_with_its_controls_disabled_until_its_circuit_is_up()
    {
        var agenda = await app.CreateAgendaAsync();
        using var secretary = app.ClientWithKey(await agenda.Client.CreateApiKeyAsync("secretary", agenda.Practice));

        var html = await PageAsync(secretary, "/console/calls");

        html.ShouldContain("Journal des appels");
        html.ShouldContain("<main id=\"main\" tabindex=\"-1\" aria-busy=\"true\">");
        html.ShouldContain("<fieldset class=\"page\" disabled>");
    }

    [Fact]
    public async Task A_practice_manager_downloads_a_quarterly_review_from_the_reports_page_and_a_secretary_is_refused_it()
    {
        var agenda = await app.CreateAgendaAsync();
        using var manager = app.ClientWithKey(await agenda.Client.CreateApiKeyAsync("practice_manager", agenda.Practice));
        using var secretary = app.ClientWithKey(await agenda.Client.CreateApiKeyAsync("secretary", agenda.Practice));

        var html = await PageAsync(manager, "/console/reports");

        html.ShouldContain("Revues trimestrielles");
        // The host's clock is on 23 November 2026: the current quarter first, in progress, then the seven before it.
        var links = System.Text.RegularExpressions.Regex.Matches(html, $"href=\"(api/practices/{agenda.Practice}/reports/quarterly[^\"]*)\"")
            .Select(m => m.Groups[1].Value).ToList();
        links.Count.ShouldBe(8);
        links[0].ShouldBe($"api/practices/{agenda.Practice}/reports/quarterly?year=2026&quarter=4");
        links[^1].ShouldBe($"api/practices/{agenda.Practice}/reports/quarterly?year=2025&quarter=1");
        html.ShouldContain("trimestre en cours");

        using var pdf = await manager.GetAsync("/" + links[1], _ct);
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK, await pdf.Content.ReadAsStringAsync(_ct));
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await secretary.GetAsync("/console/reports", _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_supervisor_opens_the_supervision_wall()
    {
        var agenda = await app.CreateAgendaAsync();
        using var supervisor = app.ClientWithKey(await agenda.Client.CreateApiKeyAsync("supervisor", agenda.Practice));

        var html = await PageAsync(supervisor, "/console/supervision");

        html.ShouldContain("Taux de décroché");
        html.ShouldContain("référence nationale 86");
        html.ShouldContain("Repère d'externalisation");
    }
}
