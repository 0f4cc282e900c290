using NodaTime;
using Permanence.Core.Common;

namespace Permanence.Core.Practices;

/// <summary>A medical or paramedical practice (cabinet) served by the secretariat; the tenant boundary.</summary>
public sealed class Practice
{
    /// <summary>The longest secretary's name filled into a greeting; the greeting step refuses a longer one.</summary>
    public const int MaxSecretaryNameLength = 200;

    public PracticeId Id { get; init; } = PracticeId.New();
    public required string Name { get; set; }

    /// <summary>Greeting read aloud by the secretary; may use {practice} and {secretary} placeholders.</summary>
    public required string GreetingText { get; set; }

    public Specialty Specialty { get; set; }

    /// <summary>IANA zone id (Europe/Paris, America/Martinique); every rule a person states is read in this zone.</summary>
    public required string TimeZoneId { get; set; }

    public string Address { get; set; } = "";
    public string AccessInstructions { get; set; } = "";

    /// <summary>The routine line patients dial, E.164.</summary>
    public required string RoutineNumber { get; set; }

    /// <summary>Optional dedicated urgent line (ligne urgences), E.164; its calls get strict queue priority.</summary>
    public string? UrgentNumber { get; set; }

    public AfterHoursPolicy AfterHoursPolicy { get; set; } = AfterHoursPolicy.VoicemailToMessage;

    /// <summary>Number the after-hours forward dials when the roster has nobody (médecin de garde, SOS Médecins), E.164.</summary>
    public string? AfterHoursForwardNumber { get; set; }

    /// <summary>Longest wait in the secretariat's line before a call overflows (seconds).</summary>
    public int QueueMaximumWaitSeconds { get; set; } = PracticeValidation.DefaultQueueWaitSeconds;

    /// <summary>What becomes of a call that waited <see cref="QueueMaximumWaitSeconds"/> without a secretary.</summary>
    public QueueOverflowPolicy QueueOverflow { get; set; } = QueueOverflowPolicy.VoicemailToMessage;

    /// <summary>Observe the two extra public holidays of Alsace-Moselle (Good Friday, 26 December).</summary>
    public bool ObservesAlsaceMosellePublicHolidays { get; set; }

    /// <summary>Whether appointments are refused on public holidays (the default).</summary>
    public bool ClosedOnPublicHolidays { get; set; } = true;

    /// <summary>
    /// Whether callers are offered the post-call satisfaction survey: a 1–5 keypad question once the secretary hangs
    /// up, and a signed link by e-mail to an identified patient.
    /// </summary>
    public bool OffersSatisfactionSurvey { get; set; }

    /// <summary>
    /// Roles (StaffRoles codes) allowed to squeeze an urgent patient in over existing appointments; empty (the
    /// default) means the practice allows no squeeze-in.
    /// </summary>
    public List<string> SqueezeInRoles { get; set; } = [];

    /// <summary>Minutes between two candidate appointment starts; null means each type's own duration.</summary>
    public int? SlotStepMinutes { get; set; }

    public List<string> DocumentsToBring { get; set; } = [];
    public MessageDeliveryPreferences MessageDelivery { get; set; } = new();

    public List<OpeningHoursRange> OpeningHours { get; set; } = [];
    public List<PracticeClosure> Closures { get; set; } = [];
    public List<PlaybookEntry> Playbook { get; set; } = [];

    public Instant CreatedAt { get; set; }

    public DateTimeZone TimeZone => TimeZones.TryGet(TimeZoneId)
        ?? throw new InvalidOperationException($"Practice {Id} has an unknown time zone '{TimeZoneId}'.");

    /// <summary>The greeting with its placeholders filled in.</summary>
    public string RenderGreeting(string secretaryName) => RenderGreeting(GreetingText, Name, secretaryName);

    /// <summary><paramref name="greetingText"/> with {practice} and {secretary} filled in.</summary>
    public static string RenderGreeting(string greetingText, string practiceName, string secretaryName) => greetingText
        .Replace("{practice}", practiceName, StringComparison.Ordinal)
        .Replace("{secretary}", secretaryName, StringComparison.Ordinal);
}

/// <summary>What happens to calls outside opening hours (hors heures d'ouverture).</summary>
public enum AfterHoursPolicy
{
    /// <summary>The automated assistant handles administrative requests; anything clinical goes to a human or to 15.</summary>
    AutomatedAssistant,

    /// <summary>Voicemail, turned into a message for the next working morning.</summary>
    VoicemailToMessage,

    /// <summary>Forward to the on-call practitioner or external on-call number.</summary>
    ForwardToOnCall,

    /// <summary>An announcement pointing to 15 / 112 for emergencies, then hang up.</summary>
    EmergencyAnnouncement,
}

/// <summary>What happens to a call that waited too long in the secretariat's line (débordement).</summary>
public enum QueueOverflowPolicy
{
    /// <summary>The caller is offered the voicemail; the practice gets a message.</summary>
    VoicemailToMessage,

    /// <summary>The caller is told they will be called back; a callback task is created for the practice.</summary>
    CallbackTask,
}

/// <summary>How a practice wants messages delivered to its practitioners.</summary>
public sealed class MessageDeliveryPreferences
{
    /// <summary>E-mail messages to the practitioner as well as showing them in the inbox.</summary>
    public bool ByEmail { get; set; } = true;

    /// <summary>Text the practitioner's urgent contact number for urgent and emergency items.</summary>
    public bool UrgentBySms { get; set; } = true;

    /// <summary>Minutes within which an urgent item must be acknowledged before it escalates.</summary>
    public int UrgentAcknowledgementMinutes { get; set; } = 15;

    /// <summary>Optional shared mailbox of the practice (secrétariat du cabinet).</summary>
    public string? PracticeEmail { get; set; }
}

/// <summary>One weekly opening range, in the practice's time zone: Tuesday 08:30–12:00.</summary>
public sealed class OpeningHoursRange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public PracticeId PracticeId { get; set; }
    public IsoDayOfWeek Day { get; set; }
    public LocalTime Start { get; set; }
    public LocalTime End { get; set; }
}

/// <summary>A dated closure (congés, fermeture exceptionnelle), inclusive of both dates, in the practice's zone.</summary>
public sealed class PracticeClosure
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public PracticeId PracticeId { get; set; }
    public LocalDate FirstDay { get; set; }
    public LocalDate LastDay { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>A question callers ask and the answer the secretary gives (FAQ of the practice's playbook).</summary>
public sealed class PlaybookEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public PracticeId PracticeId { get; set; }
    public required string Question { get; set; }
    public required string Answer { get; set; }
    public int Order { get; set; }
}
