using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Calls;
using Permanence.Data;

namespace Permanence.Web.Calls;

/// <summary>
/// This node's writer of provider call events (group commit). Requests hand their validated event over and wait; the
/// writer takes every event pending (up to <see cref="MaxBatch"/>, with up to <see cref="MaxBatchesInFlight"/> batches
/// at once on PostgreSQL), stores them in one round trip (<see cref="CallEventAcceptance.AcceptAsync"/>), answers each
/// request, and wakes <see cref="CallEventDerivation"/>, which derives the calls' state and tells the distributor just
/// after. A receipt means the event is durably stored, once; under concurrent deliveries the database work is shared by
/// the whole batch. An event the database refuses fails alone: the other events of its batch are then stored one by one.
/// </summary>
public sealed partial class CallEventWriter(IServiceScopeFactory scopes, CallEventDerivation derivation, ILogger<CallEventWriter> logger) : BackgroundService
{
    /// <summary>Events written in one batch at most.</summary>
    public const int MaxBatch = 256;

    /// <summary>Batches stored at the same time at most, on PostgreSQL.</summary>
    public const int MaxBatchesInFlight = 4;

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
        var inFlight = await BatchesInFlightAsync();
        using var slots = new SemaphoreSlim(inFlight, inFlight);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
            {
                // Events keep gathering while every slot is busy, so the next batch takes them all.
                await slots.WaitAsync(stoppingToken);
                var batch = new List<PendingEvent>(MaxBatch);
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
                // Not the stopping token: a batch begun is finished, so its requests get their answers.
                _ = WriteBatchAsync(batch).ContinueWith(_ => slots.Release(), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            for (var i = 0; i < inFlight; i++)
            {
                await slots.WaitAsync(CancellationToken.None);
            }
            _pending.Writer.TryComplete();
            while (_pending.Reader.TryRead(out var left))
            {
                left.Receipt.TrySetResult(null);
            }
        }
    }

    /// <summary>
    /// Batches stored at the same time: on PostgreSQL a few, since a batch is one round trip and batches racing on the
    /// same call or event are settled by ON CONFLICT; on SQLite one, its single writer would only make them queue.
    /// </summary>
    private async Task<int> BatchesInFlightAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<PermanenceDbContext>().Database.IsNpgsql() ? MaxBatchesInFlight : 1;
    }

    private async Task WriteBatchAsync(List<PendingEvent> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }
        try
        {
            await StoreAsync(batch);
        }
        catch (Exception exception) when (batch.Count > 1 && !DatabaseFailures.IsTemporary(exception))
        {
            // The database refused a statement, most likely for one event's values, and stored none of the batch. Each
            // event alone gets its own answer: a receipt, or the error of the event that really fails. Not when the
            // database is down or saturated: every event would wait out the same failure, one after the other.
            LogBatchRetriedOneByOne(logger, exception, batch.Count);
            foreach (var pending in batch)
            {
                await WriteBatchAsync([pending]);
            }
        }
        catch (Exception exception)
        {
            // Broken infrastructure (database down), or the one event the database refuses: every request of the batch
            // fails as it would have alone; the batch is stored whole or not at all, so the provider's retries store it.
            LogBatchFailed(logger, exception, batch.Count);
            foreach (var pending in batch)
            {
                pending.Receipt.TrySetException(exception);
            }
        }
    }

    /// <summary>Stores the batch in one round trip and answers each request with its receipt; throws when nothing was stored.</summary>
    private async Task StoreAsync(List<PendingEvent> batch)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} call events was refused by the database; storing its events one by one")]
    private static partial void LogBatchRetriedOneByOne(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A batch of {Count} call events failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
