using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Messaging;
using Permanence.Core.Staff;
using Permanence.Data;
using Permanence.Data.Audit;

namespace Permanence.Web.Messaging;

/// <summary>Settings of the escalation job (<c>Messaging</c> section).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Run the periodic escalation job in this process.</summary>
    public bool EscalationJobEnabled { get; set; } = true;

    [Range(5, 3600, ErrorMessage = "Messaging:EscalationCheckSeconds must be between 5 and 3600.")]
    public int EscalationCheckSeconds { get; set; } = 30;
}

/// <summary>
/// One pass of escalation over unacknowledged urgent and emergency items: re-notify the practitioner once at the due
/// time, then alert the practice's supervisors one acknowledgement interval later. Each step is stored on the item
/// and in the audit trail. Safe to run again at any time: a step already taken is not repeated.
/// </summary>
public sealed partial class MessageEscalation(PermanenceDbContext db, MessageNotifier notifier, IClock clock, ILogger<MessageEscalation> logger)
{
    private const string Actor = "message-escalation";
    private const int BatchSize = 200;

    /// <summary>Key of the PostgreSQL advisory lock that lets one node at a time run a pass ("ESC" in ASCII).</summary>
    private const long AdvisoryLockKey = 0x455343;

    /// <summary>Returns how many steps were taken; 0 when another node's pass is running.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return await PassAsync(ct);
        }
        // Every node runs the job; two passes at once would both re-notify and escalate the same items, so each
        // e-mail would go out twice. A session lock, not a transaction's: each step is saved as soon as it is sent.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Not cancellable: a lock granted but not read would stay with the pooled connection, out of any finally.
            if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({AdvisoryLockKey}) AS \"Value\"").SingleAsync(CancellationToken.None))
            {
                return 0;
            }
            try
            {
                return await PassAsync(ct);
            }
            finally
            {
                await UnlockAsync();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Releases the pass's lock. When that fails (connection broken), the connection is cleared from the pool rather
    /// than returned with the lock, and the failure is logged without hiding the pass's own outcome.
    /// </summary>
    private async Task UnlockAsync()
    {
        try
        {
            await db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock({AdvisoryLockKey}) AS \"Value\"").SingleAsync(CancellationToken.None);
        }
#pragma warning disable CA1031 // Logged; the session lock ends with the connection, which is not reused.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogUnlockFailed(logger, exception);
            Npgsql.NpgsqlConnection.ClearPool((Npgsql.NpgsqlConnection)db.Database.GetDbConnection());
        }
    }

    private async Task<int> PassAsync(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var audit = new AuditTrail(db, new SystemAuditActor(Actor), clock);
        // Items already re-notified wait one more interval before their escalation: they are told apart here, over the
        // unacknowledged urgent items past due (few), so that waiting ones never fill a batch and hold back the others.
        var candidates = await db.PractitionerMessages.AsNoTracking()
            .Where(m => (m.Status == MessageStatus.New || m.Status == MessageStatus.Read)
                && (m.Priority == UrgencyLevel.Urgent || m.Priority == UrgencyLevel.Emergency)
                && m.EscalatedAt == null && m.DueAt <= now)
            .ToListAsync(ct);
        var practiceIds = candidates.Select(m => m.PracticeId).Distinct().ToList();
        var practices = await db.Practices.AsNoTracking().Where(p => practiceIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var actionable = candidates
            .Where(m => MessageEscalationRules.NextStep(m, now, practices[m.PracticeId].MessageDelivery.UrgentAcknowledgementMinutes) != EscalationStep.None)
            .OrderBy(m => m.DueAt).Select(m => m.Id).ToList();
        var steps = 0;
        foreach (var batch in actionable.Chunk(BatchSize))
        {
            var messages = await db.PractitionerMessages.Include(m => m.History).Where(m => batch.Contains(m.Id)).OrderBy(m => m.DueAt).ToListAsync(ct);
            foreach (var message in messages)
            {
                var practice = practices[message.PracticeId];
                switch (MessageEscalationRules.NextStep(message, now, practice.MessageDelivery.UrgentAcknowledgementMinutes))
                {
                    case EscalationStep.RenotifyPractitioner:
                        var practitioner = await db.Practitioners.AsNoTracking().SingleAsync(p => p.Id == message.PractitionerId, ct);
                        var channels = await notifier.NotifyPractitionerAsync(message, practitioner, practice, reminder: true, CancellationToken.None);
                        message.RenotifiedAt = now;
                        message.Log("renotified", now, Actor, channels);
                        audit.Record("message.renotified", message.PracticeId, "message", message.Id.ToString(), channels);
                        break;
                    case EscalationStep.EscalateToSupervisors:
                        var supervisors = await SupervisorEmailsAsync(message.PracticeId, ct);
                        var sent = await notifier.NotifySupervisorsAsync(message, practice, supervisors, CancellationToken.None);
                        message.EscalatedAt = now;
                        message.Log("escalated", now, Actor, sent);
                        audit.Record("message.escalated", message.PracticeId, "message", message.Id.ToString(), sent);
                        break;
                    case EscalationStep.None:
                        // Acknowledged between the two reads.
                        continue;
                    default:
                        throw new InvalidOperationException("Unknown escalation step.");
                }
                // A step once under way is sent and recorded whole, even when the host is stopping: cancelled half-way,
                // its e-mail could have gone out unrecorded and go out again at the next start.
                await db.SaveChangesAsync(CancellationToken.None);
                steps++;
            }
            db.ChangeTracker.Clear();
        }
        if (steps > 0)
        {
            LogSteps(logger, steps);
        }
        return steps;
    }

    /// <summary>E-mail addresses of the active supervisors assigned to the practice.</summary>
    private Task<List<string>> SupervisorEmailsAsync(PracticeId practiceId, CancellationToken ct) =>
        (from user in db.Users
         join userRole in db.UserRoles on user.Id equals userRole.UserId
         join role in db.Roles on userRole.RoleId equals role.Id
         where role.Name == StaffRoles.Supervisor && user.IsActive && user.Email != null
             && user.Assignments.Any(a => a.PracticeId == practiceId)
         select user.Email!).Distinct().ToListAsync(ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The escalation lock could not be released; its connection is dropped from the pool")]
    private static partial void LogUnlockFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation pass took {Steps} steps")]
    private static partial void LogSteps(ILogger logger, int steps);
}

/// <summary>Runs <see cref="MessageEscalation"/> every <see cref="MessagingOptions.EscalationCheckSeconds"/> seconds.</summary>
public sealed partial class MessageEscalationJob(IServiceScopeFactory scopes, IOptions<MessagingOptions> options, ILogger<MessageEscalationJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.EscalationJobEnabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.EscalationCheckSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<MessageEscalation>().RunOnceAsync(stoppingToken);
            }
#pragma warning disable CA1031 // The job must outlive one failed pass (database restart); the next tick retries.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation pass failed; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
