using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Scheduling;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Scheduling;

public abstract class BookingApiTests
{
    private const string Tuesday9 = "2026-12-01T09:00:00+01:00";
    private readonly PermanenceApp _app;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected BookingApiTests(PermanenceApp app)
    {
        app.EnsureAvailable();
        _app = app;
    }

    [Fact]
    public async Task Slots_are_free_times_inside_availability_in_the_practice_offset()
    {
        var agenda = await _app.CreateAgendaAsync();
        var slots = await agenda.SlotsAsync("2026-12-01T00:00:00+01:00", "2026-12-02T00:00:00+01:00");
        slots.Select(s => s.GetProperty("start").GetString()).ShouldBe(
            ["2026-12-01T09:00:00+01:00", "2026-12-01T09:30:00+01:00", "2026-12-01T10:00:00+01:00", "2026-12-01T10:30:00+01:00", "2026-12-01T11:00:00+01:00", "2026-12-01T11:30:00+01:00"]);
        slots[0].GetProperty("practitionerId").GetGuid().ShouldBe(agenda.Practitioner);
        slots[0].GetProperty("end").GetString().ShouldBe("2026-12-01T09:30:00+01:00");
    }

    [Fact]
    public async Task Booking_a_taken_slot_returns_409_with_alternatives()
    {
        var agenda = await _app.CreateAgendaAsync();
        var first = await agenda.BookAsync(Tuesday9);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(_ct));
        var appointment = (await first.ReadAsync<JsonElement>()).GetProperty("appointment");
        appointment.GetProperty("status").GetString().ShouldBe("booked");
        appointment.GetProperty("start").GetString().ShouldBe(Tuesday9);

