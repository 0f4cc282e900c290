using System.Text.RegularExpressions;
using Permanence.Core.Triage.Text;

namespace Permanence.Core.Triage;

/// <summary>
/// Suggests urgency, category and protocol action for what a caller says, and shows why.
/// Built once from a <see cref="TriageRuleSet"/>; immutable and thread-safe, so one instance serves every call.
/// Safety contract: a qualifier only removes a signal when it clearly applies; a third-party caller or reported speech
/// never lowers urgency; practice overrides only raise it; the category of an explicit administrative request is kept
/// while urgency follows the symptoms.
/// </summary>
public sealed class TriageEngine
{
    /// <summary>Administrative requests that stay the category even when a symptom is mentioned, strongest first.</summary>
    private static readonly TriageCategory[] ExplicitRequests =
    [
        TriageCategory.AppointmentReschedule,
        TriageCategory.AppointmentCancel,
        TriageCategory.ResultsFollowup,
        TriageCategory.Prescription,
        TriageCategory.Billing,
    ];

    private readonly TriageRuleSet _rules;
    private readonly TriggerIndex _triggers;
    private readonly bool _filterByTriggers;

    public TriageEngine(TriageRuleSet rules)
        : this(rules, filterByTriggers: true)
    {
    }

    /// <param name="filterByTriggers">
    /// False runs every expression (rules, cues, qualifiers) on every utterance; tests use it to prove the word filters
    /// never change a result.
    /// </param>
    internal TriageEngine(TriageRuleSet rules, bool filterByTriggers)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        _triggers = new TriggerIndex([.. rules.Branches], filterByTriggers);
        _filterByTriggers = filterByTriggers;
    }

    public TriageRuleSet Rules => _rules;

    /// <summary>An engine over the rule files shipped with Permanence.</summary>
    /// <param name="compiled">See <see cref="TriageRuleSet.Load"/>: true for long-lived hosts, false for a fast start.</param>
    public static TriageEngine CreateDefault(bool compiled = true) => new(TriageRuleSet.LoadBuiltIn(compiled));

    public TriageResult Evaluate(TriageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = TextNormaliser.Normalise(request.Text ?? string.Empty);
        var memo = new QualifierDetector.Memo(text, _filterByTriggers);
        var language = LanguageDetector.Parse(request.Language) ?? LanguageDetector.Detect(text);

        var presentCues = new HashSet<string>(StringComparer.Ordinal);
        var cueSpans = new Dictionary<string, (Cue Cue, SignalQualifier Qualifier)>(StringComparer.Ordinal);
        foreach (var cue in ClinicalCues.Extract(text, _filterByTriggers))
        {
            var qualifier = QualifierDetector.Qualify(memo, cue.Start, cue.End);
            if (!qualifier.Discounts())
            {
                presentCues.Add(cue.Name);
                cueSpans[cue.Name] = (cue, qualifier);
            }
            else
            {
                cueSpans.TryAdd(cue.Name, (cue, qualifier));
            }
        }

        var signals = new List<TriageSignal>();
        var urgency = Urgency.Routine;
        string? emergencyAction = null;
        var clinicalNow = false;
        var onlyAsked = false;

        var runnable = _triggers.Runnable(text);
        foreach (var rule in _rules.Signals)
        {
            if (rule.Pattern?.MayMatch(runnable) == false || !rule.Requires.All(presentCues.Contains))
            {
                continue;
            }
            (int Start, int End, SignalQualifier Qualifier)? found = rule.Pattern is null
                ? (cueSpans[rule.Requires[0]].Cue.Start, cueSpans[rule.Requires[0]].Cue.End, cueSpans[rule.Requires[0]].Qualifier)
                : BestMatch(memo, rule.Pattern.Matches(memo.Text.Text, runnable));
            if (found is not { } hit || (rule.With is not null && !HasCurrentMatch(memo, rule.With.Matches(memo.Text.Text, runnable))))
            {
                continue;
            }

            Urgency? contributes = null;
            if (!hit.Qualifier.Discounts())
            {
                var level = rule.LevelFor(request.Specialty, presentCues);
                contributes = level;
                clinicalNow = true;
                if (level > urgency)
                {
                    urgency = level;
                }
                if (level == Urgency.Emergency && rule.ActionCode is not null)
                {
                    emergencyAction ??= rule.ActionCode;
                }
            }
            else if (hit.Qualifier == SignalQualifier.Hypothetical)
            {
                onlyAsked = true;
            }
            signals.Add(Signal(text, rule.Id, hit, contributes));
        }

        var requested = new HashSet<TriageCategory>();
        foreach (var rule in _rules.Intents)
        {
            // A request about a past event is still a request today: only a denial or a hypothetical cancels it.
            if (BestMatch(memo, rule.Pattern!.Matches(memo.Text.Text, runnable)) is { } hit && hit.Qualifier is not (SignalQualifier.Negated or SignalQualifier.Hypothetical))
            {
                requested.Add(rule.Category);
                signals.Add(Signal(text, rule.Id, hit, null));
            }
        }

        TriageCategory? practiceCategory = null;
        foreach (var practiceRule in request.Overrides ?? [])
        {
            if (practiceRule.Language is not null && practiceRule.Language != language)
            {
                continue;
            }
            if (BestMatch(memo, Matches(practiceRule.Pattern, memo.Text.Text)) is { } hit && !hit.Qualifier.Discounts())
            {
                urgency = practiceRule.Urgency > urgency ? practiceRule.Urgency : urgency;
                practiceCategory ??= practiceRule.Category;
                signals.Add(Signal(text, "PRACTICE-" + practiceRule.Id, hit, practiceRule.Urgency));
            }
        }

        var category = practiceCategory ?? Categorise(requested, clinicalNow, onlyAsked);
        var action = TriageActions.For(urgency, category, emergencyAction);
        return new TriageResult(urgency, category, signals, action, language);
    }

    /// <summary>
    /// Category is what the caller asks for. An explicit request (cancel, reschedule, results, prescription, billing)
    /// stays the category even with a symptom; asking to be seen or for advice about a current symptom is clinical.
    /// </summary>
    private static TriageCategory Categorise(HashSet<TriageCategory> requested, bool clinicalNow, bool onlyAsked)
    {
        foreach (var explicitRequest in ExplicitRequests)
        {
            if (requested.Contains(explicitRequest))
            {
                return explicitRequest;
            }
        }
        if (clinicalNow)
        {
            return TriageCategory.Clinical;
        }
        if (requested.Contains(TriageCategory.AppointmentBook))
        {
            return TriageCategory.AppointmentBook;
        }
        if (requested.Contains(TriageCategory.Information) || onlyAsked)
        {
            return TriageCategory.Information;
        }
        return TriageCategory.Other;
    }

    /// <summary>The first match stated as present, else the first match at all (kept to explain why it was discounted).</summary>
    private static (int Start, int End, SignalQualifier Qualifier)? BestMatch(QualifierDetector.Memo memo, IReadOnlyList<(int Start, int End)> matches)
    {
        (int, int, SignalQualifier)? discounted = null;
        foreach (var (start, end) in matches)
        {
            var qualifier = QualifierDetector.Qualify(memo, start, end);
            if (!qualifier.Discounts())
            {
                return (start, end, qualifier);
            }
            discounted ??= (start, end, qualifier);
        }
        return discounted;
    }

    private static bool HasCurrentMatch(QualifierDetector.Memo memo, IReadOnlyList<(int Start, int End)> matches) =>
        BestMatch(memo, matches) is { } hit && !hit.Qualifier.Discounts();

    private static List<(int Start, int End)> Matches(Regex pattern, string text)
    {
        var matches = new List<(int Start, int End)>();
        foreach (var match in pattern.EnumerateMatches(text))
        {
            matches.Add((match.Index, match.Index + match.Length));
        }
        return matches;
    }

    private static TriageSignal Signal(NormalisedText text, string ruleId, (int Start, int End, SignalQualifier Qualifier) hit, Urgency? urgency)
    {
        var (start, length) = text.ToOriginal(hit.Start, hit.End);
        return new TriageSignal(ruleId, text.Original.Substring(start, length), start, length, hit.Qualifier, urgency);
    }
}
