using Permanence.Core.Common;

namespace Permanence.Core.Triage;

/// <summary>What the caller said, as typed by the secretary or transcribed, with the practice's context.</summary>
/// <param name="Text">Free text in French or English.</param>
/// <param name="Specialty">Specialty of the practice called; modifies the weight of some signals.</param>
/// <param name="Language">"fr" or "en"; detected from the text when null.</param>
/// <param name="Overrides">Validated per-practice rules; they can only raise urgency.</param>
public sealed record TriageRequest(
    string Text,
    Specialty Specialty = Specialty.General,
    string? Language = null,
    IReadOnlyList<CompiledPracticeOverride>? Overrides = null);
