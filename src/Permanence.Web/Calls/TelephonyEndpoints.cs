using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Permanence.Core.Calls;
using Permanence.Data;
using Permanence.Web.Http;

namespace Permanence.Web.Calls;

public sealed record TelephonyServices(CallEventWriter Writer, IOptions<TelephonyOptions> Options, IOptions<JsonOptions> Json, ILoggerFactory Loggers, PracticeLines Lines);

/// <summary>
/// The provider-agnostic call-event API. Anonymous at the authentication layer: the HMAC signature over the raw body
/// is the credential, checked before anything is parsed or stored.
/// </summary>
public static partial class TelephonyEndpoints
{
    public static IEndpointRouteBuilder MapTelephonyEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/telephony/events", Receive)
            .AllowAnonymous()
            .WithTags("Telephony")
            .WithName("ReceiveCallEvent")
            .WithSummary("Receive a signed call event (ringing, answered, held, resumed, transferred, ended, voicemail)")
            .Accepts<CallEventInput>("application/json");
        return routes;
    }

    private static async Task<Results<Accepted<CallEventReceipt>, Ok<CallEventReceipt>, ProblemHttpResult>> Receive(
        HttpRequest request, [AsParameters] TelephonyServices s, CancellationToken ct)
    {
        var options = s.Options.Value;
        if (!options.ReceivesEvents)
        {
            return TypedResults.Problem(title: "Call events not configured",
                detail: "Set Telephony:EventSigningSecret (environment Telephony__EventSigningSecret), or a connector under Telephony:Connectors, to receive signed call events.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        var connectorName = request.Headers[EventSignature.ConnectorHeader].ToString();
        var connector = connectorName.Length > 0 ? options.Connector(connectorName) : null;
        if (connectorName.Length > 0 ? connector is null : string.IsNullOrEmpty(options.EventSigningSecret))
        {
            return TypedResults.Problem(title: "Unknown connector",
                detail: $"The {EventSignature.ConnectorHeader} header must name a connector configured under Telephony:Connectors.",
                statusCode: StatusCodes.Status401Unauthorized);
        }
        var body = await ReadBoundedAsync(request, options.MaxEventBytes, ct);
        if (body is null)
        {
            return TypedResults.Problem(title: "Payload too large", detail: $"A call event is at most {options.MaxEventBytes} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        var signature = request.Headers[EventSignature.Header].ToString();
        var signed = connector is null
            ? EventSignature.IsValid(body, signature, options.EventSigningSecret!) || SignedWithPreviousSecret(body, signature, options.PreviousEventSigningSecret, null, s)
            : EventSignature.IsValid(body, signature, connector.EventSigningSecret!) || SignedWithPreviousSecret(body, signature, connector.PreviousEventSigningSecret, connectorName, s);
        if (!signed)
        {
            return TypedResults.Problem(title: "Invalid signature",
                detail: $"The {EventSignature.Header} header must be sha256=<hex HMAC-SHA256 of the raw body>.",
                statusCode: StatusCodes.Status401Unauthorized);
        }
        CallEventInput? input;
        try
        {
            input = JsonSerializer.Deserialize<CallEventInput>(body, s.Json.Value.SerializerOptions);
        }
        catch (JsonException)
        {
            input = null;
        }
        if (input is null)
        {
            return TypedResults.Problem(title: "Invalid request", detail: "The body is not a JSON call event.", statusCode: StatusCodes.Status400BadRequest);
        }
        var validated = CallEventValidation.Validate(input);
        if (validated.Error is { } error)
        {
            return error.ToProblem();
        }
        if (connector is not null && await OutsideConnectorAsync(validated.Value!, connector, request.HttpContext, s, ct))
        {
            return TypedResults.Problem(title: "Outside the connector's practices",
                detail: $"Connector '{connectorName}' may post events only for the numbers and calls of its practices (Telephony:Connectors:{connectorName}:Practices).",
                statusCode: StatusCodes.Status403Forbidden);
        }
        // Answered once the event is durably stored; its call's state and the distributor follow just after.
        var receipt = await s.Writer.WriteAsync(validated.Value!, ct);
        if (receipt is null)
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(title: "Busy", detail: "The event could not be stored now (the server is stopping); retry (the event id makes it safe).",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        return receipt.Duplicate ? TypedResults.Ok(receipt) : TypedResults.Accepted((string?)null, receipt);
    }

    /// <summary>The whole body, or null when it exceeds <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Whether the event touches a practice the connector does not serve: its dialed number is that practice's, or its
    /// call id is a call of that practice (so a connector cannot reach another practice's call through a number of no
    /// practice). A number of no practice is let through otherwise: it is stored and flagged as unknown, like any other.
    /// </summary>
    private static async Task<bool> OutsideConnectorAsync(ValidCallEvent incoming, TelephonyConnectorOptions connector, HttpContext http,
        TelephonyServices s, CancellationToken ct)
    {
        if (connector.Practices.Count == 0)
        {
            return false;
        }
        var db = http.RequestServices.GetRequiredService<PermanenceDbContext>();
        if (incoming.DialedNumber?.E164 is { } dialed && await s.Lines.ResolveAsync(db, dialed, ct) is { } line && !connector.Serves(line.PracticeId.Value))
        {
            return true;
        }
        var practiceOfCall = await db.Calls.IgnoreQueryFilters().Where(c => c.ProviderCallId == incoming.ProviderCallId)
            .Select(c => c.PracticeId).FirstOrDefaultAsync(ct);
        return practiceOfCall is { } practice && !connector.Serves(practice.Value);
    }

    /// <summary>During a rotation, an event signed with the secret being replaced; logged so that the operator sees when none comes any more.</summary>
    private static bool SignedWithPreviousSecret(ReadOnlySpan<byte> body, string signature, string? previousSecret, string? connector, TelephonyServices s)
    {
        if (string.IsNullOrEmpty(previousSecret) || !EventSignature.IsValid(body, signature, previousSecret))
        {
            return false;
        }
        var logger = s.Loggers.CreateLogger(typeof(TelephonyEndpoints).FullName!);
        if (connector is null)
        {
            LogPreviousSecret(logger);
        }
        else
        {
            LogConnectorPreviousSecret(logger, connector);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "A call event was signed with Telephony:PreviousEventSigningSecret; remove that setting once every provider signs with Telephony:EventSigningSecret")]
    private static partial void LogPreviousSecret(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "A call event of connector {Connector} was signed with its PreviousEventSigningSecret; remove that setting once the connector signs with its new secret")]
    private static partial void LogConnectorPreviousSecret(ILogger logger, string connector);
}
