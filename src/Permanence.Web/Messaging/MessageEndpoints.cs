using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Messaging;
using Permanence.Core.Practices;
using Permanence.Core.Staff;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Web.Calls;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Messaging;

public sealed record MessageHistoryDto(string Action, Instant At, string By, string Detail);

public sealed record MessageDto(
    Guid Id, Guid PractitionerId, string Kind, string Subject, string Body, string Priority, Guid? PatientId, string? CallbackNumber, Guid? CallId,
    string? Medicines, string? Dosage, string? Pharmacy, string? LastConsultation,
    string Status, Instant CreatedAt, string CreatedBy, Instant DueAt,
    Instant? ReadAt, string? ReadBy, Instant? AcknowledgedAt, string? AcknowledgedBy, Instant? DoneAt, string? DoneBy,
    Instant? RenotifiedAt, Instant? EscalatedAt, List<MessageHistoryDto> History);

/// <summary>
/// Messages and tasks for practitioners: created from a call, listed in the inbox (a practitioner sees their own, the
/// secretariat sees the practice's), and moved through read → acknowledged → done. A practitioner reads and moves only
/// their own items; the others answer 404 to them, as if absent. Every change is audited.
/// </summary>
public static class MessageEndpoints
{
    public static IEndpointRouteBuilder MapMessageEndpoints(this IEndpointRouteBuilder routes)
    {
        var practice = routes.MapGroup("/api/practices/{practiceId:guid}").WithTags("Messages").RequirePracticeScope();
        practice.MapPost("/messages", Create).WithName("CreateMessage")
            .WithSummary("Leave a message, prescription renewal request or callback task for a practitioner").RequireAuthorization(Policies.Staff);
        practice.MapGet("/messages/{messageId:guid}", Get).WithName("GetMessage").WithSummary("One message with its history").RequireAuthorization(Policies.Staff);
        practice.MapGet("/inbox", Inbox).WithName("Inbox")
            .WithSummary("Open items, most urgent first: the practitioner's own, or all of the practice for the secretariat").RequireAuthorization(Policies.Staff);
        practice.MapPost("/messages/{messageId:guid}/read", (Guid practiceId, Guid messageId, ClaimsPrincipal user, MessageService s, CancellationToken ct) =>
            MoveAsync(practiceId, messageId, MessageStatus.Read, user, s, ct)).WithName("ReadMessage").WithSummary("Mark an item read").RequireAuthorization(Policies.Staff);
        practice.MapPost("/messages/{messageId:guid}/acknowledge", (Guid practiceId, Guid messageId, ClaimsPrincipal user, MessageService s, CancellationToken ct) =>
            MoveAsync(practiceId, messageId, MessageStatus.Acknowledged, user, s, ct)).WithName("AcknowledgeMessage").WithSummary("Acknowledge an item (stops escalation)").RequireAuthorization(Policies.Staff);
        practice.MapPost("/messages/{messageId:guid}/done", (Guid practiceId, Guid messageId, ClaimsPrincipal user, MessageService s, CancellationToken ct) =>
            MoveAsync(practiceId, messageId, MessageStatus.Done, user, s, ct)).WithName("CompleteMessage").WithSummary("Mark an item done").RequireAuthorization(Policies.Staff);
        return routes;
    }

