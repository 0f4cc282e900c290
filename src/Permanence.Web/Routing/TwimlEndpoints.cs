using System.Xml.Linq;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Permanence.Core.Common;
using Permanence.Core.Routing;
using Permanence.Web.Http;

namespace Permanence.Web.Routing;

public sealed record TwimlServices(TwimlCallRouting Routing, PhoneSurvey Survey, IOptions<TwilioOptions> Options, IOptions<PublicAddressOptions> PublicAddress);

/// <summary>
/// TwiML-compatible webhooks (Twilio and compatible providers). Anonymous at the authentication layer: the
/// <c>X-Twilio-Signature</c> over the URL and the form is the credential, checked before anything is read or stored.
/// </summary>
public static class TwimlEndpoints
{
    public static IEndpointRouteBuilder MapTwimlEndpoints(this IEndpointRouteBuilder routes)
    {
        var twiml = routes.MapGroup("/telephony/twiml").WithTags("Telephony").AllowAnonymous().DisableAntiforgery();
        twiml.MapPost("/voice", (HttpRequest request, [AsParameters] TwimlServices s, CancellationToken ct) => HandleAsync(request, s, s.Routing.AnswerAsync, ct))
            .WithName("AnswerTwimlVoice").WithSummary("Route an incoming call and answer it with TwiML (signed with X-Twilio-Signature)");
        twiml.MapPost("/status", (HttpRequest request, [AsParameters] TwimlServices s, CancellationToken ct) => HandleAsync(request, s, s.Routing.StatusAsync, ct))
            .WithName("ReceiveTwimlStatus").WithSummary("Status callback of a call: an ended call ends in the call log (signed)");
        twiml.MapPost("/voicemail", (HttpRequest request, [AsParameters] TwimlServices s, CancellationToken ct) => HandleAsync(request, s, s.Routing.VoicemailAsync, ct))
            .WithName("ReceiveTwimlVoicemail").WithSummary("Recording or transcription callback: the voicemail becomes a practitioner message (signed)");
        twiml.MapPost("/wait", (HttpRequest request, [AsParameters] TwimlServices s, CancellationToken ct) => HandleAsync(request, s, s.Routing.WaitAsync, ct))
            .WithName("AnswerTwimlQueueWait").WithSummary("The caller waits in the provider's queue: a hold message, or Leave once the ACD overflowed the call (signed)");
        twiml.MapPost("/survey", (HttpRequest request, [AsParameters] TwimlServices s, CancellationToken ct) => HandleAsync(request, s, s.Survey.AskAsync, ct))
            .WithName("AskTwimlSurvey").WithSummary("The caller left the queue: after a call with a secretary, the 1–5 satisfaction question; after an overflow, voicemail or call-back (signed)");
        twiml.MapPost("/survey/answer", (HttpRequest request, [AsParameters] TwimlServices s, CancellationToken ct) =>
                HandleAsync(request, s, (r, c) => s.Survey.AnswerAsync(r, PhoneSurvey.AttemptOf(request.Query), c), ct))
            .WithName("ReceiveTwimlSurveyAnswer").WithSummary("The keypad answer to the satisfaction question: stored on the call, or asked once more (signed)");
        return routes;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> HandleAsync(HttpRequest request, TwimlServices s,
        Func<TwimlRequest, CancellationToken, Task<Result<XDocument>>> handle, CancellationToken ct)
    {
        var options = s.Options.Value;
        if (!options.Enabled)
        {
            return TypedResults.Problem(title: "TwiML webhooks not configured",
                detail: "Set Telephony:Twilio:AuthToken to accept signed TwiML webhooks.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        if (await FormBodies.ReadAsync(request, ct) is not { } form)
        {
            return FormBodies.Unreadable();
        }
        var parameters = form.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? "")));
        if (!TwilioSignature.IsValid(options.AuthToken, FullUrl(request, s.PublicAddress.Value), parameters, request.Headers[TwilioSignature.Header].ToString()))
        {
            return TypedResults.Problem(title: "Invalid signature",
                detail: $"The {TwilioSignature.Header} header must be the HMAC-SHA1 of the URL and the sorted form parameters.",
                statusCode: StatusCodes.Status403Forbidden);
        }
        var twimlRequest = new TwimlRequest(Field(form, "CallSid"), Field(form, "From"), Field(form, "To"), Field(form, "CallStatus"),
            Field(form, "RecordingUrl"), Field(form, "TranscriptionText"), Field(form, "Digits"), Field(form, "QueueResult"));
        if (twimlRequest.ControlCharacterErrors() is { } invalid)
        {
            return invalid.ToProblem();
        }
        var result = await handle(twimlRequest, ct);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        return TypedResults.Content(result.Value!.Declaration + result.Value.ToString(SaveOptions.DisableFormatting), "application/xml; charset=utf-8");
    }

    /// <summary>
    /// The URL as the provider called it: at the configured public address when a proxy sits in front (that address
    /// already carries any path prefix), else the request's own.
    /// </summary>
    public static string FullUrl(HttpRequest request, PublicAddressOptions options) =>
        options.BaseUrl is { } publicBase
            ? $"{publicBase}{request.Path}{request.QueryString}"
            : $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";

    private static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var value) ? value.ToString() : null;
}
