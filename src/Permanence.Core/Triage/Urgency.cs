namespace Permanence.Core.Triage;

/// <summary>
/// How soon the caller must be seen or called back; ordered from least to most urgent so levels compare with &lt; and &gt;.
/// </summary>
public enum Urgency
{
    /// <summary>Standard booking.</summary>
    Routine,

    /// <summary>Seen or called back today.</summary>
    SameDay,

    /// <summary>Practitioner or on-call doctor within the hour.</summary>
    Urgent,

    /// <summary>Call 15 (SAMU) or 112 now.</summary>
    Emergency,
}

/// <summary>What the caller asks for; independent of how urgent it is.</summary>
public enum TriageCategory
{
    AppointmentBook,
    AppointmentCancel,
    AppointmentReschedule,
    Information,
    Billing,
    Clinical,
    Prescription,
    ResultsFollowup,
    Other,
}

/// <summary>How the context around a matched signal changes its weight.</summary>
public enum SignalQualifier
{
    /// <summary>Stated as present now.</summary>
    None,

    /// <summary>Explicitly denied ("pas de fièvre", "no chest pain"): ignored.</summary>
    Negated,

    /// <summary>A past episode ("il y a deux ans", "history of"): no weight on today's urgency.</summary>
    History,

    /// <summary>A question about what to do if it happened ("si jamais", "what if"): no weight on today's urgency.</summary>
    Hypothetical,

    /// <summary>A relative's past illness ("mon père a eu un infarctus"): no weight on today's urgency.</summary>
    FamilyHistory,

    /// <summary>Reported by someone else ("il dit qu'il a mal"): keeps its full weight.</summary>
    ReportedSpeech,

    /// <summary>The caller speaks for someone else ("j'appelle pour ma mère"): keeps its full weight.</summary>
    ThirdParty,
}

/// <summary>Snake_case codes of the triage enums, as used by the API, the CLI and the rule files.</summary>
public static class TriageCodes
{
    private static readonly Dictionary<string, Urgency> UrgencyByCode =
        Enum.GetValues<Urgency>().ToDictionary(ToCode, u => u, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, TriageCategory> CategoryByCode =
        Enum.GetValues<TriageCategory>().ToDictionary(ToCode, c => c, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> UrgencyCodes => UrgencyByCode.Keys;

    public static IReadOnlyCollection<string> CategoryCodes => CategoryByCode.Keys;

    public static string ToCode(this Urgency urgency) => urgency switch
    {
        Urgency.Routine => "routine",
        Urgency.SameDay => "same_day",
        Urgency.Urgent => "urgent",
        Urgency.Emergency => "emergency",
        _ => throw new ArgumentOutOfRangeException(nameof(urgency), urgency, null),
    };

    public static string ToCode(this TriageCategory category) => category switch
    {
        TriageCategory.AppointmentBook => "appointment_book",
        TriageCategory.AppointmentCancel => "appointment_cancel",
        TriageCategory.AppointmentReschedule => "appointment_reschedule",
        TriageCategory.Information => "information",
        TriageCategory.Billing => "billing",
        TriageCategory.Clinical => "clinical",
        TriageCategory.Prescription => "prescription",
        TriageCategory.ResultsFollowup => "results_followup",
        TriageCategory.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static string ToCode(this SignalQualifier qualifier) => qualifier switch
    {
        SignalQualifier.None => "none",
        SignalQualifier.Negated => "negated",
        SignalQualifier.History => "history",
        SignalQualifier.Hypothetical => "hypothetical",
        SignalQualifier.FamilyHistory => "family_history",
        SignalQualifier.ReportedSpeech => "reported_speech",
        SignalQualifier.ThirdParty => "third_party",
        _ => throw new ArgumentOutOfRangeException(nameof(qualifier), qualifier, null),
    };

    public static Urgency? TryParseUrgency(string? code) =>
        code is not null && UrgencyByCode.TryGetValue(code.Trim(), out var u) ? u : null;

    public static TriageCategory? TryParseCategory(string? code) =>
        code is not null && CategoryByCode.TryGetValue(code.Trim(), out var c) ? c : null;

    /// <summary>True when the qualifier removes the signal's weight on today's urgency.</summary>
    public static bool Discounts(this SignalQualifier qualifier) =>
        qualifier is SignalQualifier.Negated or SignalQualifier.History
            or SignalQualifier.Hypothetical or SignalQualifier.FamilyHistory;
}
