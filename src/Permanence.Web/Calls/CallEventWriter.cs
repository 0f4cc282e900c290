using System.Threading.Channels;
using Permanence.Core.Calls;
using Permanence.Web.Routing;

namespace Permanence.Web.Calls;

/// <summary>
/// This node's single writer of provider call events (group commit). Requests hand their validated event over and wait;
/// the writer takes every event pending (up to <see cref="MaxBatch"/>), stores them with one read and one save
/// (<see cref="CallEventIngestion.IngestBatchAsync"/>), lets the distributor observe them in one transaction, and only
/// then answers each request: a receipt still means the event is stored and its call's state derived. Under concurrent
/// deliveries the database work is shared by the whole batch, and events of one call no longer race each other.
/// </summary>
public sealed partial class CallEventWriter(IServiceScopeFactory scopes, ILogger<CallEventWriter> logger) : BackgroundService
{
    /// <summary>Events written in one batch at most.</summary>
    public const int MaxBatch = 256;

    /// <summary>Events waiting at most; further requests wait for room, so a stalled database pushes back on the provider.</summary>
    public const int Capacity = 4 * MaxBatch;

    private sealed record PendingEvent(ValidCallEvent Event)
    {
        public TaskCompletionSource<CallEventReceipt?> Receipt { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Channel<PendingEvent> _pending = Channel.CreateBounded<PendingEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>
    /// The receipt once the event is stored and observed, or null when it could not be stored now (lost every attempt
    /// against another node, or this node is stopping): the provider should retry. Cancelling stops the wait only; the
    /// event may still be stored, and its replay is then acknowledged as a duplicate.
    /// </summary>
    public async Task<CallEventReceipt?> WriteAsync(ValidCallEvent incoming, CancellationToken ct)
    {
        var pending = new PendingEvent(incoming);
        try
        {
            await _pending.Writer.WriteAsync(pending, ct);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
        return await pending.Receipt.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingEvent>(MaxBatch);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
                // Not the stopping token: a batch begun is finished, so its requests get their answers.
                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _pending.Writer.TryComplete();
            while (_pending.Reader.TryRead(out var left))
            {
                left.Receipt.TrySetResult(null);
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingEvent> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var receipts = await scope.ServiceProvider.GetRequiredService<CallEventIngestion>()
                .IngestBatchAsync([.. batch.Select(p => p.Event)], CancellationToken.None);
            // Replays too: the distributor's steps are idempotent, and a replay is how a step that failed gets retried.
            var observed = batch.Zip(receipts)
                .Where(r => r.Second is not null)
                .Select(r => new CallObservation(new CallId(r.Second!.CallId), r.First.Event.Type, r.First.Event.AgentId))
                .ToList();
            await scope.ServiceProvider.GetRequiredService<AcdService>().ObserveAsync(observed, CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Receipt.TrySetResult(receipts[i]);
            }
        }
        catch (Exception exception)
        {
            // Broken infrastructure (database down): every request of the batch fails as it would have alone; the
            // events stored before the failure are acknowledged as duplicates when the provider retries.
            LogBatchFailed(logger, exception, batch.Count);
            foreach (var pending in batch)
            {
                pending.Receipt.TrySetException(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} call events failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
