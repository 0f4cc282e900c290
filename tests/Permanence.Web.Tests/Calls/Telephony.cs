using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Permanence.Core.Calls;
using Permanence.Web.Tests.Infrastructure;

namespace Permanence.Web.Tests.Calls;

/// <summary>A practice with its routine and urgent lines, for call tests.</summary>
public sealed record PracticeLines(Guid Id, string RoutineNumber, string UrgentNumber);

/// <summary>Posts signed call events as a telephony provider would, and creates practices with known lines.</summary>
public static class Telephony
{
    private static int _urgentSeed = 10;

    public static async Task<PracticeLines> CreatePracticeWithLinesAsync(this HttpClient admin, string name = "Cabinet des Appels")
    {
        var routine = TestData.NextPhoneNumber();
        var urgent = $"+3314287{Interlocked.Increment(ref _urgentSeed):D4}";
        var response = await admin.PostAsJsonAsync("/api/practices", new
        {
            name,
            greetingText = "{practice}, {secretary} à votre écoute, bonjour",
            specialty = "general",
            timeZone = "Europe/Paris",
            routineNumber = routine,
            urgentNumber = urgent,
        }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return new PracticeLines((await response.ReadAsync<JsonElement>()).GetProperty("id").GetGuid(), routine, urgent);
    }

    public static string IsoUtc(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static string Iso(Instant instant) => OffsetDateTimePattern.ExtendedIso.Format(instant.WithOffset(Offset.FromHours(1)));

    public static object Event(string callId, string type, Instant at, string to, string from = "+33612345678", Guid? agentId = null, string? eventId = null) => new
    {
        eventId = eventId ?? $"evt-{Guid.NewGuid():N}",
        callId,
        type,
        from,
        to,
        at = Iso(at),
        agentId,
    };

    /// <summary>
    /// Posts a signed event and, once it is acknowledged, waits until it is derived (<see cref="UntilDerivedAsync"/>), so
    /// the test reads the call state and the distributor as they settle after the event.
    /// </summary>
    public static async Task<HttpResponseMessage> PostEventAsync(this PermanenceApp app, object body, string? secret = PermanenceApp.EventSigningSecret)
    {
        var response = await app.PostSignedEventAsync(body, secret);
        if (response.IsSuccessStatusCode)
        {
            await app.UntilDerivedAsync();
        }
        return response;
    }

    /// <summary>Posts a signed event and returns as soon as it is acknowledged, before its call's state is derived.</summary>
    public static Task<HttpResponseMessage> PostSignedEventAsync(this PermanenceApp app, object body, string? secret = PermanenceApp.EventSigningSecret) =>
        app.PostRawEventAsync(JsonSerializer.Serialize(body, TestJson.Options), secret is null ? null : EventSignature.Sign(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, TestJson.Options)), secret));

    /// <summary>
    /// Waits until no stored event awaits derivation: every acknowledged event is reflected in its call's state, the
    /// distributor and the pop-up queue. Polls the database; fails after <see cref="DerivationTimeout"/>.
    /// </summary>
    public static async Task UntilDerivedAsync(this PermanenceApp app)
    {
        var ct = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow + DerivationTimeout;
        while (await app.WithDbAsync(db => db.CallEvents.IgnoreQueryFilters().AnyAsync(e => e.AwaitingDerivation, ct)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Call events still awaited derivation after {DerivationTimeout.TotalSeconds} s.");
            }
            await Task.Delay(DerivationPoll, ct);
        }
    }

    private static readonly TimeSpan DerivationTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DerivationPoll = TimeSpan.FromMilliseconds(10);

    public static async Task<HttpResponseMessage> PostRawEventAsync(this PermanenceApp app, string json, string? signatureHeader)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/telephony/events")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (signatureHeader is not null)
        {
            request.Headers.TryAddWithoutValidation(EventSignature.Header, signatureHeader);
        }
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts the events of one call in the given order and returns Permanence's id of the call.</summary>
    public static async Task<Guid> PostCallAsync(this PermanenceApp app, params object[] events)
    {
        Guid callId = default;
        foreach (var e in events)
        {
            var response = await app.PostEventAsync(e);
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            callId = (await response.ReadAsync<JsonElement>()).GetProperty("callId").GetGuid();
        }
        return callId;
    }

    /// <summary>Ringing, answered after <paramref name="waitSeconds"/>, ended after <paramref name="talkSeconds"/> more.</summary>
    public static Task<Guid> PostAnsweredCallAsync(this PermanenceApp app, string to, Instant ringingAt, int waitSeconds = 10, int talkSeconds = 120, Guid? agentId = null)
    {
        var id = $"call-{Guid.NewGuid():N}";
        return app.PostCallAsync(
            Event(id, "ringing", ringingAt, to),
            Event(id, "answered", ringingAt + Duration.FromSeconds(waitSeconds), to, agentId: agentId),
            Event(id, "ended", ringingAt + Duration.FromSeconds(waitSeconds + talkSeconds), to));
    }
}
