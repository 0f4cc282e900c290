using System.ComponentModel.DataAnnotations;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Permanence.Web.Messaging;

/// <summary>An e-mail to a staff member. Carries no patient identity: it points to the item in the console.</summary>
public sealed record EmailNotification(string To, string Subject, string Body);

/// <summary>What became of a notification handed to a channel that did not fail.</summary>
public enum Delivery
{
    /// <summary>Handed over to the mail server or SMS gateway.</summary>
    Sent,

    /// <summary>Not sent: the channel is not set up here (SMTP disabled; no SMS gateway, only the development log).</summary>
    Skipped,
}

/// <summary>Sends e-mail notifications.</summary>
public interface INotificationSender
{
    Task<Delivery> SendAsync(EmailNotification email, CancellationToken cancellationToken);
}

/// <summary>Sends text messages to a practitioner's urgent contact number.</summary>
public interface ISmsSender
{
    /// <summary>Whether texts really leave the host (a gateway), rather than only being logged.</summary>
    bool DeliversTexts { get; }

    Task<Delivery> SendAsync(string e164Number, string text, CancellationToken cancellationToken);
}

/// <summary>SMTP settings (<c>Notifications:Smtp</c>). Until <see cref="Enabled"/> is set, e-mails are skipped and logged.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Notifications:Smtp";

    public bool Enabled { get; set; }

    [Required(ErrorMessage = "Notifications:Smtp:Host is required.")]
    public string Host { get; set; } = "localhost";

    [Range(1, 65535, ErrorMessage = "Notifications:Smtp:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 25;

    [Required(ErrorMessage = "Notifications:Smtp:From is required.")]
    [EmailAddress(ErrorMessage = "Notifications:Smtp:From must be an e-mail address.")]
    public string From { get; set; } = "permanence@localhost";

    /// <summary>Optional credentials; no authentication when empty.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }
}

/// <summary>E-mail through an SMTP server with MailKit; STARTTLS when the server offers it.</summary>
public sealed partial class SmtpNotificationSender(IOptions<SmtpOptions> options, ILogger<SmtpNotificationSender> logger) : INotificationSender
{
    public async Task<Delivery> SendAsync(EmailNotification email, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        if (!smtp.Enabled)
        {
            LogSkipped(logger, email.Subject);
            return Delivery.Skipped;
        }
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Body = new TextPart("plain") { Text = email.Body };
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return Delivery.Sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail notifications are disabled (Notifications:Smtp:Enabled); skipped \"{Subject}\"")]
    private static partial void LogSkipped(ILogger logger, string subject);
}

/// <summary>
/// Development stand-in for an SMS gateway: writes the text to the log instead of sending it, with the number masked
/// (only its last two digits shown), and says it was not sent, so an item's history never claims an SMS went out.
/// </summary>
public sealed partial class LoggingDevelopmentSmsSender(ILogger<LoggingDevelopmentSmsSender> logger) : ISmsSender
{
    public bool DeliversTexts => false;

    public Task<Delivery> SendAsync(string e164Number, string text, CancellationToken cancellationToken)
    {
        var masked = Mask(e164Number);
        LogSms(logger, masked, text);
        return Task.FromResult(Delivery.Skipped);
    }

    /// <summary>+33612345678 → +3*********78.</summary>
    public static string Mask(string number) =>
        number.Length <= 4 ? new string('*', number.Length) : string.Concat(number.AsSpan(0, 2), new string('*', number.Length - 4), number.AsSpan(number.Length - 2));

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS (development, not sent) to {MaskedNumber}: {Text}")]
    private static partial void LogSms(ILogger logger, string maskedNumber, string text);
}
