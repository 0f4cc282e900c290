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

    /// <summary>Returns how many steps were taken.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var audit = new AuditTrail(db, new SystemAuditActor(Actor), clock);
        var due = await db.PractitionerMessages.Include(m => m.History)
            .Where(m => (m.Status == MessageStatus.New || m.Status == MessageStatus.Read)
                && (m.Priority == UrgencyLevel.Urgent || m.Priority == UrgencyLevel.Emergency)
                && m.EscalatedAt == null && m.DueAt <= now)
            .OrderBy(m => m.DueAt).Take(BatchSize).ToListAsync(ct);
        var steps = 0;
        foreach (var message in due)
        {
            var practice = await db.Practices.AsNoTracking().SingleAsync(p => p.Id == message.PracticeId, ct);
            switch (MessageEscalationRules.NextStep(message, now, practice.MessageDelivery.UrgentAcknowledgementMinutes))
            {
                case EscalationStep.RenotifyPractitioner:
                    var practitioner = await db.Practitioners.AsNoTracking().SingleAsync(p => p.Id == message.PractitionerId, ct);
                    var channels = await notifier.NotifyPractitionerAsync(message, practitioner, practice, reminder: true, ct);
                    message.RenotifiedAt = now;
                    message.Log("renotified", now, Actor, channels);
                    audit.Record("message.renotified", message.PracticeId, "message", message.Id.ToString(), channels);
                    break;
                case EscalationStep.EscalateToSupervisors:
                    var supervisors = await SupervisorEmailsAsync(message.PracticeId, ct);
                    var sent = await notifier.NotifySupervisorsAsync(message, practice, supervisors, ct);
                    message.EscalatedAt = now;
                    message.Log("escalated", now, Actor, sent);
                    audit.Record("message.escalated", message.PracticeId, "message", message.Id.ToString(), sent);
                    break;
                case EscalationStep.None:
                    continue;
                default:
                    throw new InvalidOperationException("Unknown escalation step.");
            }
            await db.SaveChangesAsync(ct);
            steps++;
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
