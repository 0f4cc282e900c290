using System.Text.RegularExpressions;
using Permanence.Core.Common;
using Permanence.Core.Triage.Text;

namespace Permanence.Core.Triage;

/// <summary>
/// A practice manager's own triage rule, as submitted through the API: plain phrases (not regular expressions),
/// the level and optionally the category they mean in this practice. It may raise urgency, never lower it.
/// </summary>
/// <param name="Id">Short identifier shown in the signals (e.g. "post-cataract").</param>
/// <param name="Phrases">Words or phrases as a caller would say them; matched on normalised text, whole words.</param>
/// <param name="Urgency">Level code: <c>emergency</c>, <c>urgent</c>, <c>same_day</c> or <c>routine</c>.</param>
/// <param name="Category">Optional category code, e.g. <c>results_followup</c>.</param>
/// <param name="Language">Optional "fr" or "en": the override then fires only on text in that language.</param>
public sealed record PracticeTriageOverride(
    string Id,
    IReadOnlyList<string> Phrases,
    string Urgency,
    string? Category = null,
    string? Language = null);

/// <summary>A validated override ready for <see cref="TriageRequest.Overrides"/>.</summary>
public sealed record CompiledPracticeOverride(
    string Id,
    Regex Pattern,
    Urgency Urgency,
    TriageCategory? Category,
    string? Language);

/// <summary>Validates practice overrides against the built-in rules; every problem is reported at once.</summary>
public static partial class PracticeTriageOverrideValidator
{
    private const int MaxPhraseLength = 200;

    public static Result<CompiledPracticeOverride> Validate(PracticeTriageOverride candidate, TriageEngine builtIn)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(builtIn);
        var errors = new ValidationErrors();

        errors.Require(candidate.Id is not null && OverrideId().IsMatch(candidate.Id), "id",
            "The id must be 1–40 letters, digits or hyphens.");
        var urgency = TriageCodes.TryParseUrgency(candidate.Urgency);
        errors.Require(urgency is not null, "urgency",
            $"Unknown urgency '{candidate.Urgency}'; expected one of {string.Join(", ", TriageCodes.UrgencyCodes)}.");
        var category = candidate.Category is null ? null : TriageCodes.TryParseCategory(candidate.Category);
        errors.Require(candidate.Category is null || category is not null, "category",
            $"Unknown category '{candidate.Category}'; expected one of {string.Join(", ", TriageCodes.CategoryCodes)}.");
        var language = LanguageDetector.Parse(candidate.Language);
        errors.Require(candidate.Language is null || language is not null, "language", "The language must be 'fr' or 'en'.");

        var phrases = (candidate.Phrases ?? []).Select(p => TextNormaliser.Normalise(p ?? string.Empty).Text).ToList();
        if (errors.Require(phrases.Count > 0, "phrases", "At least one phrase is needed."))
        {
            for (var i = 0; i < phrases.Count; i++)
            {
                errors.Require(phrases[i].Any(char.IsLetterOrDigit), $"phrases[{i}]", "A phrase cannot be empty.");
                errors.Require((candidate.Phrases![i]?.Length ?? 0) <= MaxPhraseLength, $"phrases[{i}]",
                    $"A phrase is at most {MaxPhraseLength} characters.");
                errors.RequireNoControlCharacters($"phrases[{i}]", candidate.Phrases[i]);
            }
        }

        if (urgency is { } level && urgency < Urgency.Emergency)
        {
            for (var i = 0; i < phrases.Count; i++)
            {
                if (candidate.Phrases![i] is null)
                {
                    continue;
                }
                var builtInResult = builtIn.Evaluate(new TriageRequest(candidate.Phrases[i]));
                if (builtInResult.Urgency == Urgency.Emergency)
                {
                    var rules = string.Join(", ", builtInResult.Signals.Where(s => s.Urgency == Urgency.Emergency).Select(s => s.RuleId));
                    errors.Add($"phrases[{i}]",
                        $"'{candidate.Phrases[i]}' matches the built-in emergency rule {rules}; a practice override may raise, never silently lower, " +
                        $"a built-in emergency (requested '{level.ToCode()}').");
                }
            }
        }

        if (errors.HasErrors)
        {
            return errors.ToError("The triage override is invalid.");
        }
        var alternatives = string.Join("|", phrases.Where(p => p.Length > 0).Select(p => Regex.Escape(p).Replace("\\ ", " ", StringComparison.Ordinal)));
        var pattern = new Regex("(?<![a-z0-9])(?:" + alternatives + ")(?![a-z0-9])",
            RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
        return new CompiledPracticeOverride(candidate.Id!, pattern, urgency!.Value, category, language);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex OverrideId();
}
