using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Triage;

public abstract class TriageApiTests
{
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected TriageApiTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task Chest_pain_with_sweating_is_an_emergency_with_the_samu_script_and_the_matched_words()
    {
        using var admin = _app.AdminClient();
        var response = await admin.PostAsJsonAsync("/api/triage", new { text = "Mon mari a une douleur dans la poitrine qui serre et il transpire beaucoup" }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        var result = await response.ReadAsync<JsonElement>();
        result.GetProperty("urgency").GetString().ShouldBe("emergency");
        result.GetProperty("category").GetString().ShouldBe("clinical");
        result.GetProperty("action").GetProperty("french").GetString()!.ShouldContain("15");
        var signal = result.GetProperty("signals").EnumerateArray().First(s => s.GetProperty("urgency").GetString() == "emergency");
        var text = "Mon mari a une douleur dans la poitrine qui serre et il transpire beaucoup";
        text.Substring(signal.GetProperty("start").GetInt32(), signal.GetProperty("length").GetInt32()).ShouldBe(signal.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_cancellation_is_administrative_and_routine()
    {
        using var admin = _app.AdminClient();
        var result = await (await admin.PostAsJsonAsync("/api/triage", new { text = "Je voudrais annuler mon rendez-vous de jeudi", specialty = "dermatology" }, _ct)).ReadAsync<JsonElement>();
        result.GetProperty("urgency").GetString().ShouldBe("routine");
        result.GetProperty("category").GetString().ShouldBe("appointment_cancel");
        result.GetProperty("specialty").GetString().ShouldBe("dermatology");
    }

    [Fact]
    public async Task Empty_or_oversized_text_is_400()
    {
        using var admin = _app.AdminClient();
        (await admin.PostAsJsonAsync("/api/triage", new { text = " " }, _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsJsonAsync("/api/triage", new { text = new string('a', 6000) }, _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsJsonAsync("/api/triage", new { text = "fièvre", lang = "de" }, _ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_practice_override_raises_the_level_for_that_practice_only()
    {
        using var admin = _app.AdminClient();
        var ophthalmology = await admin.CreatePracticeAsync("Centre d'ophtalmologie", "ophthalmology");
        var other = await admin.CreatePracticeAsync("Cabinet voisin");
        using var manager = _app.ClientWithKey(await admin.CreateApiKeyAsync("practice_manager", ophthalmology));
        var added = await manager.PostAsJsonAsync($"/api/practices/{ophthalmology}/triage-overrides",
            new { id = "post-cataract-halo", phrases = new[] { "des halos autour des lumieres" }, urgency = "urgent" }, _ct);
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync(_ct));

        const string text = "Depuis hier je vois des halos autour des lumières";
        var here = await (await manager.PostAsJsonAsync("/api/triage", new { text, practiceId = ophthalmology }, _ct)).ReadAsync<JsonElement>();
        here.GetProperty("urgency").GetString().ShouldBe("urgent");
        here.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("ruleId").GetString()).ShouldContain("PRACTICE-post-cataract-halo");
        var elsewhere = await (await admin.PostAsJsonAsync("/api/triage", new { text, practiceId = other }, _ct)).ReadAsync<JsonElement>();
        elsewhere.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("ruleId").GetString()).ShouldNotContain("PRACTICE-post-cataract-halo");
    }

    [Fact]
    public async Task An_override_that_would_lower_a_built_in_emergency_is_refused()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeAsync();
        var response = await admin.PostAsJsonAsync($"/api/practices/{practice}/triage-overrides",
            new { id = "no-panic", phrases = new[] { "il ne respire plus" }, urgency = "routine" }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("phrases[0]", out _).ShouldBeTrue();
        var list = await (await admin.GetAsync($"/api/practices/{practice}/triage-overrides", _ct)).ReadAsync<JsonElement>();
        list.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_nul_in_the_callers_words_is_400_naming_the_text()
    {
        using var admin = _app.AdminClient();

        var response = await admin.PostAsJsonAsync("/api/triage", new { text = "douleur\u0000 dans la poitrine" }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("text", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_nul_in_an_override_phrase_is_400_and_adds_no_override()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeAsync();

        var response = await admin.PostAsJsonAsync($"/api/practices/{practice}/triage-overrides",
            new { id = "post-cataract-halo", phrases = new[] { "des halos\u0000 autour des lumieres" }, urgency = "urgent" }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("phrases[0]", out _).ShouldBeTrue();
        var list = await (await admin.GetAsync($"/api/practices/{practice}/triage-overrides", _ct)).ReadAsync<JsonElement>();
        list.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Triage_with_a_practice_outside_the_callers_scope_is_404()
    {
        using var admin = _app.AdminClient();
        var mine = await admin.CreatePracticeAsync();
        var theirs = await admin.CreatePracticeAsync();
        using var secretary = _app.ClientWithKey(await admin.CreateApiKeyAsync("secretary", mine));
        (await secretary.PostAsJsonAsync("/api/triage", new { text = "fièvre", practiceId = theirs }, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.PostAsJsonAsync("/api/triage", new { text = "fièvre", practiceId = mine }, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class TriageApiTestsOnSqlite(SqliteApp app) : TriageApiTests(app), IClassFixture<SqliteApp>;

public sealed class TriageApiTestsOnPostgres(PostgresApp app) : TriageApiTests(app), IClassFixture<PostgresApp>;
