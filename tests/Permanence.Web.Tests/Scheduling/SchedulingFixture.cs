using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Permanence.Web.Tests.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Scheduling;

/// <summary>A practice with one practitioner and one appointment type, built through the API.</summary>
public sealed record Agenda(Guid Practice, Guid Practitioner, Guid Type, HttpClient Client);

public static class SchedulingData
{
    /// <summary>
    /// A Paris practice whose practitioner consults Monday–Friday 09:00–12:00 and, when given, in an extra session;
    /// the type lasts <paramref name="minutes"/> with <paramref name="bufferAfter"/> minutes kept after.
    /// </summary>
    public static async Task<Agenda> CreateAgendaAsync(this PermanenceApp app, int minutes = 30, int bufferAfter = 0,
        string timeZone = "Europe/Paris", object? extraSession = null, int? maxPerDay = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = app.AdminClient();
        var practice = await admin.CreatePracticeAsync("Cabinet de l'agenda", "general", timeZone);
        var practitioner = await admin.CreatePractitionerAsync(practice);
        var weekly = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new { day, start = "09:00", end = "12:00" });
        var availability = await admin.PutAsJsonAsync($"/api/practices/{practice}/practitioners/{practitioner}/availability",
            new { weeklySessions = weekly, extraSessions = extraSession is null ? Array.Empty<object>() : [extraSession] }, ct);
        availability.StatusCode.ShouldBe(HttpStatusCode.OK, await availability.Content.ReadAsStringAsync(ct));
        var type = await admin.PostAsJsonAsync($"/api/practices/{practice}/appointment-types",
            new { name = "Consultation", durationMinutes = minutes, bufferAfterMinutes = bufferAfter, maxPerDayPerPractitioner = maxPerDay, bookingHorizonDays = 365 }, ct);
        type.StatusCode.ShouldBe(HttpStatusCode.Created, await type.Content.ReadAsStringAsync(ct));
        return new Agenda(practice, practitioner, (await type.ReadAsync<JsonElement>()).GetProperty("id").GetGuid(), admin);
    }

    public static object Patient(string lastName = "Martin") => new { lastName, firstName = "Léa", birthDate = "1985-06-01", phone = "06 12 34 56 78" };

    public static Task<HttpResponseMessage> BookAsync(this Agenda agenda, string start, object? patient = null, object? squeezeIn = null, HttpClient? client = null,
        Guid? callId = null) =>
        (client ?? agenda.Client).PostAsJsonAsync($"/api/practices/{agenda.Practice}/appointments",
            new { practitionerId = agenda.Practitioner, appointmentTypeId = agenda.Type, start, patient = patient ?? Patient(), squeezeIn, callId },
            TestContext.Current.CancellationToken);

    /// <summary>Books <paramref name="start"/> for a new patient and returns the appointment's id.</summary>
    public static async Task<Guid> BookedAppointmentAsync(this Agenda agenda, string start)
    {
        var response = await agenda.BookAsync(start);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.ReadAsync<JsonElement>()).GetProperty("appointment").GetProperty("id").GetGuid();
    }

    /// <summary>A call to the agenda's practice, answered and ended five minutes ago; Permanence's id of the call.</summary>
    public static async Task<Guid> AnsweredCallAsync(this PermanenceApp app, Agenda agenda)
    {
        var practice = await (await agenda.Client.GetAsync($"/api/practices/{agenda.Practice}", TestContext.Current.CancellationToken)).ReadAsync<JsonElement>();
        return await app.PostAnsweredCallAsync(practice.GetProperty("routineNumber").GetString()!, app.Clock.GetCurrentInstant() - Duration.FromMinutes(5),
            talkSeconds: 60);
    }

    /// <summary>A routine message for the agenda's practitioner; its id.</summary>
    public static async Task<Guid> MessageAsync(this Agenda agenda)
    {
        var response = await agenda.Client.PostAsJsonAsync($"/api/practices/{agenda.Practice}/messages",
            new { practitionerId = agenda.Practitioner, kind = "message", subject = "Rappeler le patient", body = "Au sujet de son rendez-vous.", priority = "routine" },
            TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The actions of a call, as its detail lists them.</summary>
    public static async Task<List<(string? Kind, Guid TargetId)>> CallActionsAsync(this Agenda agenda, Guid callId)
    {
        var response = await agenda.Client.GetAsync($"/api/practices/{agenda.Practice}/calls/{callId}", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return [.. (await response.ReadAsync<JsonElement>()).GetProperty("actions").EnumerateArray()
            .Select(a => (a.GetProperty("kind").GetString(), a.GetProperty("targetId").GetGuid()))];
    }

    public static async Task<List<JsonElement>> SlotsAsync(this Agenda agenda, string from, string to, int limit = 100)
    {
        var response = await agenda.Client.GetAsync(
            $"/api/practices/{agenda.Practice}/slots?appointmentTypeId={agenda.Type}&practitionerId={agenda.Practitioner}&from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&limit={limit}",
            TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return [.. (await response.ReadAsync<JsonElement>()).EnumerateArray()];
    }
}
