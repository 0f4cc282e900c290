using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Messaging;
using Permanence.Web.Messaging;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Messaging;

public abstract class MessageApiTests
{
    private const string Password = "Correct-Horse-Battery-9";
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected MessageApiTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task A_message_goes_new_read_acknowledged_done_with_who_and_when_and_never_back()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);
        var created = await admin.CreateMessageAsync(practice.Id, practitioner, "routine");
        created.GetProperty("status").GetString().ShouldBe("new");
        var id = created.GetProperty("id").GetGuid();
        var url = $"/api/practices/{practice.Id}/messages/{id}";

        (await Ok(admin.PostAsync($"{url}/read", null, _ct))).GetProperty("status").GetString().ShouldBe("read");
        var acknowledged = await Ok(admin.PostAsync($"{url}/acknowledge", null, _ct));
        acknowledged.GetProperty("status").GetString().ShouldBe("acknowledged");
        acknowledged.GetProperty("acknowledgedBy").GetString()!.ShouldStartWith("api-key:");
        acknowledged.GetProperty("acknowledgedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var done = await Ok(admin.PostAsync($"{url}/done", null, _ct));
        done.GetProperty("status").GetString().ShouldBe("done");
        done.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString())
            .ShouldBe(["created", "notified", "read", "acknowledged", "done"]);

        (await admin.PostAsync($"{url}/read", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == id.ToString() && a.Action.StartsWith("message."), _ct))).ShouldBe(5);
    }

    [Fact]
    public async Task An_invalid_message_is_400_naming_every_field_and_writes_nothing()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var response = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/messages",
            new { practitionerId = Guid.NewGuid(), kind = "prescription_renewal", subject = "", priority = "soon", patientId = Guid.NewGuid(), callId = Guid.NewGuid(), lastConsultation = "last week" }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "practitionerId", "subject", "priority", "patientId", "callId", "medicines", "lastConsultation" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        (await _app.WithDbAsync(db => db.PractitionerMessages.CountAsync(m => m.PracticeId == new Core.Common.PracticeId(practice.Id), _ct))).ShouldBe(0);
    }

    [Theory]
    [InlineData("subject")]
    [InlineData("body")]
    public async Task A_nul_in_a_message_text_is_400_naming_the_field_and_writes_nothing(string field)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);
        var body = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["practitionerId"] = practitioner,
            ["kind"] = "message",
            ["subject"] = "Rappeler Mme Petit",
            ["body"] = "Elle s'inquiète de sa prise de sang.",
            ["priority"] = "routine",
        };
        body[field] += "\u0000";

        var response = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/messages", body, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field]);
        (await _app.WithDbAsync(db => db.PractitionerMessages.CountAsync(m => m.PracticeId == new Core.Common.PracticeId(practice.Id), _ct))).ShouldBe(0);
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData(null)]
    public async Task Medicines_given_with_another_kind_of_item_are_checked_too(string? medicines)
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);

        var response = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/messages", new
        {
            practitionerId = practitioner,
            kind = "message",
            subject = "Rappeler Mme Petit",
            priority = "routine",
            medicines = medicines ?? new string('x', 5000),
        }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["medicines"]);
        (await _app.WithDbAsync(db => db.PractitionerMessages.CountAsync(m => m.PracticeId == new Core.Common.PracticeId(practice.Id), _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_prescription_request_from_a_call_keeps_its_details_and_is_linked_to_the_call()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, Instant.FromUtc(2026, 11, 23, 7, 0));
        var response = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/messages", new
        {
            practitionerId = practitioner,
            kind = "prescription_renewal",
            subject = "Renouvellement traitement tension",
            priority = "same_day",
            callbackNumber = "06 12 34 56 78",
            callId = call,
            medicines = "Amlodipine 5 mg",
            dosage = "un comprimé le matin",
            pharmacy = "Pharmacie du Marché",
            lastConsultation = "2026-09-14",
        }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        var message = await response.ReadAsync<JsonElement>();
        message.GetProperty("medicines").GetString().ShouldBe("Amlodipine 5 mg");
        message.GetProperty("callbackNumber").GetString().ShouldBe("+33612345678");
        message.GetProperty("lastConsultation").GetString().ShouldBe("2026-09-14");

        var detail = await (await admin.GetAsync($"/api/practices/{practice.Id}/calls/{call}", _ct)).ReadAsync<JsonElement>();
        var action = detail.GetProperty("actions").EnumerateArray().Single();
        action.GetProperty("kind").GetString().ShouldBe("message");
        action.GetProperty("targetId").GetGuid().ShouldBe(message.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_callback_from_a_call_is_linked_to_the_call_as_a_task()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);
        var call = await _app.PostAnsweredCallAsync(practice.RoutineNumber, Instant.FromUtc(2026, 11, 23, 7, 0));
        var ids = new List<Guid>();
        foreach (var kind in new[] { "results_callback", "callback", "message" })
        {
            var response = await admin.PostAsJsonAsync($"/api/practices/{practice.Id}/messages", new
            {
                practitionerId = practitioner,
                kind,
                subject = "Rappeler le patient",
                priority = "same_day",
                callbackNumber = "06 12 34 56 78",
                callId = call,
            }, _ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
            ids.Add((await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid());
        }

        var detail = await (await admin.GetAsync($"/api/practices/{practice.Id}/calls/{call}", _ct)).ReadAsync<JsonElement>();
        detail.GetProperty("actions").EnumerateArray().ToDictionary(a => a.GetProperty("targetId").GetGuid(), a => a.GetProperty("kind").GetString())
            .ShouldBe(new Dictionary<Guid, string?> { [ids[0]] = "task", [ids[1]] = "task", [ids[2]] = "message" }, ignoreOrder: true);
    }

    [Fact]
    public async Task An_unacknowledged_urgent_item_is_renotified_at_its_due_time_then_escalated_to_supervisors()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);
        await CreateStaffAsync(admin, practice.Id, "supervisor");
        var created = await admin.CreateMessageAsync(practice.Id, practitioner, "urgent");
        var id = created.GetProperty("id").GetGuid();
        var createdAt = created.GetProperty("createdAt").GetString();
        created.GetProperty("dueAt").GetString().ShouldBe(Telephony.IsoUtc(InstantOf(createdAt!) + Duration.FromMinutes(15)));

        _app.Clock.AdvanceMinutes(14);
        await TickAsync();
        (await GetAsync(admin, practice.Id, id)).GetProperty("renotifiedAt").ValueKind.ShouldBe(JsonValueKind.Null);

        _app.Clock.AdvanceMinutes(1);
        await TickAsync();
        await TickAsync();
        var renotified = await GetAsync(admin, practice.Id, id);
        renotified.GetProperty("renotifiedAt").ValueKind.ShouldBe(JsonValueKind.String);
        renotified.GetProperty("escalatedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        Actions(renotified).Count(a => a == "renotified").ShouldBe(1);

        _app.Clock.AdvanceMinutes(15);
        await TickAsync();
        var escalated = await GetAsync(admin, practice.Id, id);
        escalated.GetProperty("escalatedAt").ValueKind.ShouldBe(JsonValueKind.String);
        Actions(escalated).ShouldContain("escalated");
        escalated.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("action").GetString() == "escalated")
            .GetProperty("detail").GetString()!.ShouldMatch(@"^email(-skipped)? x1/1$", "skipped when the run has no SMTP server");
        (await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == id.ToString() && (a.Action == "message.renotified" || a.Action == "message.escalated"), _ct))).ShouldBe(2);
    }

    [Fact]
    public async Task Items_waiting_for_their_escalation_never_hold_back_one_due_for_its_reminder()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);
        var created = await admin.CreateMessageAsync(practice.Id, practitioner, "urgent");
        var id = created.GetProperty("id").GetGuid();
        var createdAt = InstantOf(created.GetProperty("createdAt").GetString()!);
        // More items than one batch, due before it and already re-notified: their escalation comes 15 minutes after
        // their reminder, so after the pass below, while the new item is then due for its reminder.
        await _app.WithDbAsync(db =>
        {
            db.PractitionerMessages.AddRange(Enumerable.Range(0, 250).Select(i => new PractitionerMessage
            {
                PracticeId = new PracticeId(practice.Id),
                PractitionerId = new PractitionerId(practitioner),
                Subject = "waiting for its escalation",
                Priority = UrgencyLevel.Urgent,
                CreatedAt = createdAt,
                DueAt = createdAt + Duration.FromMinutes(2) + Duration.FromMilliseconds(i),
                RenotifiedAt = createdAt + Duration.FromMinutes(2),
            }));
            return db.SaveChangesAsync(_ct);
        });

        _app.Clock.AdvanceMinutes(16);
        await TickAsync();

        (await GetAsync(admin, practice.Id, id)).GetProperty("renotifiedAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await _app.WithDbAsync(db => db.PractitionerMessages.CountAsync(m => m.PracticeId == new PracticeId(practice.Id) && m.EscalatedAt != null, _ct)))
            .ShouldBe(0);
    }

    [Fact]
    public async Task A_reminder_under_way_when_the_host_stops_is_sent_and_recorded_so_it_never_goes_out_twice()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);
        var id = (await admin.CreateMessageAsync(practice.Id, practitioner, "urgent")).GetProperty("id").GetGuid();
        _app.Clock.AdvanceMinutes(15);

        using var stopping = new CancellationTokenSource();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var notifier = new MessageNotifier(new HostStoppingDuringTheSend(id, stopping), services.GetRequiredService<ISmsSender>(), NullLogger<MessageNotifier>.Instance);
            try
            {
                await ActivatorUtilities.CreateInstance<MessageEscalation>(services, notifier).RunOnceAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // The host stopped: the items after this one wait for the next start.
            }
        }

        var message = await GetAsync(admin, practice.Id, id);
        message.GetProperty("renotifiedAt").ValueKind.ShouldBe(JsonValueKind.String);
        message.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("action").GetString() == "renotified")
            .GetProperty("detail").GetString()!.ShouldStartWith("email ");
    }

    /// <summary>An e-mail server that takes the reminder of one item while the host is being stopped.</summary>
    private sealed class HostStoppingDuringTheSend(Guid messageId, CancellationTokenSource stopping) : INotificationSender
    {
        public Task<Delivery> SendAsync(EmailNotification email, CancellationToken cancellationToken)
        {
            if (email.Body.Contains(messageId.ToString(), StringComparison.Ordinal))
            {
                stopping.Cancel();
            }
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(Delivery.Sent);
        }
    }

    [Fact]
    public async Task An_acknowledged_urgent_item_never_escalates()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);
        var id = (await admin.CreateMessageAsync(practice.Id, practitioner, "emergency")).GetProperty("id").GetGuid();
        (await admin.PostAsync($"/api/practices/{practice.Id}/messages/{id}/acknowledge", null, _ct)).EnsureSuccessStatusCode();

        _app.Clock.AdvanceMinutes(60);
        await TickAsync();
        var message = await GetAsync(admin, practice.Id, id);
        message.GetProperty("renotifiedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        message.GetProperty("escalatedAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_secretary_cannot_acknowledge_an_urgent_item_for_the_practitioner_but_may_move_a_routine_one()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);
        var urgent = (await admin.CreateMessageAsync(practice.Id, practitioner, "urgent")).GetProperty("id").GetGuid();
        var routine = (await admin.CreateMessageAsync(practice.Id, practitioner, "routine")).GetProperty("id").GetGuid();
        using var secretary = _app.ClientWithKey(await admin.CreateApiKeyAsync("secretary", practice.Id));
        var messages = $"/api/practices/{practice.Id}/messages";

        (await secretary.PostAsync($"{messages}/{urgent}/read", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var step in new[] { "acknowledge", "done" })
        {
            var refused = await secretary.PostAsync($"{messages}/{urgent}/{step}", null, _ct);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, step);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
        (await GetAsync(admin, practice.Id, urgent)).GetProperty("status").GetString().ShouldBe("read");
        (await secretary.PostAsync($"{messages}/{routine}/done", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var supervisor = _app.ClientWithKey(await admin.CreateApiKeyAsync("supervisor", practice.Id));
        (await supervisor.PostAsync($"{messages}/{urgent}/acknowledge", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await secretary.PostAsync($"{messages}/{urgent}/done", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_practitioner_who_also_works_as_a_secretary_acknowledges_only_their_own_urgent_items()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var email = $"dr-{Guid.NewGuid():N}@demo.permanence.invalid";
        var mine = await CreatePractitionerAsync(admin, practice.Id, email);
        var colleague = await CreatePractitionerAsync(admin, practice.Id);
        var own = (await admin.CreateMessageAsync(practice.Id, mine, "urgent")).GetProperty("id").GetGuid();
        var colleagues = (await admin.CreateMessageAsync(practice.Id, colleague, "urgent")).GetProperty("id").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            email,
            displayName = "Dr Secrétaire",
            roles = new[] { "secretary", "practitioner" },
            password = Password,
            assignments = new[] { new { practiceId = practice.Id, skillLevel = 2 } },
        }, _ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(_ct));

        using var console = _app.CookieClient();
        (await console.PostAsJsonAsync("/api/account/login", new { email, password = Password }, _ct)).EnsureSuccessStatusCode();
        var messages = $"/api/practices/{practice.Id}/messages";

        (await console.PostAsync($"{messages}/{colleagues}/acknowledge", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await console.PostAsync($"{messages}/{own}/acknowledge", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_secretary_with_a_long_e_mail_address_takes_and_moves_messages_under_their_whole_name()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);
        var email = $"s{Guid.NewGuid():N}@{new string('a', 60)}.{new string('b', 60)}.{new string('c', 60)}.invalid";
        email.Length.ShouldBeGreaterThan(200);
        await CreateStaffAsync(admin, practice.Id, "secretary", email);
        using var console = _app.CookieClient();
        (await console.PostAsJsonAsync("/api/account/login", new { email, password = Password }, _ct)).EnsureSuccessStatusCode();

        var created = await console.CreateMessageAsync(practice.Id, practitioner, "routine");
        var read = await Ok(console.PostAsync($"/api/practices/{practice.Id}/messages/{created.GetProperty("id").GetGuid()}/read", null, _ct));

        read.GetProperty("readBy").GetString().ShouldBe(email);
        read.GetProperty("history").EnumerateArray().ShouldAllBe(h => h.GetProperty("by").GetString() == email);
    }

    [Fact]
    public async Task A_practitioner_sees_only_their_items_and_the_secretariat_sees_all_most_urgent_first()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var email = $"dr-{Guid.NewGuid():N}@demo.permanence.invalid";
        var mine = await CreatePractitionerAsync(admin, practice.Id, email);
        var colleague = await CreatePractitionerAsync(admin, practice.Id);
        await admin.CreateMessageAsync(practice.Id, mine, "routine");
        await admin.CreateMessageAsync(practice.Id, mine, "urgent");
        var colleagues = (await admin.CreateMessageAsync(practice.Id, colleague, "emergency")).GetProperty("id").GetGuid();
        await CreateStaffAsync(admin, practice.Id, "practitioner", email);

        using var console = _app.CookieClient();
        (await console.PostAsJsonAsync("/api/account/login", new { email, password = Password }, _ct)).EnsureSuccessStatusCode();
        var own = await (await console.GetAsync($"/api/practices/{practice.Id}/inbox", _ct)).ReadAsync<JsonElement>();
        own.EnumerateArray().Select(m => m.GetProperty("priority").GetString()).ShouldBe(["urgent", "routine"]);
        own.EnumerateArray().ShouldAllBe(m => m.GetProperty("practitionerId").GetGuid() == mine);
        (await console.GetAsync($"/api/practices/{practice.Id}/messages/{colleagues}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await console.PostAsync($"/api/practices/{practice.Id}/messages/{colleagues}/acknowledge", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var ownId = own[0].GetProperty("id").GetGuid();
        (await console.PostAsync($"/api/practices/{practice.Id}/messages/{ownId}/acknowledge", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var secretary = _app.ClientWithKey(await admin.CreateApiKeyAsync("secretary", practice.Id));
        var all = await (await secretary.GetAsync($"/api/practices/{practice.Id}/inbox", _ct)).ReadAsync<JsonElement>();
        all.EnumerateArray().Select(m => m.GetProperty("priority").GetString()).ShouldBe(["emergency", "urgent", "routine"]);
    }

    [Fact]
    public async Task A_new_emergency_heads_the_inbox_even_behind_hundreds_of_older_open_routine_items()
    {
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync();
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);
        var now = _app.Clock.GetCurrentInstant();
        // Routine items left open for weeks: due long before the emergency below, and more than the inbox lists.
        await _app.WithDbAsync(db =>
        {
            db.PractitionerMessages.AddRange(Enumerable.Range(0, 520).Select(i => new PractitionerMessage
            {
                PracticeId = new PracticeId(practice.Id),
                PractitionerId = new PractitionerId(practitioner),
                Subject = "old routine item",
                Priority = UrgencyLevel.Routine,
                CreatedAt = now - Duration.FromDays(30),
                DueAt = now - Duration.FromDays(29) + Duration.FromSeconds(i),
            }));
            return db.SaveChangesAsync(_ct);
        });
        var emergency = (await admin.CreateMessageAsync(practice.Id, practitioner, "emergency")).GetProperty("id").GetGuid();

        var inbox = await Ok(admin.GetAsync($"/api/practices/{practice.Id}/inbox", _ct));
        inbox[0].GetProperty("id").GetGuid().ShouldBe(emergency);
    }

    [Fact]
    public async Task A_secretary_of_one_practice_gets_404_on_the_messages_of_another()
    {
        using var admin = _app.AdminClient();
        var mine = await admin.CreatePracticeWithLinesAsync("Cabinet A");
        var other = await admin.CreatePracticeWithLinesAsync("Cabinet B");
        var practitioner = await CreatePractitionerAsync(admin, other.Id);
        var id = (await admin.CreateMessageAsync(other.Id, practitioner, "routine")).GetProperty("id").GetGuid();
        using var secretary = _app.ClientWithKey(await admin.CreateApiKeyAsync("secretary", mine.Id));
        var b = $"/api/practices/{other.Id}";

        (await secretary.GetAsync($"{b}/inbox", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.GetAsync($"{b}/messages/{id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await secretary.PostAsJsonAsync($"{b}/messages", new { practitionerId = practitioner }, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var step in new[] { "read", "acknowledge", "done" })
        {
            (await secretary.PostAsync($"{b}/messages/{id}/{step}", null, _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        (await secretary.GetAsync($"/api/practices/{mine.Id}/messages/{id}", _ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_practitioner_receives_an_email_through_the_smtp_server()
    {
        PermanenceApp.RequireSmtp();
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet du Courriel");
        var email = $"dr-{Guid.NewGuid():N}@demo.permanence.invalid";
        var practitioner = await CreatePractitionerAsync(admin, practice.Id, email);
        var created = await admin.CreateMessageAsync(practice.Id, practitioner, "urgent");
        created.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("action").GetString() == "notified")
            .GetProperty("detail").GetString().ShouldBe("email sms-skipped", "no SMS gateway here: the development sender only logs it");

        var received = SmtpSinkMailbox.MessagesTo(email).ShouldHaveSingleItem();
        received.ShouldContain("Subject: [Permanence] urgent message waiting in your inbox");
        received.ShouldContain(created.GetProperty("id").GetGuid().ToString());
        received.ShouldNotContain("Rappeler Mme");
    }

    [Fact]
    public async Task Supervisors_receive_the_escalation_email()
    {
        PermanenceApp.RequireSmtp();
        using var admin = _app.AdminClient();
        var practice = await admin.CreatePracticeWithLinesAsync("Cabinet de l'Escalade");
        var practitioner = await CreatePractitionerAsync(admin, practice.Id);
        var supervisor = $"supervisor-{Guid.NewGuid():N}@demo.permanence.invalid";
        await CreateStaffAsync(admin, practice.Id, "supervisor", supervisor);
        var id = (await admin.CreateMessageAsync(practice.Id, practitioner, "emergency")).GetProperty("id").GetGuid();

        _app.Clock.AdvanceMinutes(15);
        await TickAsync();
        _app.Clock.AdvanceMinutes(15);
        await TickAsync();

        var received = SmtpSinkMailbox.MessagesTo(supervisor).ShouldHaveSingleItem();
        received.ShouldContain("Unacknowledged emergency item");
        received.ShouldContain(id.ToString());
    }

    private static Instant InstantOf(string text) => NodaTime.Text.InstantPattern.ExtendedIso.Parse(text).Value;

    private static IEnumerable<string?> Actions(JsonElement message) =>
        message.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString());

    private async Task TickAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MessageEscalation>().RunOnceAsync(_ct);
    }

    private async Task<JsonElement> GetAsync(HttpClient client, Guid practiceId, Guid id) =>
        await Ok(client.GetAsync($"/api/practices/{practiceId}/messages/{id}", _ct));

    private async Task<Guid> CreatePractitionerAsync(HttpClient admin, Guid practiceId, string? email = null)
    {
        var response = await admin.PostAsJsonAsync($"/api/practices/{practiceId}/practitioners", new
        {
            displayName = "Dr Claire Moreau",
            specialty = "general",
            email = email ?? $"dr-{Guid.NewGuid():N}@demo.permanence.invalid",
            urgentContactNumber = "06 00 00 00 01",
        }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task CreateStaffAsync(HttpClient admin, Guid practiceId, string role, string? email = null)
    {
        var response = await admin.PostAsJsonAsync("/api/staff", new
        {
            email = email ?? $"{role}-{Guid.NewGuid():N}@demo.permanence.invalid",
            displayName = $"Staff {role}",
            roles = new[] { role },
            password = Password,
            assignments = new[] { new { practiceId, skillLevel = 2 } },
        }, _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
    }

    private async Task<JsonElement> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        return await response.ReadAsync<JsonElement>();
    }
}

public sealed class MessageApiTestsOnSqlite(SqliteApp app) : MessageApiTests(app), IClassFixture<SqliteApp>;

public sealed class MessageApiTestsOnPostgres(PostgresApp app) : MessageApiTests(app), IClassFixture<PostgresApp>;
