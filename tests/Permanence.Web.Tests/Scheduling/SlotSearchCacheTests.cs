using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using NodaTime.Text;
using Permanence.Core.Common;
using Permanence.Core.Scheduling;
using Permanence.Data;
using Permanence.Data.Caching;
using Permanence.Web.Scheduling;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Scheduling;

/// <summary>
/// The slot search reads a cached agenda (<see cref="SearchAgendaCache"/>, appointments from <see cref="OccupancyCache"/>);
/// what it offers must not lag behind writes, rule changes or lapsed holds.
/// </summary>
public abstract class SlotSearchCacheTests
{
    private const string Tuesday = "2026-12-01T00:00:00+01:00";
    private const string Wednesday = "2026-12-02T00:00:00+01:00";
    private static readonly JsonSerializerOptions WebJson = new Microsoft.AspNetCore.Http.Json.JsonOptions().SerializerOptions.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected SlotSearchCacheTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task A_booking_a_cancellation_a_hold_its_release_and_its_expiry_show_in_the_next_search()
    {
        var agenda = await _app.CreateAgendaAsync();
        async Task<List<string>> Starts() => [.. (await agenda.SlotsAsync(Tuesday, Wednesday)).Select(s => s.GetProperty("start").GetString()!)];
        var all = await Starts();
        all.Count.ShouldBe(6);

        var booked = await agenda.BookAsync("2026-12-01T09:00:00+01:00");
        booked.StatusCode.ShouldBe(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync(_ct));
        (await Starts()).ShouldBe(all.Skip(1));

        var bookedId = (await booked.ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("id").GetGuid();
        (await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments/{bookedId}/cancel", new { reason = "empêché" }, _ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Starts()).ShouldBe(all);

        var hold = await HoldAsync(agenda, "2026-12-01T10:00:00+01:00");
        (await Starts()).ShouldBe(all.Where(s => s != "2026-12-01T10:00:00+01:00"));
        (await agenda.Client.DeleteAsync($"/api/practices/{agenda.Practice}/holds/{hold}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Starts()).ShouldBe(all);

        await HoldAsync(agenda, "2026-12-01T11:00:00+01:00");
        (await Starts()).ShouldBe(all.Where(s => s != "2026-12-01T11:00:00+01:00"));
        _app.Clock.Advance(BookingService.HoldLifetime + Duration.FromSeconds(1));
        (await Starts()).ShouldBe(all);
    }

    [Fact]
    public async Task The_cached_search_finds_what_a_search_over_the_database_finds()
    {
        var agenda = await _app.CreateAgendaAsync(minutes: 20, bufferAfter: 10, maxPerDay: 5);
        var from = Instant.FromUtc(2026, 11, 30, 0, 0);
        var slots = await agenda.SlotsAsync("2026-11-30T00:00:00+01:00", "2026-12-12T00:00:00+01:00", limit: 100);
        var random = new Random(20261201);
        // A mixed agenda: bookings, some of them cancelled, and holds that lapse at two different times.
        foreach (var slot in slots)
        {
            var start = slot.GetProperty("start").GetString()!;
            switch (random.Next(6))
            {
                case 0 or 1:
                    await agenda.BookAsync(start);
                    break;
                case 2:
                    var booked = await agenda.BookAsync(start);
                    if (booked.StatusCode == HttpStatusCode.Created)
                    {
                        var id = (await booked.ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("id").GetGuid();
                        await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments/{id}/cancel", new { reason = "empêché" }, _ct);
                    }
                    break;
                case 3:
                    // Refused when an earlier booking overlaps it or fills the day: the agenda is mixed either way.
                    await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/holds",
                        new { practitionerId = agenda.Practitioner, appointmentTypeId = agenda.Type, start }, _ct);
                    break;
            }
        }
        _app.Clock.Advance(Duration.FromMinutes(3));
        foreach (var slot in slots.Where((_, i) => i % 7 == 0))
        {
            await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/holds",
                new { practitionerId = agenda.Practitioner, appointmentTypeId = agenda.Type, start = slot.GetProperty("start").GetString() }, _ct);
        }

        await using var scope = _app.Services.CreateAsyncScope();
        var loader = scope.ServiceProvider.GetRequiredService<AgendaLoader>();
        var rules = (await loader.RulesAsync(new PracticeId(agenda.Practice), _ct))!;
        var type = rules.Types[new AppointmentTypeId(agenda.Type)];
        var clockNow = _app.Clock.GetCurrentInstant();
        var compared = 0;
        for (var i = 0; i < 60; i++)
        {
            // Windows of an hour to four days at random quarter hours, so the cache is asked for days it has, days it
            // lacks and both; "now" before and after the first holds lapse.
            var start = from + Duration.FromMinutes(15 * random.Next(12 * 24 * 4));
            var window = new TimeRange(start, start + Duration.FromMinutes(15 * random.Next(4, 4 * 24 * 4)));
            var now = clockNow + Duration.FromMinutes(random.Next(3));
            var fromDatabase = await loader.LoadAsync(rules, [], window, now, except: null, _ct);
            var fromCache = await loader.AgendaForSearchAsync(rules, window, now, _ct);

            compared += fromDatabase.Agenda.Appointments.Count;
            var query = new SlotQuery { Type = type, Window = window, Limit = 500 };
            SlotSearch.Find(fromCache, query with { Practitioners = rules.ActivePractitioners }, now).Slots
                .ShouldBe(SlotSearch.Find(fromDatabase.Agenda, query, now).Slots, $"window {window}, now {now}");
        }
        compared.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task Searches_of_the_same_days_share_one_agenda_until_an_appointment_changes_or_a_hold_lapses()
    {
        var agenda = await _app.CreateAgendaAsync();
        var window = new TimeRange(Instant.FromUtc(2026, 12, 1, 9, 0), Instant.FromUtc(2026, 12, 1, 20, 0));
        async Task<PracticeAgenda> SearchAgendaAsync()
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var loader = scope.ServiceProvider.GetRequiredService<AgendaLoader>();
            var rules = (await loader.RulesAsync(new PracticeId(agenda.Practice), _ct))!;
            return await loader.AgendaForSearchAsync(rules, window, _app.Clock.GetCurrentInstant(), _ct);
        }
        var first = await SearchAgendaAsync();
        (await SearchAgendaAsync()).ShouldBeSameAs(first);

        await HoldAsync(agenda, "2026-12-01T10:00:00+01:00");
        var withHold = await SearchAgendaAsync();
        withHold.ShouldNotBeSameAs(first);
        withHold.Appointments.Count.ShouldBe(1);
        (await SearchAgendaAsync()).ShouldBeSameAs(withHold);

        _app.Clock.Advance(BookingService.HoldLifetime);
        var afterExpiry = await SearchAgendaAsync();
        afterExpiry.ShouldNotBeSameAs(withHold);
        afterExpiry.Appointments.ShouldBeEmpty();
    }

    [Fact]
    public async Task Concurrent_searches_that_miss_the_same_days_share_one_build()
    {
        var agenda = await _app.CreateAgendaAsync();
        await HoldAsync(agenda, "2026-12-02T10:00:00+01:00");
        var window = new TimeRange(Instant.FromUtc(2026, 12, 2, 8, 0), Instant.FromUtc(2026, 12, 2, 20, 0));
        PracticeRules rules;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            rules = (await scope.ServiceProvider.GetRequiredService<AgendaLoader>().RulesAsync(new PracticeId(agenda.Practice), _ct))!;
        }
        var now = _app.Clock.GetCurrentInstant();
        async Task<PracticeAgenda> SearchAgendaAsync()
        {
            await using var scope = _app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AgendaLoader>().AgendaForSearchAsync(rules, window, now, _ct);
        }

        var agendas = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(SearchAgendaAsync, _ct)));

        agendas.ShouldAllBe(built => ReferenceEquals(built, agendas[0]));
        agendas[0].Appointments.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_absence_its_removal_and_new_weekly_sessions_show_in_the_next_search()
    {
        var agenda = await _app.CreateAgendaAsync();
        var practitioner = $"/api/practices/{agenda.Practice}/practitioners/{agenda.Practitioner}";
        async Task<List<string>> Starts() => [.. (await agenda.SlotsAsync(Tuesday, Wednesday)).Select(s => s.GetProperty("start").GetString()!)];
        var all = await Starts();
        all.ShouldBe(["2026-12-01T09:00:00+01:00", "2026-12-01T09:30:00+01:00", "2026-12-01T10:00:00+01:00",
            "2026-12-01T10:30:00+01:00", "2026-12-01T11:00:00+01:00", "2026-12-01T11:30:00+01:00"]);

        var absence = await agenda.Client.PostAsJsonAsync($"{practitioner}/absences",
            new { start = "2026-12-01T09:00:00+01:00", end = "2026-12-01T10:00:00+01:00", reason = "formation" }, _ct);
        absence.StatusCode.ShouldBe(HttpStatusCode.Created, await absence.Content.ReadAsStringAsync(_ct));
        (await Starts()).ShouldBe(all.Skip(2));

        var absenceId = (await absence.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await agenda.Client.DeleteAsync($"{practitioner}/absences/{absenceId}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Starts()).ShouldBe(all);

        var afternoons = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new { day, start = "14:00", end = "15:00" });
        (await agenda.Client.PutAsJsonAsync($"{practitioner}/availability", new { weeklySessions = afternoons }, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Starts()).ShouldBe(["2026-12-01T14:00:00+01:00", "2026-12-01T14:30:00+01:00"]);
    }

    [Fact]
    public async Task Pages_are_the_serializers_JSON_of_their_slots_and_link_to_the_next_page()
    {
        var agenda = await _app.CreateAgendaAsync();
        var all = await agenda.SlotsAsync(Tuesday, "2026-12-04T00:00:00+01:00");
        all.Count.ShouldBe(18);
        var next = $"/api/practices/{agenda.Practice}/slots?appointmentTypeId={agenda.Type}&practitionerId={agenda.Practitioner}"
            + $"&from={Uri.EscapeDataString(Tuesday)}&to={Uri.EscapeDataString("2026-12-04T00:00:00+01:00")}&limit=7";
        var paged = new List<SlotDto>();
        var pages = 0;
        while (next is not null)
        {
            var response = await agenda.Client.GetAsync(next, _ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.ToString().ShouldBe("application/json; charset=utf-8");
            var body = await response.Content.ReadAsStringAsync(_ct);
            var page = JsonSerializer.Deserialize<List<SlotDto>>(body, TestJson.Options)!;
            body.ShouldBe(JsonSerializer.Serialize(page, WebJson));
            paged.AddRange(page);
            pages++;
            next = response.Headers.TryGetValues("Link", out var links) ? links.Single() : null;
            if (next is not null)
            {
                next.ShouldEndWith(">; rel=\"next\"");
                next = next[1..next.IndexOf('>', StringComparison.Ordinal)];
                next.ShouldContain("&limit=7&after=");
            }
        }
        pages.ShouldBe(3);
        paged.Select(s => s.Start.ToString()).ShouldBe(all.Select(s => OffsetDateTimePattern.Rfc3339.Parse(s.GetProperty("start").GetString()!).Value.ToString()));
    }

    [Fact]
    public async Task Rules_read_again_unchanged_after_their_lapse_stay_the_same_rules_and_a_change_past_the_version_counter_does_not()
    {
        var agenda = await _app.CreateAgendaAsync();
        var practice = new PracticeId(agenda.Practice);
        var time = new SteppedTime();
        var cache = new PracticeRulesCache(_app.Services.GetRequiredService<PracticeRuleVersions>(), time);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Lazy<PermanenceDbContext>>();
        var first = await cache.GetAsync(db, practice, _ct);

        time.Advance(PracticeRulesCache.MaximumAge);
        (await cache.GetAsync(db, practice, _ct)).ShouldBeSameAs(first);

        // Another process (the CLI) shortens the sessions: the rows change, this process's version counter does not.
        var practitioner = new PractitionerId(agenda.Practitioner);
        await db.Value.WeeklySessions.IgnoreQueryFilters().Where(w => w.PractitionerId == practitioner)
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.End, new LocalTime(11, 0)), _ct);
        (await cache.GetAsync(db, practice, _ct)).ShouldBeSameAs(first);
        time.Advance(PracticeRulesCache.MaximumAge);
        var changed = await cache.GetAsync(db, practice, _ct);

        changed.ShouldNotBeSameAs(first);
        changed!.WeeklySessions[practitioner].ShouldAllBe(session => session.End == new LocalTime(11, 0));
    }

    /// <summary>A clock for <see cref="TimeProvider.GetTimestamp"/> that moves only when told.</summary>
    private sealed class SteppedTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private async Task<Guid> HoldAsync(Agenda agenda, string start)
    {
        var hold = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/holds",
            new { practitionerId = agenda.Practitioner, appointmentTypeId = agenda.Type, start }, _ct);
        hold.StatusCode.ShouldBe(HttpStatusCode.Created, await hold.Content.ReadAsStringAsync(_ct));
        return (await hold.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}

public sealed class SlotSearchCacheTestsOnSqlite(SqliteApp app) : SlotSearchCacheTests(app), IClassFixture<SqliteApp>;

public sealed class SlotSearchCacheTestsOnPostgres(PostgresApp app) : SlotSearchCacheTests(app), IClassFixture<PostgresApp>;
