using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Triage;
using Permanence.Data;

namespace Permanence.Web.Triage;

/// <summary>
/// The triage engine's suggestion for what a caller said to a practice, with the practice's overrides: what the
/// console shows while the secretary types, and what the call record keeps as the level its chosen urgency is compared
/// with.
/// </summary>
public sealed class ReasonTriage(PermanenceDbContext db, PracticeOverrideCache overrides, IServiceProvider services)
{
    public async Task<TriageResult> EvaluateAsync(PracticeId practice, Specialty specialty, string text, CancellationToken ct)
    {
        // Resolved at the first triage rather than when this is built: building the engine compiles every rule.
        var engine = services.GetRequiredService<TriageEngine>();
        var compiled = await overrides.ForAsync(db, engine, practice, ct);
        return engine.Evaluate(new TriageRequest(text, specialty, null, compiled));
    }

    /// <summary>The suggestion in the call record's codes, or null when no reason was recorded yet.</summary>
    public Task<TriageSuggestion?> SuggestForAsync(Practice practice, Call call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        return SuggestForAsync(practice, call.Reason, ct);
    }

    /// <summary>The engine's suggestion for <paramref name="reason"/> told to <paramref name="practice"/>, or null without a reason.</summary>
    public async Task<TriageSuggestion?> SuggestForAsync(Practice practice, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(practice);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return null;
        }
        var result = await EvaluateAsync(practice.Id, practice.Specialty, reason.Trim(), ct);
        return new TriageSuggestion(CallCodes.TryUrgency(result.Urgency.ToCode())!.Value, CallCodes.TryCategory(result.Category.ToCode())!.Value);
    }
}
