using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Messaging;
using Permanence.Core.Practices;
using Permanence.Web.Messaging;

namespace Permanence.Web.Tests.Messaging;

/// <summary>What the notifier reports for each channel, as items' histories record it.</summary>
public sealed class MessageNotifierTests
{
    private static readonly Practice Practice = new()
    {
        Name = "Cabinet des Alertes",
        GreetingText = "{practice}, bonjour",
        TimeZoneId = "Europe/Paris",
        RoutineNumber = "+33142860001",
    };

    private static readonly PractitionerMessage Item = new()
    {
        Subject = "Rappeler le patient",
        Priority = UrgencyLevel.Urgent,
        DueAt = Instant.FromUtc(2026, 11, 23, 9, 0),
    };

    [Theory]
    [InlineData(new[] { "ok" }, "email x1/1")]
    [InlineData(new[] { "ok", "fails" }, "email x1/2 email-failed x1/2")]
    [InlineData(new[] { "fails", "fails" }, "email-failed x2/2")]
    [InlineData(new[] { "skipped", "skipped" }, "email-skipped x2/2")]
    public async Task The_escalation_says_how_many_supervisor_e_mails_went_failed_or_were_skipped(string[] outcomes, string expected)
    {
        var notifier = new MessageNotifier(new ScriptedSender(), new LoggingDevelopmentSmsSender(NullLogger<LoggingDevelopmentSmsSender>.Instance),
            NullLogger<MessageNotifier>.Instance);

        var detail = await notifier.NotifySupervisorsAsync(Item, Practice, [.. outcomes.Select((o, i) => $"{o}-{i}@demo.permanence.invalid")], TestContext.Current.CancellationToken);

        detail.ShouldBe(expected);
    }

    /// <summary>Sends to "ok-…" addresses, fails for "fails-…", and skips "skipped-…" as a server that is not set up.</summary>
    private sealed class ScriptedSender : INotificationSender
    {
        public Task<Delivery> SendAsync(EmailNotification email, CancellationToken cancellationToken) => email.To.Split('-')[0] switch
        {
            "ok" => Task.FromResult(Delivery.Sent),
            "skipped" => Task.FromResult(Delivery.Skipped),
            _ => throw new InvalidOperationException("The mail server refused the message."),
        };
    }
}
