using System.Collections.Concurrent;
using Permanence.Core.Common;
using Permanence.Web.Cluster;

namespace Permanence.Web.Calls;

/// <summary>
/// In-process delivery of call pop-ups to console circuits, next to the hub push: a circuit subscribes for the
/// practices its user is assigned to and gets each pop-up the moment the worker has built it. Thread-safe; a slow or
/// failing subscriber delays or breaks no other. With several nodes (<see cref="ClusterBus"/>), a pop-up built on one
/// node reaches the circuits of every node, as the hub push does through its backplane.
/// </summary>
public sealed partial class CallPopupBroadcaster
{
    private const string Topic = "call-popups";
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();
    private readonly PopupAudience audience;
    private readonly ClusterBus cluster;
    private readonly ILogger<CallPopupBroadcaster> logger;

    public CallPopupBroadcaster(PopupAudience audience, ClusterBus cluster, ILogger<CallPopupBroadcaster> logger)
    {
        (this.audience, this.cluster, this.logger) = (audience, cluster, logger);
        cluster.Subscribe<CallPopupDto>(Topic, DeliverHere);
    }

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
        DeliverHere(popup);
        cluster.Publish(Topic, popup);
    }

    private void DeliverHere(CallPopupDto popup)
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
