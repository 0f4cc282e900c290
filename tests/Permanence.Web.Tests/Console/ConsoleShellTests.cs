using System.Net;
using System.Text.RegularExpressions;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Console;

/// <summary>
/// The console shell over HTTP: browsers are sent to the login page while the API keeps its bare 401; the two-step
/// sign-in (password, then authenticator code) posted as HTML forms; French by default, English on request.
/// </summary>
public sealed partial class ConsoleShellTests(ConsoleShellTests.TwoFactorApp app) : IClassFixture<ConsoleShellTests.TwoFactorApp>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public sealed class TwoFactorApp() : PermanenceApp(TestDatabase.Sqlite, requireTwoFactor: true);

    [Fact]
    public async Task An_anonymous_browser_is_sent_to_the_login_page_while_the_api_answers_401()
    {
        using var client = app.CookieClient();

        var page = await client.GetAsync("/console", _ct);
        page.StatusCode.ShouldBe(HttpStatusCode.Found);
        page.Headers.Location!.OriginalString.ShouldBe("/console/login?returnUrl=%2Fconsole");

        var api = await client.GetAsync("/api/practices", _ct);
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        api.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task The_login_page_is_in_french_unless_english_was_chosen()
    {
        using var client = app.CookieClient();
        var french = await client.GetStringAsync("/console/login", _ct);
        french.ShouldContain("<html lang=\"fr\"");
        french.ShouldContain("Mot de passe");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/login");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Den-GB%7Cuic%3Den-GB");
        var english = await (await client.SendAsync(request, _ct)).Content.ReadAsStringAsync(_ct);
        english.ShouldContain("<html lang=\"en\"");
        english.ShouldContain("Password");
    }

    [Fact]
    public async Task Signing_in_takes_the_password_then_the_authenticator_code_and_opens_the_console()
    {
        using var admin = app.AdminClient();
        var practice = await admin.CreatePracticeAsync("Cabinet du Parc");
        var account = await ConsoleAccounts.CreateWithAuthenticatorAsync(app, "secretary", "Camille Roux", null, practice);
        using var browser = app.CookieClient();

        var afterPassword = await PostFormAsync(browser, "/console/login?returnUrl=%2Fconsole", "login",
            ("Input.Email", account.Email), ("Input.Password", account.Password));
        afterPassword.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var secondStep = PathOf(afterPassword);
        secondStep.ShouldStartWith("/console/login/second-factor");
        (await browser.GetAsync("/console", _ct)).StatusCode.ShouldBe(HttpStatusCode.Found, "the password alone opens nothing");

        var wrongCode = await PostFormAsync(browser, secondStep, "second-factor", ("Input.Code", "000000"));
        (await TextOf(wrongCode)).ShouldContain("Code incorrect");

        var afterCode = await PostFormAsync(browser, secondStep, "second-factor", ("Input.Code", account.CurrentCode()));
        afterCode.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        PathOf(afterCode).ShouldBe("/console");
        var desk = await browser.GetAsync("/console", _ct);
        desk.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await TextOf(desk)).ShouldContain("Cabinet du Parc");
    }

    [Fact]
    public async Task A_wrong_password_shows_an_error_and_repeated_ones_lock_the_account()
    {
        var account = await ConsoleAccounts.CreateWithAuthenticatorAsync(app, "secretary", "Léa Petit", null);
        using var browser = app.CookieClient();
        for (var attempt = 1; attempt < 5; attempt++)
        {
            var refused = await PostFormAsync(browser, "/console/login", "login", ("Input.Email", account.Email), ("Input.Password", "wrong-password-123"));
            (await TextOf(refused)).ShouldContain("Adresse e-mail ou mot de passe incorrect.");
        }
        var locked = await PostFormAsync(browser, "/console/login", "login", ("Input.Email", account.Email), ("Input.Password", "wrong-password-123"));
        (await TextOf(locked)).ShouldContain("Compte verrouillé");
    }

    private static string PathOf(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location!.OriginalString;

    /// <summary>The page's text with HTML entities decoded (the renderer encodes accented letters).</summary>
    private async Task<string> TextOf(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(_ct));

    /// <summary>Loads the page for its antiforgery token, then posts the named form as a browser would.</summary>
    private async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, string formName, params (string Name, string Value)[] fields)
    {
        var html = await browser.GetStringAsync(url, _ct);
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        var form = new List<KeyValuePair<string, string>> { new("_handler", formName), new("__RequestVerificationToken", WebUtility.HtmlDecode(token)) };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var content = new FormUrlEncodedContent(form);
        return await browser.PostAsync(url, content, _ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
