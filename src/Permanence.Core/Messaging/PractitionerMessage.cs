using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Common;

namespace Permanence.Core.Messaging;

/// <summary>Identifies a message or task left for a practitioner.</summary>
public readonly record struct MessageId(Guid Value)
{
    public static MessageId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>What a call produced for a practitioner.</summary>
public enum MessageKind
{
    /// <summary>A message to read (message au praticien).</summary>
    Message,

    /// <summary>A prescription renewal request (renouvellement d'ordonnance).</summary>
    PrescriptionRenewal,

    /// <summary>A patient to call back about results or follow-up.</summary>
    ResultsCallback,

    /// <summary>A patient to call back.</summary>
    Callback,
}

/// <summary>Where an item is in its life: new → read → acknowledged → done; it never goes back.</summary>
public enum MessageStatus
{
    New,
    Read,
    Acknowledged,
    Done,
}

/// <summary>
/// A message or task for a practitioner, usually produced by a call. Urgent and emergency items must be acknowledged
/// by their due time or they escalate (see <see cref="MessageEscalationRules"/>).
/// </summary>
public sealed class PractitionerMessage
{
    public MessageId Id { get; init; } = MessageId.New();
    public PracticeId PracticeId { get; set; }

    /// <summary>The owner: the practitioner who must deal with it.</summary>
    public PractitionerId PractitionerId { get; set; }

    public MessageKind Kind { get; set; }
    public required string Subject { get; set; }
    public string Body { get; set; } = "";
    public UrgencyLevel Priority { get; set; }
    public PatientId? PatientId { get; set; }

    /// <summary>E.164 number to call back.</summary>
    public string? CallbackNumber { get; set; }

    public CallId? CallId { get; set; }

    /// <summary>Prescription renewal: the medicines and dosage as the caller said them, the pharmacy, the last visit.</summary>
    public string? Medicines { get; set; }

    public string? Dosage { get; set; }
    public string? Pharmacy { get; set; }
    public LocalDate? LastConsultation { get; set; }

    public MessageStatus Status { get; set; }
    public Instant CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    /// <summary>When it must be acknowledged (urgent, emergency) or dealt with (same day, routine).</summary>
    public Instant DueAt { get; set; }

    public Instant? ReadAt { get; set; }
    public string? ReadBy { get; set; }
    public Instant? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public Instant? DoneAt { get; set; }
    public string? DoneBy { get; set; }

    /// <summary>When the practitioner was notified again because the item was still unacknowledged at its due time.</summary>
    public Instant? RenotifiedAt { get; set; }

    /// <summary>When the practice's supervisors were alerted.</summary>
    public Instant? EscalatedAt { get; set; }

    public List<MessageHistoryEntry> History { get; set; } = [];

    public bool NeedsAcknowledgement => Priority is UrgencyLevel.Urgent or UrgencyLevel.Emergency;

    /// <summary>A callback is a task (someone must call the patient), where other kinds are messages to read.</summary>
    public CallActionKind CallAction => Kind is MessageKind.Callback or MessageKind.ResultsCallback ? CallActionKind.Task : CallActionKind.Message;

    public void Log(string action, Instant at, string by, string detail = "") =>
        History.Add(new MessageHistoryEntry { MessageId = Id, Action = action, At = at, By = by, Detail = detail });
}

/// <summary>One step in a message's life (created, notified, read, acknowledged, done, renotified, escalated).</summary>
public sealed class MessageHistoryEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public MessageId MessageId { get; set; }
    public required string Action { get; init; }
    public Instant At { get; init; }
    public required string By { get; init; }

    /// <summary>Channels or codes; never a name or a number.</summary>
    public string Detail { get; init; } = "";
}
