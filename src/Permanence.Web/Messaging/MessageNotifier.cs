using System.Globalization;
using NodaTime.Text;
using Permanence.Core.Calls;
using Permanence.Core.Messaging;
using Permanence.Core.Practices;

namespace Permanence.Web.Messaging;

/// <summary>
/// Tells people about a message through the channels the practice chose: e-mail to the practitioner, SMS for urgent
/// items, e-mail to supervisors on escalation. Best effort: a failing channel is logged and reported, never thrown,
/// so a mail server outage cannot lose the message itself. Texts carry the item's kind, priority and due time only.
/// </summary>
public sealed partial class MessageNotifier(INotificationSender email, ISmsSender sms, ILogger<MessageNotifier> logger)
{
    /// <summary>
    /// Notifies the owner; returns what each channel did, e.g. "email sms", "email-failed" or "sms-skipped" (a channel
    /// not set up on this deployment).
    /// </summary>
    public async Task<string> NotifyPractitionerAsync(PractitionerMessage message, Practitioner practitioner, Practice practice, bool reminder, CancellationToken ct)
    {
        var channels = new List<string>();
        var text = Describe(message, practice, reminder);
        if (practice.MessageDelivery.ByEmail && !string.IsNullOrWhiteSpace(practitioner.Email))
        {
            channels.Add(await TryAsync("email", () => email.SendAsync(new EmailNotification(practitioner.Email, Subject(message, reminder), text), ct), message));
        }
        if (message.NeedsAcknowledgement && practice.MessageDelivery.UrgentBySms && !string.IsNullOrWhiteSpace(practitioner.UrgentContactNumber))
        {
            channels.Add(await TryAsync("sms", () => sms.SendAsync(practitioner.UrgentContactNumber, text, ct), message));
        }
        return channels.Count == 0 ? "inbox-only" : string.Join(' ', channels);
    }

    /// <summary>
    /// Alerts each supervisor by e-mail; returns how many sends each outcome had, e.g. "email x2/2", "email x1/2
    /// email-failed x1/2", or "email-skipped x2/2" when e-mail is not set up.
    /// </summary>
    public async Task<string> NotifySupervisorsAsync(PractitionerMessage message, Practice practice, IReadOnlyCollection<string> supervisorEmails, CancellationToken ct)
    {
        if (supervisorEmails.Count == 0)
        {
            return "no-supervisor";
        }
        var subject = $"[Permanence] Unacknowledged {message.Priority.ToCode()} item — {practice.Name}";
        var body = $"{Describe(message, practice, reminder: true)}\nThe practitioner has not acknowledged it after a reminder. Please follow up.";
        var outcomes = new List<string>(supervisorEmails.Count);
        foreach (var address in supervisorEmails)
        {
            outcomes.Add(await TryAsync("email", () => email.SendAsync(new EmailNotification(address, subject, body), ct), message));
        }
        return string.Join(' ', outcomes.GroupBy(o => o).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} x{g.Count()}/{supervisorEmails.Count}")));
    }

    private static string Subject(PractitionerMessage message, bool reminder) =>
        $"[Permanence] {(reminder ? "Reminder: " : "")}{message.Priority.ToCode()} {message.Kind.ToCode()} waiting in your inbox";

    private static string Describe(PractitionerMessage message, Practice practice, bool reminder)
    {
        var due = ZonedDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm", null).Format(message.DueAt.InZone(practice.TimeZone));
        return $"{(reminder ? "Reminder: a" : "A")} {message.Priority.ToCode()} {message.Kind.ToCode()} for {practice.Name} is waiting in your Permanence inbox "
            + $"(item {message.Id}), due {due} ({practice.TimeZoneId}).";
    }

    private async Task<string> TryAsync(string channel, Func<Task<Delivery>> send, PractitionerMessage message)
    {
        try
        {
            return await send() == Delivery.Sent ? channel : $"{channel}-skipped";
        }
#pragma warning disable CA1031 // A notification channel failing must not fail the message it is about; it is logged and recorded.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception, channel, message.Id.Value);
            return $"{channel}-failed";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify by {Channel} about message {MessageId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string channel, Guid messageId);
}
