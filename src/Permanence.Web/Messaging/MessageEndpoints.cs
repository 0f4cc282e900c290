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

public sealed record MessageServices(PermanenceDbContext Db, AuditTrail Audit, IClock Clock, MessageNotifier Notifier, HttpContext Http)
{
    public string ActorName => Http.User.Identity?.Name ?? "unknown";
}

/// <summary>
/// Messages and tasks for practitioners: created from a call, listed in the inbox (a practitioner sees their own, the
/// secretariat sees the practice's), and moved through read → acknowledged → done. A practitioner reads and moves only
/// their own items; the others answer 404 to them, as if absent. Every change is audited.
/// </summary>
public static class MessageEndpoints
{
    private const int InboxLimit = 500;

    public static IEndpointRouteBuilder MapMessageEndpoints(this IEndpointRouteBuilder routes)
    {
        var practice = routes.MapGroup("/api/practices/{practiceId:guid}").WithTags("Messages").RequirePracticeScope();
        practice.MapPost("/messages", Create).WithName("CreateMessage")
            .WithSummary("Leave a message, prescription renewal request or callback task for a practitioner").RequireAuthorization(Policies.Staff);
        practice.MapGet("/messages/{messageId:guid}", Get).WithName("GetMessage").WithSummary("One message with its history").RequireAuthorization(Policies.Staff);
        practice.MapGet("/inbox", Inbox).WithName("Inbox")
            .WithSummary("Open items, most urgent first: the practitioner's own, or all of the practice for the secretariat").RequireAuthorization(Policies.Staff);
        practice.MapPost("/messages/{messageId:guid}/read", (Guid practiceId, Guid messageId, [AsParameters] MessageServices s, CancellationToken ct) =>
            MoveAsync(practiceId, messageId, MessageStatus.Read, s, ct)).WithName("ReadMessage").WithSummary("Mark an item read").RequireAuthorization(Policies.Staff);
        practice.MapPost("/messages/{messageId:guid}/acknowledge", (Guid practiceId, Guid messageId, [AsParameters] MessageServices s, CancellationToken ct) =>
            MoveAsync(practiceId, messageId, MessageStatus.Acknowledged, s, ct)).WithName("AcknowledgeMessage").WithSummary("Acknowledge an item (stops escalation)").RequireAuthorization(Policies.Staff);
        practice.MapPost("/messages/{messageId:guid}/done", (Guid practiceId, Guid messageId, [AsParameters] MessageServices s, CancellationToken ct) =>
            MoveAsync(practiceId, messageId, MessageStatus.Done, s, ct)).WithName("CompleteMessage").WithSummary("Mark an item done").RequireAuthorization(Policies.Staff);
        return routes;
    }

    private static async Task<Results<Created<MessageDto>, ProblemHttpResult>> Create(Guid practiceId, MessageInput input, [AsParameters] MessageServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var practice = await s.Db.Practices.AsNoTracking().SingleAsync(p => p.Id == id, ct);
        var practitioner = input.PractitionerId is { } pid
            ? await s.Db.Practitioners.AsNoTracking().SingleOrDefaultAsync(p => p.PracticeId == id && p.Id == new PractitionerId(pid) && p.IsActive, ct)
            : null;
        var patientExists = input.PatientId is { } patientId && await s.Db.Patients.AnyAsync(p => p.PracticeId == id && p.Id == new PatientId(patientId), ct);
        var call = input.CallId is { } callId
            ? await s.Db.Calls.SingleOrDefaultAsync(c => c.PracticeId == id && c.Id == new CallId(callId), ct)
            : null;
        var now = s.Clock.GetCurrentInstant();
        var result = MessageValidation.Create(input, new MessageContext(id, practice.TimeZone, practice.MessageDelivery.UrgentAcknowledgementMinutes, now, s.ActorName,
            practitioner is not null, patientExists, call is not null));
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var message = result.Value!;
        s.Db.PractitionerMessages.Add(message);
        if (call is { IsWrappedUp: false })
        {
            call.Actions.Add(new CallAction { CallId = call.Id, Kind = CallActionKind.Message, TargetId = message.Id.Value, Note = message.Kind.ToCode(), At = now });
        }
        s.Audit.Record("message.create", id, "message", message.Id.ToString(), $"{message.Kind.ToCode()} {message.Priority.ToCode()}");
        await s.Db.SaveChangesAsync(ct);

        var channels = await s.Notifier.NotifyPractitionerAsync(message, practitioner!, practice, reminder: false, ct);
        message.Log("notified", s.Clock.GetCurrentInstant(), s.ActorName, channels);
        s.Audit.Record("message.notified", id, "message", message.Id.ToString(), channels);
        await s.Db.SaveChangesAsync(CancellationToken.None);
        return TypedResults.Created($"/api/practices/{practiceId}/messages/{message.Id}", ToDto(message));
    }

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> Get(Guid practiceId, Guid messageId, [AsParameters] MessageServices s, CancellationToken ct)
    {
        var message = await FindVisibleAsync(s, practiceId, messageId, ct);
        if (message is null)
        {
            return ErrorResults.NotFound("The message");
        }
        await s.Audit.RecordNowAsync("message.view", message.PracticeId, "message", message.Id.ToString(), cancellationToken: ct);
        return TypedResults.Ok(ToDto(message));
    }