    private static async Task<Results<Created<MessageDto>, ProblemHttpResult>> Create(Guid practiceId, MessageInput input, MessageService messages, CancellationToken ct)
    {
        var result = await messages.CreateAsync(new PracticeId(practiceId), input, ct);
        return result.Error is null ? TypedResults.Created($"/api/practices/{practiceId}/messages/{result.Value!.Id}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> Get(Guid practiceId, Guid messageId, ClaimsPrincipal user, MessageService messages, CancellationToken ct)
    {
        var result = await messages.GetAsync(new PracticeId(practiceId), new MessageId(messageId), user, ct);
        return result.Error is null ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }

    private static async Task<Ok<List<MessageDto>>> Inbox(Guid practiceId, bool? includeDone, ClaimsPrincipal user, MessageService messages, CancellationToken ct) =>
        TypedResults.Ok(await messages.InboxAsync(new PracticeId(practiceId), includeDone == true, user, ct));

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> MoveAsync(Guid practiceId, Guid messageId, MessageStatus target, ClaimsPrincipal user,
        MessageService messages, CancellationToken ct)
    {
        var result = await messages.MoveAsync(new PracticeId(practiceId), new MessageId(messageId), target, user, ct);
        return result.Error is null ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }
}

/// <summary>
/// Messages and tasks for practitioners, shared by the API and the console: created from a call, listed in the inbox
/// (a practitioner sees their own, the secretariat the practice's), moved through read → acknowledged → done. Every
/// change is audited.
/// </summary>
public sealed class MessageService(PermanenceDbContext db, AuditTrail audit, IClock clock, MessageNotifier notifier, IAuditActor actor)
{
    private const int InboxLimit = 500;

    public async Task<Result<MessageDto>> CreateAsync(PracticeId id, MessageInput input, CancellationToken ct)
    {
        var practice = await db.Practices.AsNoTracking().Include(p => p.OpeningHours).Include(p => p.Closures).SingleAsync(p => p.Id == id, ct);
        var practitioner = input.PractitionerId is { } pid
            ? await db.Practitioners.AsNoTracking().SingleOrDefaultAsync(p => p.PracticeId == id && p.Id == new PractitionerId(pid) && p.IsActive, ct)
            : null;
        var patientExists = input.PatientId is { } patientId && await db.Patients.AnyAsync(p => p.PracticeId == id && p.Id == new PatientId(patientId), ct);
        var call = input.CallId is { } callId && await CallActionLinks.IsCallOfPracticeAsync(db, id, new CallId(callId), ct)
            ? new CallId(callId)
            : (CallId?)null;
        var now = clock.GetCurrentInstant();
        var result = MessageValidation.Create(input, new MessageContext(practice, now, actor.Name,
            practitioner is not null, patientExists, call is not null));
        if (result.Error is { } error)
        {
            return error;
        }
        var message = result.Value!;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.PractitionerMessages.Add(message);
            if (call is { } linked)
            {
                await CallActionLinks.AddIfOpenAsync(db, linked, message.CallAction, message.Id.Value, message.Kind.ToCode(), now, ct);
            }
            audit.Record("message.create", id, "message", message.Id.ToString(), $"{message.Kind.ToCode()} {message.Priority.ToCode()}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        var channels = await notifier.NotifyPractitionerAsync(message, practitioner!, practice, reminder: false, ct);
        message.Log("notified", clock.GetCurrentInstant(), actor.Name, channels);
        audit.Record("message.notified", id, "message", message.Id.ToString(), channels);
        await db.SaveChangesAsync(CancellationToken.None);
        return ToDto(message);
    }

    public async Task<Result<MessageDto>> GetAsync(PracticeId practiceId, MessageId messageId, ClaimsPrincipal user, CancellationToken ct)
    {
        var message = await FindVisibleAsync(practiceId, messageId, user, ct);
        if (message is null)
        {
            return MessageNotFound();
        }
        await audit.RecordNowAsync("message.view", message.PracticeId, "message", message.Id.ToString(), cancellationToken: ct);
        return ToDto(message);
    }

    /// <summary>Open items (and done ones on request), most urgent first, then by due time.</summary>
    public async Task<List<MessageDto>> InboxAsync(PracticeId id, bool includeDone, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = db.PractitionerMessages.AsNoTracking().Include(m => m.History).Where(m => m.PracticeId == id);
        if (!includeDone)
        {
            query = query.Where(m => m.Status != MessageStatus.Done);
        }
        if (!SeesWholePractice(user))
        {
            var own = await OwnPractitionerIdsAsync(user, id, ct);
            query = query.Where(m => own.Contains(m.PractitionerId));
        }
        // Priority is stored as its name, so its rank is spelled out; ranked before the limit, so that old open items
        // never push a new urgent one out of the list.
        var messages = await query
            .OrderByDescending(m => m.Priority == UrgencyLevel.Emergency ? 3 : m.Priority == UrgencyLevel.Urgent ? 2 : m.Priority == UrgencyLevel.SameDay ? 1 : 0)
            .ThenBy(m => m.DueAt)
            .Take(InboxLimit).ToListAsync(ct);
        await audit.RecordNowAsync("message.inbox", id, "message", null, $"{messages.Count} items", ct);
        return [.. messages.Select(ToDto)];
    }

    public async Task<Result<MessageDto>> MoveAsync(PracticeId practiceId, MessageId messageId, MessageStatus target, ClaimsPrincipal user, CancellationToken ct)
    {
        var message = await FindVisibleAsync(practiceId, messageId, user, ct);
        if (message is null)
        {
            return MessageNotFound();
        }
        if (target >= MessageStatus.Acknowledged && message.Status < MessageStatus.Acknowledged && message.NeedsAcknowledgement
            && !(await AcknowledgesUrgentItemsAsync(practiceId, user, ct))(message.PractitionerId))
        {
            return new ForbiddenError("Only the practitioner, a supervisor or an administrator can acknowledge an urgent item: acknowledging it stops its reminders and escalation.");
        }
        var result = MessageLifecycle.MoveTo(message, target, clock.GetCurrentInstant(), actor.Name);
        if (result.Error is { } error)
        {
            return error;
        }
        if (result.Value)
        {
            audit.Record($"message.{target.ToCode()}", message.PracticeId, "message", message.Id.ToString());
            await db.SaveChangesAsync(ct);
        }
        return ToDto(message);
    }

    private static NotFoundError MessageNotFound() => new("The message was not found.");

    /// <summary>Secretaries, supervisors, managers and administrators work the whole practice's items.</summary>
    private static bool SeesWholePractice(ClaimsPrincipal user) =>
        user.IsInRole(StaffRoles.Secretary) || user.IsInRole(StaffRoles.Supervisor) || user.IsInRole(StaffRoles.PracticeManager) || user.IsInRole(StaffRoles.Administrator);

    /// <summary>
    /// Whose urgent items of the practice <paramref name="user"/> may acknowledge, which stops their escalation: any
    /// practitioner's for those the items escalate to (<see cref="TakesChargeOfEscalations"/>), otherwise only the
    /// user's own as a practitioner. Outside the secretariat an item is visible only to its own practitioner
    /// (FindVisibleAsync), so no look-up is needed then.
    /// </summary>
    public async Task<Func<PractitionerId, bool>> AcknowledgesUrgentItemsAsync(PracticeId practiceId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (TakesChargeOfEscalations(user) || !SeesWholePractice(user))
        {
            return _ => true;
        }
        var own = await OwnPractitionerIdsAsync(user, practiceId, ct);
        return own.Contains;
    }

    /// <summary>The roles an unacknowledged urgent item escalates to, who may take charge of it in the practitioner's place.</summary>
    private static bool TakesChargeOfEscalations(ClaimsPrincipal user) =>
        user.IsInRole(StaffRoles.Supervisor) || user.IsInRole(StaffRoles.Administrator);

    /// <summary>The practitioners of the practice whose e-mail is the signed-in staff member's.</summary>
    private async Task<List<PractitionerId>> OwnPractitionerIdsAsync(ClaimsPrincipal user, PracticeId practiceId, CancellationToken ct)
    {
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return [];
        }
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        if (string.IsNullOrWhiteSpace(email))
        {
            return [];
        }
        var practitioners = await db.Practitioners.AsNoTracking().Where(p => p.PracticeId == practiceId && p.Email != null).ToListAsync(ct);
        return [.. practitioners.Where(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase)).Select(p => p.Id)];
    }

    /// <summary>The item, if the caller may see it: a practitioner only their own, the secretariat any of the practice.</summary>
    private async Task<PractitionerMessage?> FindVisibleAsync(PracticeId practice, MessageId id, ClaimsPrincipal user, CancellationToken ct)
    {
        var message = await db.PractitionerMessages.Include(m => m.History).SingleOrDefaultAsync(m => m.PracticeId == practice && m.Id == id, ct);
        if (message is null || SeesWholePractice(user))
        {
            return message;
        }
        var own = await OwnPractitionerIdsAsync(user, practice, ct);
        return own.Contains(message.PractitionerId) ? message : null;
    }

    private static MessageDto ToDto(PractitionerMessage m) => new(
        m.Id.Value, m.PractitionerId.Value, m.Kind.ToCode(), m.Subject, m.Body, m.Priority.ToCode(), m.PatientId?.Value, m.CallbackNumber, m.CallId?.Value,
        m.Medicines, m.Dosage, m.Pharmacy, m.LastConsultation is { } d ? InputParsing.DatePattern.Format(d) : null,
        m.Status.ToCode(), m.CreatedAt, m.CreatedBy, m.DueAt,
        m.ReadAt, m.ReadBy, m.AcknowledgedAt, m.AcknowledgedBy, m.DoneAt, m.DoneBy,
        m.RenotifiedAt, m.EscalatedAt,
        [.. m.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new MessageHistoryDto(h.Action, h.At, h.By, h.Detail))]);
}
