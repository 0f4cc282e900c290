using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Staff;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Data.Staff;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Staff;

/// <param name="ExpiresAt">Optional: an instant with offset after which the key no longer works.</param>
public sealed record ApiKeyInput(string? Name, string? Role, IReadOnlyList<Guid>? PracticeIds, string? ExpiresAt = null);

public sealed record ApiKeyDto(Guid Id, string Name, string Prefix, string Role, IReadOnlyList<Guid> PracticeIds,
    Instant CreatedAt, Instant? RevokedAt, Instant? LastUsedAt, Instant? ExpiresAt);

/// <summary>The secret appears in this response only; it cannot be read back later.</summary>
public sealed record CreatedApiKeyDto(ApiKeyDto Key, string Secret);

public sealed record ApiKeyServices(PermanenceDbContext Db, AuditTrail Audit, IClock Clock, IHttpContextAccessor Http);

/// <summary>API keys for connectors: create (secret shown once), list, revoke. Administrators only.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/api-keys").WithTags("API keys").RequireAuthorization(Policies.Administration);
        group.MapGet("/", List).WithName("ListApiKeys").WithSummary("API keys (without their secrets)");
        group.MapPost("/", Create).WithName("CreateApiKey").WithSummary("Create an API key; the secret is returned once");
        group.MapPost("/{keyId:guid}/revoke", Revoke).WithName("RevokeApiKey").WithSummary("Revoke an API key at once");
        return routes;
    }

    private static async Task<Ok<List<ApiKeyDto>>> List([AsParameters] ApiKeyServices s, CancellationToken ct)
    {
        var keys = await s.Db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct);
        return TypedResults.Ok(keys.Select(ToDto).ToList());
    }

    private static async Task<Results<Created<CreatedApiKeyDto>, ProblemHttpResult>> Create(ApiKeyInput input, [AsParameters] ApiKeyServices s, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (errors.RequireText("name", input.Name, 100))
        {
            errors.Require(!await s.Db.ApiKeys.AnyAsync(k => k.Name == input.Name!.Trim(), ct), "name", "Another key has this name.");
        }
        var role = StaffRoles.TryParse(input.Role);
        errors.Require(role is not null, "role", $"Expected {string.Join(", ", StaffRoles.All.Select(r => r.ToCode()))}.");
        var practices = (input.PracticeIds ?? []).Distinct().Select(id => new PracticeId(id)).ToList();
        errors.Require(role is StaffRole.Administrator || practices.Count > 0, "practiceIds", "A non-administrator key needs at least one practice.");
        var known = await s.Db.Practices.IgnoreQueryFilters().CountAsync(p => practices.Contains(p.Id), ct);
        errors.Require(known == practices.Count, "practiceIds", "Every practice must exist.");
        var now = s.Clock.GetCurrentInstant();
        var expiresAt = string.IsNullOrWhiteSpace(input.ExpiresAt) ? null : InputParsing.TryOffsetInstant(input.ExpiresAt);
        if (!string.IsNullOrWhiteSpace(input.ExpiresAt)
            && errors.Require(expiresAt is not null, "expiresAt", $"Expected an ISO 8601 instant with offset {InputParsing.InstantRange}, e.g. 2027-06-30T23:59:59+02:00."))
        {
            errors.Require(expiresAt > now, "expiresAt", "The expiry must be in the future.");
        }
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }

        var secret = ApiKeySecrets.NewSecret();
        var key = new ApiKey
        {
            Name = input.Name!.Trim(),
            Prefix = ApiKeySecrets.DisplayPrefix(secret),
            Hash = ApiKeySecrets.Hash(secret),
            Role = role!.Value.ToCode(),
            PracticeIds = practices,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            CreatedBy = s.Http.HttpContext?.User.Identity?.Name ?? "",
        };
        s.Db.ApiKeys.Add(key);
        s.Audit.Record("security.api_key.create", null, "api_key", key.Id.ToString(),
            $"{key.Name} role={key.Role}{(expiresAt is { } until ? $" expires={InstantPattern.ExtendedIso.Format(until)}" : "")}");
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/api-keys/{key.Id}", new CreatedApiKeyDto(ToDto(key), secret));
    }

    private static async Task<Results<Ok<ApiKeyDto>, ProblemHttpResult>> Revoke(Guid keyId, [AsParameters] ApiKeyServices s, CancellationToken ct)
    {
        var key = await s.Db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null)
        {
            return ErrorResults.NotFound("The API key");
        }
        key.RevokedAt ??= s.Clock.GetCurrentInstant();
        s.Audit.Record("security.api_key.revoke", null, "api_key", key.Id.ToString(), key.Name);
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(key));
    }

    private static ApiKeyDto ToDto(ApiKey k) =>
        new(k.Id, k.Name, k.Prefix, k.Role, [.. k.PracticeIds.Select(p => p.Value)], k.CreatedAt, k.RevokedAt, k.LastUsedAt, k.ExpiresAt);
}
