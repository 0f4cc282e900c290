using System.Threading.Channels;
using Permanence.Core.Calls;

namespace Permanence.Web.Calls;

/// <summary>
/// This node's writer of provider call events (group commit). Requests hand their validated event over and wait; the
/// writer takes every event pending (up to <see cref="MaxBatch"/>), stores them in one round trip
/// (<see cref="CallEventAcceptance.AcceptAsync"/>), answers each request, and wakes <see cref="CallEventDerivation"/>,
/// which derives the calls' state and tells the distributor just after. A receipt means the event is durably stored,
/// once; under concurrent deliveries the database work is shared by the whole batch.
/// </summary>
/// <remarks>
/// One batch is stored at a time: the events arriving meanwhile make the next batch larger, which costs the database
/// less per event than several smaller batches at once (bench/RESULTS.md, event ingestion: 4 batches at once on
/// PostgreSQL stored a quarter fewer events per second on a quiet machine).
/// </remarks>
public sealed partial class CallEventWriter(IServiceScopeFactory scopes, CallEventDerivation derivation, ILogger<CallEventWriter> logger) : BackgroundService
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
    /// The receipt once the event is stored, or null when this node is stopping: the provider should retry. Cancelling
    /// stops the wait only; the event may still be stored, and its replay is then acknowledged as a duplicate.
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
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<PendingEvent>(MaxBatch);
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
                // Not the stopping token: a batch begun is finished, so its requests get their answers.
                await WriteBatchAsync(batch);
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
        if (batch.Count == 0)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var receipts = await scope.ServiceProvider.GetRequiredService<CallEventAcceptance>()
                .AcceptAsync([.. batch.Select(p => p.Event)], CancellationToken.None);
            if (receipts.Any(r => !r.Duplicate))
            {
                derivation.Signal();
            }
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Receipt.TrySetResult(receipts[i]);
            }
        }
        catch (Exception exception)
        {
            // Broken infrastructure (database down): every request of the batch fails as it would have alone; the batch
            // is stored whole or not at all, so the provider's retries store it.
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
