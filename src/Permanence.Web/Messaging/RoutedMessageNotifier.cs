using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Messaging;
using Permanence.Data;
using Permanence.Data.Audit;

namespace Permanence.Web.Messaging;

/// <summary>
/// Tells the practitioner about the items the routing leaves (a queue overflow's callback or message, a voicemail) once
/// they are saved, as the API does for the items secretaries take: each item's history and the audit trail record what
/// each channel did. The routing only queues them: a mail server or SMS gateway that answers slowly must not hold up
/// the distributor's timer or a provider's webhook. Best effort: an item still queued when the host stops, or whose
/// notice fails, is logged, and the escalation job still reminds the practitioner of an urgent item at its due time.
/// </summary>
public sealed partial class RoutedMessageNotifier(IServiceScopeFactory scopes, IClock clock, ILogger<RoutedMessageNotifier> logger) : BackgroundService
{
    private readonly Channel<(MessageId Message, string Actor)> _queue = Channel.CreateUnbounded<(MessageId, string)>(new UnboundedChannelOptions { SingleReader = true });

    /// <param name="messages">Items already committed.</param>
    /// <param name="actor">Who left them, as their history names it.</param>
    public void Enqueue(IEnumerable<PractitionerMessage> messages, string actor)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            _queue.Writer.TryWrite((message.Id, actor));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (message, actor) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await NotifyAsync(message, actor);
            }
#pragma warning disable CA1031 // The routing's work is committed: a failed notice is logged, and the next item is still notified.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogFailed(logger, exception, message.Value);
            }
        }
    }

    private async Task NotifyAsync(MessageId id, string actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PermanenceDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<MessageNotifier>();
        // Once a channel has been tried, what it did is recorded even while the host stops, so a notice never goes out twice.
        var message = await db.PractitionerMessages.IgnoreQueryFilters().Include(m => m.History).FirstOrDefaultAsync(m => m.Id == id, CancellationToken.None);
        var practitioner = message is null ? null
            : await db.Practitioners.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == message.PractitionerId, CancellationToken.None);
        var practice = message is null ? null
            : await db.Practices.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == message.PracticeId, CancellationToken.None);
        if (message is null || practitioner is null || practice is null)
        {
            return;
        }
        var channels = await notifier.NotifyPractitionerAsync(message, practitioner, practice, reminder: false, CancellationToken.None);
        message.Log("notified", clock.GetCurrentInstant(), actor, channels);
        new AuditTrail(db, new SystemAuditActor(actor), clock).Record("message.notified", message.PracticeId, "message", message.Id.ToString(), channels);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify the practitioner of routed message {MessageId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid messageId);
}
