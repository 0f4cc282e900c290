using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Permanence.Web.Messaging;

namespace Permanence.Web.Tests.Messaging;

/// <summary>The Twilio SMS sender against an HTTP server that answers as Twilio's REST API does.</summary>
public sealed class TwilioSmsSenderTests : IAsyncLifetime
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "twilio-auth-token-for-tests-0123";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private RecordingSmsGateway _gateway = null!;

    public async ValueTask InitializeAsync() => _gateway = await RecordingSmsGateway.StartAsync();

    public async ValueTask DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_text_is_posted_to_the_accounts_messages_with_basic_authentication_and_counts_as_sent()
    {
        using var http = new HttpClient();

        var delivery = await Sender(http, from: "+33757000001").SendAsync("+33600000001", "Un élément urgent attend.", _ct);

        delivery.ShouldBe(Delivery.Sent);
        var sms = _gateway.Received.ShouldHaveSingleItem();
        sms.AccountSid.ShouldBe(AccountSid);
        sms.Authorization.ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")));
        sms.ContentType.ShouldStartWith("application/x-www-form-urlencoded");
        sms.Form.ShouldBe(new Dictionary<string, string> { ["To"] = "+33600000001", ["From"] = "+33757000001", ["Body"] = "Un élément urgent attend." }, ignoreOrder: true);
    }

    [Fact]
    public async Task A_messaging_service_is_named_instead_of_a_sender_when_configured()
    {
        using var http = new HttpClient();

        await Sender(http, messagingServiceSid: "MG0123456789abcdef0123456789abcdef").SendAsync("+33600000001", "Texte", _ct);

        var form = _gateway.Received.ShouldHaveSingleItem().Form;
        form["MessagingServiceSid"].ShouldBe("MG0123456789abcdef0123456789abcdef");
        form.ContainsKey("From").ShouldBeFalse();
    }

    [Fact]
    public async Task A_refusal_throws_with_twilios_code_and_message_without_the_number_or_the_token()
    {
        _gateway.Reply = (400, """{"code": 21211, "message": "The 'To' number +3360123 is not a valid phone number.", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}""");
        using var http = new HttpClient();

        var refusal = await Should.ThrowAsync<SmsGatewayException>(() => Sender(http, from: "Cabinet").SendAsync("+3360123", "Texte", _ct));

        refusal.Message.ShouldBe("Twilio refused the SMS: HTTP 400, Twilio error 21211: The 'To' number +3****23 is not a valid phone number.");
        refusal.Message.ShouldNotContain(AuthToken);
    }

    [Fact]
    public async Task A_reply_that_is_not_twilios_json_still_fails_with_its_status()
    {
        _gateway.Reply = (502, "<html>Bad gateway</html>");
        using var http = new HttpClient();

        var refusal = await Should.ThrowAsync<SmsGatewayException>(() => Sender(http, from: "Cabinet").SendAsync("+33600000001", "Texte", _ct));

        refusal.Message.ShouldBe("Twilio refused the SMS: HTTP 502");
    }

    [Fact]
    public async Task A_gateway_that_does_not_answer_in_time_fails_the_send()
    {
        _gateway.Delay = TimeSpan.FromSeconds(10);
        using var http = new HttpClient();

        var refusal = await Should.ThrowAsync<SmsGatewayException>(() => Sender(http, from: "Cabinet", timeoutSeconds: 1).SendAsync("+33600000001", "Texte", _ct));

        refusal.Message.ShouldBe("Twilio did not answer within 1 s.");
    }

    [Theory]
    [InlineData(null, AuthToken, "+33757000001", null, "set without AccountSid")]
    [InlineData("AC123", AuthToken, "+33757000001", null, "AccountSid must be \"AC\" followed by 32 hexadecimal digits")]
    [InlineData("MG0123456789abcdef0123456789abcdef", AuthToken, "+33757000001", null, "AccountSid must be")]
    [InlineData(AccountSid, "", "+33757000001", null, "AuthToken is required")]
    [InlineData(AccountSid, AuthToken, null, null, "exactly one sender")]
    [InlineData(AccountSid, AuthToken, "+33757000001", "MG0123456789abcdef0123456789abcdef", "exactly one sender")]
    [InlineData(AccountSid, AuthToken, "0757000001", null, "E.164")]
    [InlineData(AccountSid, AuthToken, "Cabinet Médical", null, "sender id of up to 11")]
    [InlineData(AccountSid, AuthToken, null, "AC0123456789abcdef0123456789abcdef", "MessagingServiceSid must be \"MG\"")]
    public void Incomplete_or_malformed_settings_are_refused_at_start_with_a_message_naming_the_key(
        string? accountSid, string? authToken, string? from, string? messagingServiceSid, string message)
    {
        var options = new TwilioSmsOptions { AccountSid = accountSid, AuthToken = authToken, From = from, MessagingServiceSid = messagingServiceSid };

        Errors(options).ShouldContain(e => e.Contains(message, StringComparison.Ordinal), string.Join(" | ", Errors(options)));
    }

    [Theory]
    [InlineData("http://api.example.org")]
    [InlineData("ftp://127.0.0.1")]
    [InlineData("https://api.twilio.com?x=1")]
    [InlineData("api.twilio.com")]
    public void The_api_address_must_be_https_or_loopback_http(string apiBaseUrl)
    {
        var options = new TwilioSmsOptions { AccountSid = AccountSid, AuthToken = AuthToken, From = "Cabinet", ApiBaseUrl = apiBaseUrl };

        Errors(options).ShouldContain(e => e.Contains("ApiBaseUrl must be an https address", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("+33757000001", null)]
    [InlineData("Cabinet 12", null)]
    [InlineData(null, "MG0123456789abcdef0123456789abcdef")]
    public void Settings_off_or_complete_are_accepted(string? from, string? messagingServiceSid)
    {
        var options = from is null && messagingServiceSid is null
            ? new TwilioSmsOptions()
            : new TwilioSmsOptions { AccountSid = AccountSid, AuthToken = AuthToken, From = from, MessagingServiceSid = messagingServiceSid, ApiBaseUrl = "http://127.0.0.1:8080" };

        Errors(options).ShouldBeEmpty();
        options.Enabled.ShouldBe(from is not null || messagingServiceSid is not null);
    }

    private TwilioSmsSender Sender(HttpClient http, string? from = null, string? messagingServiceSid = null, int timeoutSeconds = 15) =>
        new(http, Options.Create(new TwilioSmsOptions
        {
            AccountSid = AccountSid,
            AuthToken = AuthToken,
            From = from,
            MessagingServiceSid = messagingServiceSid,
            ApiBaseUrl = _gateway.BaseUrl,
            TimeoutSeconds = timeoutSeconds,
        }), NullLogger<TwilioSmsSender>.Instance);

    private static List<string> Errors(TwilioSmsOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }
}
