using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Messaging;
using Permanence.Data;
using Permanence.Data.Audit;

namespace Permanence.Web.Messaging;

/// <summary>
/// Tells the practitioner about the items the routing leaves (a queue overflow's callback or message, a voicemail) once
/// they are saved, as the API does for the items secretaries take: each item's history and the audit trail record what
/// each channel did. Best effort: the routing's own work is committed already, so a failure here is logged, and the
/// escalation job still reminds the practitioner of an urgent item at its due time.
/// </summary>
public sealed partial class RoutedMessageNotifier(PermanenceDbContext db, MessageNotifier notifier, IClock clock, ILogger<RoutedMessageNotifier> logger)
{
    /// <param name="messages">Saved items tracked by this scope's context.</param>
    /// <param name="actor">Who left them, as their history names it.</param>
    public async Task NotifyAsync(IReadOnlyCollection<PractitionerMessage> messages, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            try
            {
                var practitioner = await db.Practitioners.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == message.PractitionerId, ct);
                var practice = await db.Practices.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == message.PracticeId, ct);
                if (practitioner is null || practice is null)
                {
                    continue;
                }
                var channels = await notifier.NotifyPractitionerAsync(message, practitioner, practice, reminder: false, ct);
                message.Log("notified", clock.GetCurrentInstant(), actor, channels);
                new AuditTrail(db, new SystemAuditActor(actor), clock).Record("message.notified", message.PracticeId, "message", message.Id.ToString(), channels);
                // Once the channels have been tried, what they did is recorded even if the request is being cancelled.
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // The routing's work is committed: a failed notification is logged, never turned into its failure.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogFailed(logger, exception, message.Id.Value);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not notify the practitioner of routed message {MessageId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid messageId);
}
