using System.Collections.Concurrent;
using Permanence.Core.Common;

namespace Permanence.Web.Calls;

/// <summary>
/// In-process delivery of call pop-ups to console circuits, next to the hub push: a circuit subscribes for the
/// practices its user is assigned to and gets each pop-up the moment the worker has built it. Thread-safe; a slow or
/// failing subscriber delays or breaks no other. Covers circuits on the node that ingested the event, as the hub push
/// does without a backplane.
/// </summary>
public sealed partial class CallPopupBroadcaster(PopupAudience audience, ILogger<CallPopupBroadcaster> logger)
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    /// <summary>
    /// Calls <paramref name="onPopup"/> for every pop-up of one of <paramref name="practices"/> until disposed. The
    /// subscriber counts in the <see cref="PopupAudience"/>, so pop-ups are built for its practices.
    /// </summary>
    public IDisposable Subscribe(IReadOnlyCollection<PracticeId> practices, Func<CallPopupDto, Task> onPopup)
    {
        var id = Guid.NewGuid();
        _subscriptions[id] = new Subscription([.. practices.Select(p => p.Value)], onPopup);
        audience.Joined(practices);
        return new Unsubscriber(() =>
        {
            if (_subscriptions.TryRemove(id, out _))
            {
                audience.Left(practices);
            }
        });
    }

    public void Publish(CallPopupDto popup)
    {
        foreach (var subscription in _subscriptions.Values.Where(s => s.Practices.Contains(popup.PracticeId)))
        {
            _ = DeliverAsync(subscription, popup);
        }
    }

    private async Task DeliverAsync(Subscription subscription, CallPopupDto popup)
    {
        try
        {
            await subscription.OnPopup(popup);
        }
#pragma warning disable CA1031 // A circuit that went away must not break the delivery to the others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogDeliveryFailed(logger, popup.CallId, exception);
        }
    }

    private sealed record Subscription(HashSet<Guid> Practices, Func<CallPopupDto, Task> OnPopup);

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The console pop-up of call {CallId} could not be delivered to a circuit")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid callId, Exception exception);
}
