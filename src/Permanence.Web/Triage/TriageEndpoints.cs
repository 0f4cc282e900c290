using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Triage;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Triage;

public sealed record TriageInput(string? Text, string? Specialty, Guid? PracticeId, string? Lang);

public sealed record TriageSignalDto(string RuleId, string Text, int Start, int Length, string Qualifier, string? Urgency);

public sealed record TriageActionDto(string Code, string French, string English);

public sealed record TriageResultDto(string Urgency, string Category, IReadOnlyList<TriageSignalDto> Signals, TriageActionDto Action, string Language, string Specialty);

public sealed record TriageOverrideInput(string? Id, IReadOnlyList<string>? Phrases, string? Urgency, string? Category, string? Language);

public sealed record TriageOverrideDto(string Id, IReadOnlyList<string> Phrases, string Urgency, string? Category, string? Language, Instant CreatedAt, string CreatedBy);

public sealed record TriageServices(PermanenceDbContext Db, TriageEngine Engine, PracticeOverrideCache Overrides, AuditTrail Audit, IAuditActor Actor, IClock Clock);

/// <summary>
/// Urgency triage of what a caller says (<c>POST /api/triage</c>) and each practice's own overrides, which may raise a
/// level but never lower a built-in emergency.
/// </summary>
public static class TriageEndpoints
{
    public const int MaxTextLength = 5000;

    public static IEndpointRouteBuilder MapTriageEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/triage", Evaluate).WithTags("Triage").WithName("Triage")
            .WithSummary("Suggest urgency, category and protocol action for what the caller says").RequireAuthorization(Policies.Staff);
        var practice = routes.MapGroup("/api/practices/{practiceId:guid}/triage-overrides").WithTags("Triage").RequirePracticeScope();
        practice.MapGet("/", List).WithName("ListTriageOverrides").WithSummary("The practice's triage overrides").RequireAuthorization(Policies.Staff);
        practice.MapPost("/", Add).WithName("AddTriageOverride").WithSummary("Add a triage override (may raise, never lower, a built-in emergency)").RequireAuthorization(Policies.PracticeConfiguration);
        practice.MapDelete("/{overrideId}", Delete).WithName("DeleteTriageOverride").WithSummary("Remove a triage override").RequireAuthorization(Policies.PracticeConfiguration);
        return routes;
    }

    private static async Task<Results<Ok<TriageResultDto>, ProblemHttpResult>> Evaluate(TriageInput input, ClaimsPrincipal user, [AsParameters] TriageServices s, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.RequireText("text", input.Text, MaxTextLength);
        errors.Require(input.Lang is null || LanguageDetector.Parse(input.Lang) is not null, "lang", "Expected fr or en.");
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }
        var specialty = SpecialtyCodes.ParseOrGeneral(input.Specialty);
        IReadOnlyList<CompiledPracticeOverride> overrides = [];
        if (input.PracticeId is { } practiceId)
        {
            var id = new PracticeId(practiceId);
            var practice = user.CanSeePractice(id) ? await s.Db.Practices.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) : null;
            if (practice is null)
            {
                return ErrorResults.NotFound("The practice");
            }
            specialty = input.Specialty is null ? practice.Specialty : specialty;
            overrides = await s.Overrides.ForAsync(s.Db, s.Engine, id, ct);
        }
        var result = s.Engine.Evaluate(new TriageRequest(input.Text!, specialty, LanguageDetector.Parse(input.Lang), overrides));
        return TypedResults.Ok(new TriageResultDto(
            result.Urgency.ToCode(),
            result.Category.ToCode(),
            [.. result.Signals.Select(g => new TriageSignalDto(g.RuleId, g.Text, g.Start, g.Length, g.Qualifier.ToCode(), g.Urgency?.ToCode()))],
            new TriageActionDto(result.Action.Code, result.Action.French, result.Action.English),
            result.Language,
            specialty.ToCode()));
    }

    private static async Task<Ok<List<TriageOverrideDto>>> List(Guid practiceId, [AsParameters] TriageServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var rows = await s.Db.TriageOverrides.AsNoTracking().Where(o => o.PracticeId == id).OrderBy(o => o.Code).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(ToDto).ToList());
    }

    private static async Task<Results<Created<TriageOverrideDto>, ProblemHttpResult>> Add(Guid practiceId, TriageOverrideInput input, [AsParameters] TriageServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        var candidate = new PracticeTriageOverride(input.Id ?? "", input.Phrases ?? [], input.Urgency ?? "", input.Category, input.Language);
        var validated = PracticeTriageOverrideValidator.Validate(candidate, s.Engine);
        if (validated.Error is { } error)
        {
            return error.ToProblem();
        }
        if (await s.Db.TriageOverrides.AnyAsync(o => o.PracticeId == id && o.Code == candidate.Id, ct))
        {
            return new ConflictError($"This practice already has an override named '{candidate.Id}'.").ToProblem();
        }
        var row = new StoredTriageOverride
        {
            PracticeId = id,
            Code = candidate.Id,
            Phrases = [.. candidate.Phrases.Select(p => p.Trim())],
            Urgency = candidate.Urgency,
            Category = candidate.Category,
            Language = candidate.Language,
            CreatedAt = s.Clock.GetCurrentInstant(),
            CreatedBy = s.Actor.Name,
        };
        s.Db.TriageOverrides.Add(row);
        s.Audit.Record("triage.override.add", id, "triage_override", row.Code, $"{row.Urgency} {string.Join(" | ", row.Phrases)}");
        await s.Db.SaveChangesAsync(ct);
        s.Overrides.Forget(id);
        return TypedResults.Created($"/api/practices/{practiceId}/triage-overrides/{row.Code}", ToDto(row));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid practiceId, string overrideId, [AsParameters] TriageServices s, CancellationToken ct)
    {
        var id = new PracticeId(practiceId);
        // No override's id holds a control character, and PostgreSQL refuses a NUL even in a lookup.
        var row = ValidationErrors.HasControlCharacter(overrideId) ? null
            : await s.Db.TriageOverrides.SingleOrDefaultAsync(o => o.PracticeId == id && o.Code == overrideId, ct);
        if (row is null)
        {
            return ErrorResults.NotFound("The triage override");
        }
        s.Db.TriageOverrides.Remove(row);
        s.Audit.Record("triage.override.delete", id, "triage_override", row.Code);
        await s.Db.SaveChangesAsync(ct);
        s.Overrides.Forget(id);
        return TypedResults.NoContent();
    }

    private static TriageOverrideDto ToDto(StoredTriageOverride o) => new(o.Code, o.Phrases, o.Urgency, o.Category, o.Language, o.CreatedAt, o.CreatedBy);
}