    private static async Task<Ok<List<MessageDto>>> Inbox(Guid practiceId, bool? includeDone, [AsParameters] MessageServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var query = s.Db.PractitionerMessages.AsNoTracking().Include(m => m.History).Where(m => m.PracticeId == id);
        if (includeDone != true)
        {
            query = query.Where(m => m.Status != MessageStatus.Done);
        }
        if (!SeesWholePractice(s.Http.User))
        {
            var own = await OwnPractitionerIdsAsync(s.Db, s.Http.User, id, ct);
            query = query.Where(m => own.Contains(m.PractitionerId));
        }
        var messages = await query.OrderBy(m => m.DueAt).Take(InboxLimit).ToListAsync(ct);
        await s.Audit.RecordNowAsync("message.inbox", id, "message", null, $"{messages.Count} items", ct);
        // Priority is stored as its name, so the most-urgent-first order is applied here.
        return TypedResults.Ok(messages.OrderByDescending(m => m.Priority).ThenBy(m => m.DueAt).Select(ToDto).ToList());
    }

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> MoveAsync(Guid practiceId, Guid messageId, MessageStatus target, MessageServices s, CancellationToken ct)
    {
        var message = await FindVisibleAsync(s, practiceId, messageId, ct);
        if (message is null)
        {
            return ErrorResults.NotFound("The message");
        }
        var result = MessageLifecycle.MoveTo(message, target, s.Clock.GetCurrentInstant(), s.ActorName);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        if (result.Value)
        {
            s.Audit.Record($"message.{target.ToCode()}", message.PracticeId, "message", message.Id.ToString());
            await s.Db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(ToDto(message));
    }

    /// <summary>Secretaries, supervisors, managers and administrators work the whole practice's items.</summary>
    private static bool SeesWholePractice(ClaimsPrincipal user) =>
        user.IsInRole(StaffRoles.Secretary) || user.IsInRole(StaffRoles.Supervisor) || user.IsInRole(StaffRoles.PracticeManager) || user.IsInRole(StaffRoles.Administrator);

    /// <summary>The practitioners of the practice whose e-mail is the signed-in staff member's.</summary>
    private static async Task<List<PractitionerId>> OwnPractitionerIdsAsync(PermanenceDbContext db, ClaimsPrincipal user, PracticeId practiceId, CancellationToken ct)
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
    private static async Task<PractitionerMessage?> FindVisibleAsync(MessageServices s, Guid practiceId, Guid messageId, CancellationToken ct)
    {
        var practice = new PracticeId(practiceId);
        var id = new MessageId(messageId);
        var message = await s.Db.PractitionerMessages.Include(m => m.History).SingleOrDefaultAsync(m => m.PracticeId == practice && m.Id == id, ct);
        if (message is null || SeesWholePractice(s.Http.User))
        {
            return message;
        }
        var own = await OwnPractitionerIdsAsync(s.Db, s.Http.User, practice, ct);
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
