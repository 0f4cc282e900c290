using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Permanence.Web.Messaging;

/// <summary>
/// Sends SMS through Twilio's Programmable Messaging REST API: one <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>
/// per text, with basic authentication. A message Twilio accepts (it queues it for the carrier) counts as sent; a refusal
/// throws <see cref="SmsGatewayException"/> with Twilio's error code, which the item's history records as <c>sms-failed</c>.
/// </summary>
public sealed partial class TwilioSmsSender(HttpClient http, IOptions<TwilioSmsOptions> options, ILogger<TwilioSmsSender> logger) : ISmsSender
{
    public bool DeliversTexts => true;

    public async Task<Delivery> SendAsync(string e164Number, string text, CancellationToken cancellationToken)
    {
        var twilio = options.Value;
        var address = new Uri(twilio.ApiBase, $"2010-04-01/Accounts/{Uri.EscapeDataString(twilio.AccountSid!)}/Messages.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, address);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{twilio.AccountSid}:{twilio.AuthToken}")));
        request.Content = new FormUrlEncodedContent(Form(twilio, e164Number, text));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(twilio.TimeoutSeconds));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SmsGatewayException($"Twilio did not answer within {twilio.TimeoutSeconds} s.");
        }
        using (response)
        {
            var reply = await ReadJsonAsync(response, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SmsGatewayException(Refusal(response, reply));
            }
            var (masked, sid, status) = (LoggingDevelopmentSmsSender.Mask(e164Number), Text(reply, "sid") ?? "?", Text(reply, "status") ?? "?");
            LogSent(logger, masked, sid, status);
            return Delivery.Sent;
        }
    }

    private static List<KeyValuePair<string, string>> Form(TwilioSmsOptions twilio, string to, string body) =>
    [
        new("To", to),
        string.IsNullOrWhiteSpace(twilio.MessagingServiceSid) ? new("From", twilio.From!) : new("MessagingServiceSid", twilio.MessagingServiceSid),
        new("Body", body),
    ];

    /// <summary>The reply's JSON object, or null when it is none (a proxy's error page, an empty body).</summary>
    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"HTTP 400, Twilio error 21211: The 'To' number … is not a valid phone number."</summary>
    private static string Refusal(HttpResponseMessage response, JsonElement? reply)
    {
        var refusal = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Twilio refused the SMS: HTTP {(int)response.StatusCode}"));
        if (reply is { } json && json.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number)
        {
            refusal.Append(CultureInfo.InvariantCulture, $", Twilio error {code.GetInt32()}");
        }
        if (Text(reply, "message") is { } message)
        {
            // Twilio names the number in some messages; the refusal is logged, so it is masked as everywhere else.
            refusal.Append(": ").Append(NumberInText().Replace(message, m => LoggingDevelopmentSmsSender.Mask(m.Value)));
        }
        return refusal.ToString();
    }

    private static string? Text(JsonElement? reply, string property) =>
        reply is { } json && json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"\+?[0-9]{6,15}")]
    private static partial Regex NumberInText();

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS to {MaskedNumber} handed to Twilio as {MessageSid} ({Status})")]
    private static partial void LogSent(ILogger logger, string maskedNumber, string messageSid, string status);
}

/// <summary>An SMS gateway refused a text or did not answer; the text was not sent.</summary>
public sealed class SmsGatewayException : Exception
{
    public SmsGatewayException()
    {
    }

    public SmsGatewayException(string message)
        : base(message)
    {
    }

    public SmsGatewayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