/// <summary>
/// Compiled overrides per practice, so a triage call does not recompile regular expressions. Entries are keyed by the
/// stored rows' content, so a change made by another node is picked up at the next call.
/// </summary>
public sealed class PracticeOverrideCache
{
    private readonly ConcurrentDictionary<PracticeId, (string Stamp, IReadOnlyList<CompiledPracticeOverride> Compiled)> _cache = new();

    public async Task<IReadOnlyList<CompiledPracticeOverride>> ForAsync(PermanenceDbContext db, TriageEngine engine, PracticeId practice, CancellationToken ct)
    {
        var rows = await db.TriageOverrides.AsNoTracking().Where(o => o.PracticeId == practice).OrderBy(o => o.Code).ToListAsync(ct);
        var stamp = string.Join("\n", rows.Select(r => $"{r.Id}|{r.Urgency}|{r.Category}|{r.Language}|{string.Join("|", r.Phrases)}"));
        if (_cache.TryGetValue(practice, out var cached) && cached.Stamp == stamp)
        {
            return cached.Compiled;
        }
        // Rows were validated when added; one that no longer validates (rules changed since) is left out rather than lowering anything.
        IReadOnlyList<CompiledPracticeOverride> compiled = [.. rows
            .Select(r => PracticeTriageOverrideValidator.Validate(r.ToOverride(), engine))
            .Where(r => r.IsSuccess).Select(r => r.Value!)];
        _cache[practice] = (stamp, compiled);
        return compiled;
    }

    public void Forget(PracticeId practice) => _cache.TryRemove(practice, out _);
}
