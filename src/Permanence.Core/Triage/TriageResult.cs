namespace Permanence.Core.Triage;

/// <summary>The engine's suggestion: the secretary decides, and lowering it needs a reason.</summary>
/// <param name="Urgency">Suggested level: the highest level among signals stated as present.</param>
/// <param name="Category">What the caller asks for.</param>
/// <param name="Signals">Every rule that matched, including discounted ones (negated, past…) so the reasoning is visible.</param>
/// <param name="Action">Protocol action for the secretary.</param>
/// <param name="Language">Language of the text ("fr" or "en"), given or detected.</param>
public sealed record TriageResult(
    Urgency Urgency,
    TriageCategory Category,
    IReadOnlyList<TriageSignal> Signals,
    TriageAction Action,
    string Language);

/// <summary>One rule that matched, where, and how its context was read.</summary>
/// <param name="RuleId">Identifier of the rule in the rule files (or of the practice override).</param>
/// <param name="Text">The matched words, as written in the original text.</param>
/// <param name="Start">Offset of the match in the original text (UTF-16 code units).</param>
/// <param name="Length">Length of the match in the original text.</param>
/// <param name="Qualifier">How the context was read; a discounting qualifier leaves the signal without weight.</param>
/// <param name="Urgency">Level this signal contributes after specialty, age and qualifier; null when discounted and for administrative intents.</param>
public sealed record TriageSignal(
    string RuleId,
    string Text,
    int Start,
    int Length,
    SignalQualifier Qualifier,
    Urgency? Urgency);

/// <summary>What the secretary says and does, in French and English.</summary>
/// <param name="Code">Stable action code, e.g. <c>call_samu</c>.</param>
/// <param name="French">Script in French.</param>
/// <param name="English">Script in English.</param>
public sealed record TriageAction(string Code, string French, string English);