        var second = await agenda.BookAsync(Tuesday9, SchedulingData.Patient("Bernard"));
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        second.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var alternatives = (await second.ReadAsync<JsonElement>()).GetProperty("alternatives").EnumerateArray().ToList();
        alternatives.ShouldNotBeEmpty();
        alternatives[0].GetProperty("start").GetString().ShouldBe("2026-12-01T09:30:00+01:00");
        (await agenda.SlotsAsync("2026-12-01T00:00:00+01:00", "2026-12-02T00:00:00+01:00")).Count.ShouldBe(5);
    }

    [Fact]
    public async Task Buffers_keep_the_next_slot_free()
    {
        var agenda = await _app.CreateAgendaAsync(minutes: 20, bufferAfter: 10);
        (await agenda.BookAsync(Tuesday9)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var slots = await agenda.SlotsAsync("2026-12-01T09:00:00+01:00", "2026-12-01T10:00:00+01:00");
        slots.Select(s => s.GetProperty("start").GetString()).ShouldNotContain("2026-12-01T09:20:00+01:00");
    }

    [Theory]
    [InlineData("2026-12-01T13:00:00+01:00")]
    [InlineData("2026-11-20T09:00:00+01:00")]
    [InlineData("2026-12-05T09:00:00+01:00")]
    [InlineData("2026-12-01T09:10:00+01:00")]
    [InlineData("not a date")]
    [InlineData("2026-12-01 09:00")]
    [InlineData("9999-12-31T23:00:00-05:00")]
    [InlineData("0001-01-01T00:30:00+01:00")]
    public async Task A_start_outside_the_rules_is_400_and_nothing_is_written(string start)
    {
        var agenda = await _app.CreateAgendaAsync();
        var response = await agenda.BookAsync(start);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await _app.WithDbAsync(db => db.Appointments.CountAsync(a => a.PracticeId == new Core.Common.PracticeId(agenda.Practice), _ct))).ShouldBe(0);
        (await _app.WithDbAsync(db => db.Patients.CountAsync(p => p.PracticeId == new Core.Common.PracticeId(agenda.Practice), _ct))).ShouldBe(0);
    }

    [Theory]
    [InlineData("9999-12-31T23:00:00-05:00", "9999-12-31T23:30:00-05:00")]
    [InlineData("9999-12-31T23:00:00Z", "9999-12-31T23:30:00Z")]
    public async Task A_slot_search_window_in_a_far_year_is_400(string from, string to)
    {
        var agenda = await _app.CreateAgendaAsync();
        var response = await agenda.Client.GetAsync(
            $"/api/practices/{agenda.Practice}/slots?appointmentTypeId={agenda.Type}&from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}", _ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Unknown_type_and_missing_patient_are_400()
    {
        var agenda = await _app.CreateAgendaAsync();
        var unknownType = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments",
            new { practitionerId = agenda.Practitioner, appointmentTypeId = Guid.NewGuid(), start = Tuesday9, patient = SchedulingData.Patient() }, _ct);
        unknownType.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var noPatient = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments",
            new { practitionerId = agenda.Practitioner, appointmentTypeId = agenda.Type, start = Tuesday9 }, _ct);
        noPatient.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badWindow = await agenda.Client.GetAsync($"/api/practices/{agenda.Practice}/slots?appointmentTypeId={agenda.Type}&from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", _ct);
        badWindow.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Rescheduling_onto_a_taken_time_leaves_the_original_intact()
    {
        var agenda = await _app.CreateAgendaAsync();
        var a = (await (await agenda.BookAsync(Tuesday9)).ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("id").GetGuid();
        (await agenda.BookAsync("2026-12-01T10:00:00+01:00", SchedulingData.Patient("Petit"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var move = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments/{a}/reschedule", new { start = "2026-12-01T10:00:00+01:00" }, _ct);
        move.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var original = await (await agenda.Client.GetAsync($"/api/practices/{agenda.Practice}/appointments/{a}", _ct)).ReadAsync<JsonElement>();
        original.GetProperty("appointment").GetProperty("status").GetString().ShouldBe("booked");
        original.GetProperty("appointment").GetProperty("start").GetString().ShouldBe(Tuesday9);
    }

    [Fact]
    public async Task Rescheduling_books_the_new_time_and_cancels_the_old_in_one_step()
    {
        var agenda = await _app.CreateAgendaAsync();
        var a = (await (await agenda.BookAsync(Tuesday9)).ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("id").GetGuid();
        var move = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments/{a}/reschedule", new { start = "2026-12-01T09:30:00+01:00" }, _ct);
        move.StatusCode.ShouldBe(HttpStatusCode.OK, await move.Content.ReadAsStringAsync(_ct));
        var moved = await move.ReadAsync<JsonElement>();
        moved.GetProperty("rescheduledFromId").GetGuid().ShouldBe(a);
        var old = await (await agenda.Client.GetAsync($"/api/practices/{agenda.Practice}/appointments/{a}", _ct)).ReadAsync<JsonElement>();
        old.GetProperty("appointment").GetProperty("status").GetString().ShouldBe("cancelled");
        old.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()).ShouldBe(["booked", "rescheduled"]);
    }

    [Fact]
    public async Task A_hold_blocks_the_time_until_it_expires_and_can_be_confirmed()
    {
        var agenda = await _app.CreateAgendaAsync();
        var hold = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/holds",
            new { practitionerId = agenda.Practitioner, appointmentTypeId = agenda.Type, start = Tuesday9 }, _ct);
        hold.StatusCode.ShouldBe(HttpStatusCode.Created, await hold.Content.ReadAsStringAsync(_ct));
        var holdId = (await hold.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await agenda.BookAsync(Tuesday9, SchedulingData.Patient("Autre"))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var confirm = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments", new { holdId, patient = SchedulingData.Patient() }, _ct);
        confirm.StatusCode.ShouldBe(HttpStatusCode.Created, await confirm.Content.ReadAsStringAsync(_ct));
        var booked = (await confirm.ReadAsync<JsonElement>()).GetProperty("appointment");
        booked.GetProperty("id").GetGuid().ShouldBe(holdId);
        booked.GetProperty("status").GetString().ShouldBe("booked");
    }

    [Fact]
    public async Task An_expired_hold_no_longer_blocks_the_time()
    {
        var agenda = await _app.CreateAgendaAsync();
        var start = "2026-12-02T11:00:00+01:00";
        (await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/holds",
            new { practitionerId = agenda.Practitioner, appointmentTypeId = agenda.Type, start }, _ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        _app.Clock.Advance(Duration.FromMinutes(6));
        (await agenda.BookAsync(start)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_squeeze_in_needs_a_practice_that_allows_it_and_is_flagged()
    {
        var agenda = await _app.CreateAgendaAsync();
        (await agenda.BookAsync(Tuesday9)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var supervisor = _app.ClientWithKey(await agenda.Client.CreateApiKeyAsync("supervisor", agenda.Practice));
        var refused = await agenda.BookAsync(Tuesday9, SchedulingData.Patient("Urgent"), new { reason = "douleur thoracique, vu en urgence" }, supervisor);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var practice = await (await agenda.Client.GetAsync($"/api/practices/{agenda.Practice}", _ct)).ReadAsync<JsonElement>();
        var update = await agenda.Client.PutAsJsonAsync($"/api/practices/{agenda.Practice}", new
        {
            name = practice.GetProperty("name").GetString(),
            greetingText = practice.GetProperty("greetingText").GetString(),
            specialty = "general",
            timeZone = "Europe/Paris",
            routineNumber = practice.GetProperty("routineNumber").GetString(),
            squeezeInRoles = new[] { "supervisor" },
        }, _ct);
        update.StatusCode.ShouldBe(HttpStatusCode.OK, await update.Content.ReadAsStringAsync(_ct));

        var squeezed = await agenda.BookAsync(Tuesday9, SchedulingData.Patient("Urgent"), new { reason = "douleur thoracique, vu en urgence" }, supervisor);
        squeezed.StatusCode.ShouldBe(HttpStatusCode.Created, await squeezed.Content.ReadAsStringAsync(_ct));
        var body = await squeezed.ReadAsync<JsonElement>();
        body.GetProperty("appointment").GetProperty("isSqueezeIn").GetBoolean().ShouldBeTrue();
        body.GetProperty("squeezedOver").GetArrayLength().ShouldBe(1);
        var audit = await (await agenda.Client.GetAsync($"/api/audit?practiceId={agenda.Practice}&action=appointment.squeeze_in", _ct)).ReadAsync<JsonElement>();
        audit.GetArrayLength().ShouldBe(1);
        // Without the flag, the same role still cannot double-book.
        (await agenda.BookAsync("2026-12-01T09:00:00+01:00", SchedulingData.Patient("Quiet"), null, supervisor)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Cancelling_offers_the_freed_slot_to_the_waiting_list()
    {
        var agenda = await _app.CreateAgendaAsync();
        var booked = (await (await agenda.BookAsync(Tuesday9)).ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("id").GetGuid();
        var waiting = await agenda.Client.CreatePatientAsync(agenda.Practice, "Attente");
        var entry = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/waiting-list",
            new { patientId = waiting, appointmentTypeId = agenda.Type, preferredDays = new[] { "tuesday" }, preferredTimes = new[] { "08:00-12:00" } }, _ct);
        entry.StatusCode.ShouldBe(HttpStatusCode.Created, await entry.Content.ReadAsStringAsync(_ct));

        (await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments/{booked}/cancel", new { reason = "patient empêché" }, _ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var proposals = await (await agenda.Client.GetAsync($"/api/practices/{agenda.Practice}/waiting-list/proposals", _ct)).ReadAsync<JsonElement>();
        var proposal = proposals.EnumerateArray().Single();
        proposal.GetProperty("patientId").GetGuid().ShouldBe(waiting);
        proposal.GetProperty("slotStart").GetString().ShouldBe(Tuesday9);
    }

    [Fact]
    public async Task Cancelling_needs_a_reason()
    {
        var agenda = await _app.CreateAgendaAsync();
        var booked = (await (await agenda.BookAsync(Tuesday9)).ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("id").GetGuid();
        (await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments/{booked}/cancel", new { reason = "" }, _ct))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_nul_in_a_cancellation_reason_is_400_and_the_appointment_stays_booked()
    {
        var agenda = await _app.CreateAgendaAsync();
        var booked = (await (await agenda.BookAsync(Tuesday9)).ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("id").GetGuid();

        var response = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments/{booked}/cancel", new { reason = "patient\u0000 empêché" }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        var stored = await _app.WithDbAsync(db => db.Appointments.SingleAsync(a => a.Id == new Core.Common.AppointmentId(booked), _ct));
        (stored.Status, stored.CancellationReason).ShouldBe((AppointmentStatus.Booked, null));
    }

    [Fact]
    public async Task A_nul_in_booking_notes_is_400_and_books_nothing()
    {
        var agenda = await _app.CreateAgendaAsync();

        var response = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments",
            new { practitionerId = agenda.Practitioner, appointmentTypeId = agenda.Type, start = Tuesday9, patient = SchedulingData.Patient(), notes = "Allergie\u0000 pénicilline" }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("notes", out _).ShouldBeTrue();
        var practitioner = new Core.Common.PractitionerId(agenda.Practitioner);
        (await _app.WithDbAsync(db => db.Appointments.CountAsync(a => a.PractitionerId == practitioner, _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_nul_in_a_new_patients_name_is_400_naming_the_field_and_books_nothing()
    {
        var agenda = await _app.CreateAgendaAsync();

        var response = await agenda.BookAsync(Tuesday9, SchedulingData.Patient("Martin\u0000"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("patient.lastName", out _).ShouldBeTrue();
        var practice = new Core.Common.PracticeId(agenda.Practice);
        (await _app.WithDbAsync(db => db.Patients.CountAsync(p => p.PracticeId == practice, _ct))).ShouldBe(0);
        (await _app.WithDbAsync(db => db.Appointments.CountAsync(a => a.PracticeId == practice, _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task A_nul_in_waiting_list_notes_is_400_and_writes_nothing()
    {
        var agenda = await _app.CreateAgendaAsync();
        var patient = await agenda.Client.CreatePatientAsync(agenda.Practice, "Attente");

        var response = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/waiting-list",
            new { patientId = patient, appointmentTypeId = agenda.Type, notes = "Préfère le matin\u0000" }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("notes", out _).ShouldBeTrue();
        var practice = new Core.Common.PracticeId(agenda.Practice);
        (await _app.WithDbAsync(db => db.WaitingListRequests.CountAsync(r => r.PracticeId == practice, _ct))).ShouldBe(0);
    }

    [Fact]
    public async Task Booking_from_a_call_adds_an_appointment_booked_action_targeting_the_appointment()
    {
        var agenda = await _app.CreateAgendaAsync();
        var call = await _app.AnsweredCallAsync(agenda);

        var response = await agenda.BookAsync(Tuesday9, callId: call);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        var appointment = (await response.ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("id").GetGuid();
        (await agenda.CallActionsAsync(call)).ShouldBe([("appointment_booked", appointment)]);
        var stored = await _app.WithDbAsync(db => db.Appointments.SingleAsync(a => a.Id == new Core.Common.AppointmentId(appointment), _ct));
        stored.CallId.ShouldBe(call);
    }

    [Fact]
    public async Task Booking_with_a_call_of_another_practice_or_no_call_is_400_on_callId_and_books_nothing()
    {
        var agenda = await _app.CreateAgendaAsync();
        var elsewhere = await _app.CreateAgendaAsync();
        var theirCall = await _app.AnsweredCallAsync(elsewhere);

        foreach (var callId in new[] { theirCall, Guid.NewGuid() })
        {
            var response = await agenda.BookAsync(Tuesday9, callId: callId);

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("callId", out _).ShouldBeTrue();
        }
        var practice = new Core.Common.PracticeId(agenda.Practice);
        (await _app.WithDbAsync(db => db.Appointments.CountAsync(a => a.PracticeId == practice, _ct))).ShouldBe(0);
        (await _app.WithDbAsync(db => db.Patients.CountAsync(p => p.PracticeId == practice, _ct))).ShouldBe(0);
        (await elsewhere.CallActionsAsync(theirCall)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Booking_for_a_wrapped_up_call_books_and_keeps_the_call_but_adds_no_action()
    {
        var agenda = await _app.CreateAgendaAsync();
        var call = await _app.AnsweredCallAsync(agenda);
        (await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/calls/{call}/wrap-up", new { disposition = "callback_planned" }, _ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await agenda.BookAsync(Tuesday9, callId: call);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(_ct));
        (await response.ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("callId").GetGuid().ShouldBe(call);
        (await agenda.CallActionsAsync(call)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancelling_from_a_call_adds_an_appointment_cancelled_action_to_the_call()
    {
        var agenda = await _app.CreateAgendaAsync();
        var appointment = await agenda.BookedAppointmentAsync(Tuesday9);
        var call = await _app.AnsweredCallAsync(agenda);

        var response = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments/{appointment}/cancel",
            new { reason = "patient empêché", callId = call }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        (await agenda.CallActionsAsync(call)).ShouldBe([("appointment_cancelled", appointment)]);
    }

    [Fact]
    public async Task Rescheduling_from_a_call_adds_an_appointment_moved_action_targeting_the_new_appointment()
    {
        var agenda = await _app.CreateAgendaAsync();
        var appointment = await agenda.BookedAppointmentAsync(Tuesday9);
        var call = await _app.AnsweredCallAsync(agenda);

        var response = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments/{appointment}/reschedule",
            new { start = "2026-12-01T10:00:00+01:00", callId = call }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(_ct));
        var moved = (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        moved.ShouldNotBe(appointment);
        (await agenda.CallActionsAsync(call)).ShouldBe([("appointment_moved", moved)]);
    }

    [Fact]
    public async Task Concurrent_cancellations_cancel_once_with_one_history_entry_and_one_call_action()
    {
        var agenda = await _app.CreateAgendaAsync();
        var appointment = await agenda.BookedAppointmentAsync(Tuesday9);
        var call = await _app.AnsweredCallAsync(agenda);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => agenda.Client.PostAsJsonAsync(
            $"/api/practices/{agenda.Practice}/appointments/{appointment}/cancel", new { reason = "patient empêché", callId = call }, _ct)));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, .. Enumerable.Repeat(HttpStatusCode.Conflict, 5)]);
        (await agenda.CallActionsAsync(call)).ShouldBe([("appointment_cancelled", appointment)]);
        (await HistoryAsync(agenda, appointment)).ShouldBe(["booked", "cancelled"]);
    }

    [Fact]
    public async Task Concurrent_moves_of_one_appointment_move_it_once()
    {
        var agenda = await _app.CreateAgendaAsync();
        var appointment = await agenda.BookedAppointmentAsync(Tuesday9);
        var call = await _app.AnsweredCallAsync(agenda);
        string[] times = ["2026-12-01T10:00:00+01:00", "2026-12-01T10:30:00+01:00", "2026-12-01T11:00:00+01:00", "2026-12-01T11:30:00+01:00"];

        var responses = await Task.WhenAll(times.Select(start => agenda.Client.PostAsJsonAsync(
            $"/api/practices/{agenda.Practice}/appointments/{appointment}/reschedule", new { start, callId = call }, _ct)));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, .. Enumerable.Repeat(HttpStatusCode.Conflict, 3)]);
        (await agenda.CallActionsAsync(call)).Count.ShouldBe(1);
        (await HistoryAsync(agenda, appointment)).ShouldBe(["booked", "rescheduled"]);
    }

    [Fact]
    public async Task Concurrent_confirmations_of_one_hold_book_it_once_and_releasing_a_hold_adds_no_call_action()
    {
        var agenda = await _app.CreateAgendaAsync();
        var call = await _app.AnsweredCallAsync(agenda);
        var holdId = await HoldAsync(agenda, Tuesday9);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => agenda.Client.PostAsJsonAsync(
            $"/api/practices/{agenda.Practice}/appointments", new { holdId, patient = SchedulingData.Patient(), callId = call }, _ct)));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.Created, .. Enumerable.Repeat(HttpStatusCode.NotFound, 5)]);
        (await agenda.CallActionsAsync(call)).ShouldBe([("appointment_booked", holdId)]);

        var released = await HoldAsync(agenda, "2026-12-01T10:00:00+01:00");
        (await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments/{released}/cancel",
            new { reason = "le patient réfléchit", callId = call }, _ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await agenda.CallActionsAsync(call)).ShouldBe([("appointment_booked", holdId)]);
    }

    [Theory]
    [InlineData("2026-12-01T09:00:00+01:00", "2026-12-01T10:00:00+01:00")]
    [InlineData("2026-12-02T09:00:00+01:00", "2026-12-02T10:00:00+01:00")]
    public async Task A_cancellation_and_a_move_of_one_appointment_at_once_do_not_both_happen(string start, string moveTo)
    {
        var agenda = await _app.CreateAgendaAsync();
        var appointment = await agenda.BookedAppointmentAsync(start);
        var url = $"/api/practices/{agenda.Practice}/appointments/{appointment}";

        var responses = await Task.WhenAll(
            agenda.Client.PostAsJsonAsync($"{url}/cancel", new { reason = "patient empêché" }, _ct),
            agenda.Client.PostAsJsonAsync($"{url}/reschedule", new { start = moveTo }, _ct));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var history = await HistoryAsync(agenda, appointment);
        history.ShouldBe(responses[0].StatusCode == HttpStatusCode.OK ? ["booked", "cancelled"] : ["booked", "rescheduled"]);
    }

    [Fact]
    public async Task A_hold_confirmed_and_released_at_once_is_either_booked_or_released()
    {
        var agenda = await _app.CreateAgendaAsync();
        var holdId = await HoldAsync(agenda, Tuesday9);

        var responses = await Task.WhenAll(
            agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments", new { holdId, patient = SchedulingData.Patient() }, _ct),
            agenda.Client.DeleteAsync($"/api/practices/{agenda.Practice}/holds/{holdId}", _ct));

        var (confirm, release) = (responses[0].StatusCode, responses[1].StatusCode);
        (confirm, release).ShouldBeOneOf((HttpStatusCode.Created, HttpStatusCode.NotFound), (HttpStatusCode.NotFound, HttpStatusCode.NoContent));
        var status = (await (await agenda.Client.GetAsync($"/api/practices/{agenda.Practice}/appointments/{holdId}", _ct)).ReadAsync<JsonElement>())
            .GetProperty("appointment").GetProperty("status").GetString();
        status.ShouldBe(confirm == HttpStatusCode.Created ? "booked" : "expired");
    }

    private async Task<Guid> HoldAsync(Agenda agenda, string start)
    {
        var hold = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/holds",
            new { practitionerId = agenda.Practitioner, appointmentTypeId = agenda.Type, start }, _ct);
        hold.StatusCode.ShouldBe(HttpStatusCode.Created, await hold.Content.ReadAsStringAsync(_ct));
        return (await hold.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<List<string?>> HistoryAsync(Agenda agenda, Guid appointment) =>
        [.. (await (await agenda.Client.GetAsync($"/api/practices/{agenda.Practice}/appointments/{appointment}", _ct)).ReadAsync<JsonElement>())
            .GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString())];

    [Theory]
    [InlineData("cancel")]
    [InlineData("reschedule")]
    [InlineData("complete")]
    [InlineData("no-show")]
    public async Task Changing_an_appointment_with_a_call_of_another_practice_is_400_on_callId_and_changes_nothing(string change)
    {
        var agenda = await _app.CreateAgendaAsync();
        var appointment = await agenda.BookedAppointmentAsync(Tuesday9);
        var elsewhere = await _app.CreateAgendaAsync();
        var theirCall = await _app.AnsweredCallAsync(elsewhere);

        var response = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments/{appointment}/{change}",
            new { reason = "patient empêché", start = "2026-12-01T10:00:00+01:00", callId = theirCall }, _ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(_ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("callId", out _).ShouldBeTrue();
        var practice = new Core.Common.PracticeId(agenda.Practice);
        var stored = await _app.WithDbAsync(db => db.Appointments.Where(a => a.PracticeId == practice).ToListAsync(_ct));
        stored.ShouldHaveSingleItem().Status.ShouldBe(AppointmentStatus.Booked);
        (await elsewhere.CallActionsAsync(theirCall)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_spring_forward_night_has_ten_half_hour_slots_between_midnight_and_six()
    {
        var agenda = await _app.CreateAgendaAsync(extraSession: new { date = "2027-03-28", start = "00:00", end = "06:00" });
        var slots = await agenda.SlotsAsync("2027-03-28T00:00:00+01:00", "2027-03-28T07:00:00+02:00");
        slots.Count.ShouldBe(10);
        slots[^1].GetProperty("start").GetString().ShouldBe("2027-03-28T05:30:00+02:00");
    }

    [Fact]
    public async Task An_overseas_practice_offers_slots_on_its_own_clock()
    {
        var agenda = await _app.CreateAgendaAsync(timeZone: "America/Martinique");
        var slots = await agenda.SlotsAsync("2026-12-01T00:00:00-04:00", "2026-12-02T00:00:00-04:00");
        slots[0].GetProperty("start").GetString().ShouldBe("2026-12-01T09:00:00-04:00");
    }

    [Fact]
    public async Task Five_hundred_parallel_bookings_on_fifty_slots_make_fifty_appointments_and_no_overlap()
    {
        // An extra Sunday session 08:00–20:30 of 15-minute slots: exactly 50 free slots.
        var agenda = await _app.CreateAgendaAsync(minutes: 15, extraSession: new { date = "2026-12-06", start = "08:00", end = "20:30" });
        var slots = await agenda.SlotsAsync("2026-12-06T00:00:00+01:00", "2026-12-07T00:00:00+01:00");
        slots.Count.ShouldBe(50);
        var starts = slots.Select(s => s.GetProperty("start").GetString()!).ToList();

        var responses = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => agenda.BookAsync(starts[i % 50], SchedulingData.Patient($"Patient{i}"))));
        var statuses = responses.GroupBy(r => r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        statuses.GetValueOrDefault(HttpStatusCode.Created).ShouldBe(50);
        statuses.GetValueOrDefault(HttpStatusCode.Conflict).ShouldBe(450);
        statuses.Keys.Except([HttpStatusCode.Created, HttpStatusCode.Conflict]).ShouldBeEmpty();

        var practitioner = new Core.Common.PractitionerId(agenda.Practitioner);
        var stored = await _app.WithDbAsync(db => db.Appointments.Where(a => a.PractitionerId == practitioner && a.Status == AppointmentStatus.Booked).ToListAsync(_ct));
        stored.Count.ShouldBe(50);
        var ordered = stored.OrderBy(a => a.BlockedStart).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            ordered[i].BlockedStart.ShouldBeGreaterThanOrEqualTo(ordered[i - 1].BlockedEnd);
        }
    }
}

public sealed class BookingApiTestsOnSqlite(SqliteApp app) : BookingApiTests(app), IClassFixture<SqliteApp>;

public sealed class BookingApiTestsOnPostgres(PostgresApp app) : BookingApiTests(app), IClassFixture<PostgresApp>;
