using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Permanence.Data.Demo;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Demo;

public abstract class DemoCallHistoryTests
{
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected DemoCallHistoryTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task The_call_log_of_a_demo_practice_shows_the_past_week_on_day_one()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSecretariatSeeder>().SeedAsync(_ct);
        }
        var practiceId = await _app.WithDbAsync(db => db.Practices.OrderBy(p => p.Name).Select(p => p.Id.Value).FirstAsync(_ct));
        using var admin = _app.AdminClient();
        var now = _app.Clock.GetCurrentInstant();

        var response = await admin.GetAsync(
            $"/api/practices/{practiceId}/calls?from={Telephony.IsoUtc(now - Duration.FromDays(7))}&to={Telephony.IsoUtc(now)}&pageSize=200", _ct);

        var page = await response.ReadAsync<JsonElement>();
        page.GetProperty("total").GetInt32().ShouldBeGreaterThan(20);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.ShouldContain(c => c.GetProperty("outcome").GetString() == "answered" && c.GetProperty("talkSeconds").GetInt32() > 0);
        items.ShouldAllBe(c => c.GetProperty("practiceId").GetGuid() == practiceId);
    }
}

public sealed class DemoCallHistoryTestsOnSqlite(SqliteApp app) : DemoCallHistoryTests(app), IClassFixture<SqliteApp>;

public sealed class DemoCallHistoryTestsOnPostgres(PostgresApp app) : DemoCallHistoryTests(app), IClassFixture<PostgresApp>;
