using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Core.Staff;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Data.Staff;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Staff;

public sealed record AssignmentInput(Guid PracticeId, int? SkillLevel);

public sealed record StaffInput(string? Email, string? DisplayName, IReadOnlyList<string>? Roles, string? Password,
    string? PreferredLanguage, bool? IsActive, IReadOnlyList<AssignmentInput>? Assignments);

public sealed record AssignmentDto(Guid PracticeId, int SkillLevel);

public sealed record StaffDto(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string PreferredLanguage,
    bool IsActive, bool TwoFactorEnabled, IReadOnlyList<AssignmentDto> Assignments);

public sealed record StaffServices(PermanenceDbContext Db, UserManager<StaffUser> Users, AuditTrail Audit, IClock Clock);

/// <summary>Staff accounts, their roles and practice assignments: administrators only.</summary>
public static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaffEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/staff").WithTags("Staff").RequireAuthorization(Policies.Administration);
        group.MapGet("/", List).WithName("ListStaff").WithSummary("Staff accounts");
        group.MapPost("/", Create).WithName("CreateStaff").WithSummary("Create a staff account");
        group.MapPut("/{staffId:guid}", Update).WithName("UpdateStaff").WithSummary("Update a staff account, its roles and assignments");
        group.MapDelete("/{staffId:guid}", Deactivate).WithName("DeactivateStaff").WithSummary("Deactivate a staff account (it can no longer sign in)");
        return routes;
    }

    private static async Task<Ok<List<StaffDto>>> List([AsParameters] StaffServices s, CancellationToken ct)
    {
        var users = await s.Db.Users.AsNoTracking().Include(u => u.Assignments).OrderBy(u => u.DisplayName).ToListAsync(ct);
        var roles = await RolesByUserAsync(s.Db, ct);
        return TypedResults.Ok(users.Select(u => ToDto(u, roles.GetValueOrDefault(u.Id, []))).ToList());
    }

    private static async Task<Results<Created<StaffDto>, ProblemHttpResult>> Create(StaffInput input, [AsParameters] StaffServices s, CancellationToken ct)
    {
        var errors = await ValidateAsync(input, s.Db, creating: true, ct);
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }
        var user = new StaffUser
        {
            UserName = input.Email!.Trim(),
            Email = input.Email!.Trim(),
            EmailConfirmed = true,
            CreatedAt = s.Clock.GetCurrentInstant(),
        };
        Apply(input, user);
        await using var transaction = await s.Db.Database.BeginTransactionAsync(ct);
        var created = await s.Users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            return IdentityProblem(created, "password");
        }
        var roles = await s.Users.AddToRolesAsync(user, input.Roles!.Select(r => StaffRoles.TryParse(r)!.Value.ToCode()));
        if (!roles.Succeeded)
        {
            return IdentityProblem(roles, "roles");
        }
        s.Audit.Record("staff.create", null, "staff", user.Id.ToString(), $"roles={string.Join(',', input.Roles!)}");
        await s.Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/staff/{user.Id}", ToDto(user, [.. input.Roles!.Select(r => StaffRoles.TryParse(r)!.Value.ToCode())]));
    }

    private static async Task<Results<Ok<StaffDto>, ProblemHttpResult>> Update(Guid staffId, StaffInput input, [AsParameters] StaffServices s, CancellationToken ct)
    {
        var user = await s.Db.Users.Include(u => u.Assignments).SingleOrDefaultAsync(u => u.Id == staffId, ct);
        if (user is null)
        {
            return ErrorResults.NotFound("The staff account");
        }
        var errors = await ValidateAsync(input with { Email = input.Email ?? user.Email }, s.Db, creating: false, ct, staffId);
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }
        await using var transaction = await s.Db.Database.BeginTransactionAsync(ct);
        Apply(input, user);
        if (input.Email is not null && !string.Equals(input.Email.Trim(), user.Email, StringComparison.OrdinalIgnoreCase))
        {
            await s.Users.SetEmailAsync(user, input.Email.Trim());
            await s.Users.SetUserNameAsync(user, input.Email.Trim());
        }
        var wanted = input.Roles!.Select(r => StaffRoles.TryParse(r)!.Value.ToCode()).ToHashSet(StringComparer.Ordinal);
        var current = await s.Users.GetRolesAsync(user);
        await s.Users.RemoveFromRolesAsync(user, current.Where(r => !wanted.Contains(r)));
        await s.Users.AddToRolesAsync(user, wanted.Where(r => !current.Contains(r)));
        if (!string.IsNullOrEmpty(input.Password))
        {
            var reset = await s.Users.RemovePasswordAsync(user);
            var set = reset.Succeeded ? await s.Users.AddPasswordAsync(user, input.Password) : reset;
            if (!set.Succeeded)
            {
                return IdentityProblem(set, "password");
            }
        }
        // Open sessions pick up new roles and assignments, or end, at their next check (Security:SessionRevalidationSeconds).
        await s.Users.UpdateSecurityStampAsync(user);
        s.Audit.Record("staff.update", null, "staff", user.Id.ToString(), $"roles={string.Join(',', wanted)}");
        await s.Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(ToDto(user, [.. wanted]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Deactivate(Guid staffId, [AsParameters] StaffServices s, CancellationToken ct)
    {
        var user = await s.Users.FindByIdAsync(staffId.ToString());
        if (user is null)
        {
            return ErrorResults.NotFound("The staff account");
        }
        user.IsActive = false;
        await s.Users.UpdateSecurityStampAsync(user);
        s.Audit.Record("staff.deactivate", null, "staff", user.Id.ToString());
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ValidationErrors> ValidateAsync(StaffInput input, PermanenceDbContext db, bool creating, CancellationToken ct, Guid? self = null)
    {
        var errors = new ValidationErrors();
        PracticeValidation.OptionalEmail(errors, "email", input.Email);
        errors.Require(!string.IsNullOrWhiteSpace(input.Email), "email", "Required.");
        // Only a well-formed address is looked up: PostgreSQL refuses a NUL even in a query.
        if (!errors.HasErrors)
        {
            var normalized = input.Email!.Trim().ToUpperInvariant();
            errors.Require(!await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != self, ct), "email", "Another account uses this e-mail.");
        }
        errors.RequireText("displayName", input.DisplayName, PracticeValidation.MaxNameLength);
        errors.Require(input.Roles is { Count: > 0 }, "roles", "At least one role is required.");
        errors.Require(input.Roles?.All(r => StaffRoles.TryParse(r) is not null) ?? true, "roles",
            $"Unknown role; expected {string.Join(", ", StaffRoles.All.Select(r => r.ToCode()))}.");
        if (creating)
        {
            errors.Require(!string.IsNullOrEmpty(input.Password), "password", "Required.");
        }
        errors.Require(input.PreferredLanguage is null or "fr" or "en", "preferredLanguage", "Expected fr or en.");
        var assignments = input.Assignments ?? [];
        errors.Require(assignments.All(a => a.SkillLevel is null or >= 1 and <= 3), "assignments", "Skill level must be 1, 2 or 3.");
        errors.Require(assignments.Select(a => a.PracticeId).Distinct().Count() == assignments.Count, "assignments", "A practice is listed twice.");
        var ids = assignments.Select(a => new PracticeId(a.PracticeId)).ToList();
        var known = await db.Practices.IgnoreQueryFilters().CountAsync(p => ids.Contains(p.Id), ct);
        errors.Require(known == ids.Count, "assignments", "Every assigned practice must exist.");
        return errors;
    }

    private static void Apply(StaffInput input, StaffUser user)
    {
        user.DisplayName = input.DisplayName!.Trim();
        user.PreferredLanguage = input.PreferredLanguage ?? user.PreferredLanguage;
        user.IsActive = input.IsActive ?? true;
        user.Assignments.Clear();
        user.Assignments.AddRange((input.Assignments ?? []).Select(a => new StaffPracticeAssignment
        {
            StaffUserId = user.Id,
            PracticeId = new PracticeId(a.PracticeId),
            SkillLevel = a.SkillLevel ?? 1,
        }));
    }

    private static async Task<Dictionary<Guid, List<string>>> RolesByUserAsync(PermanenceDbContext db, CancellationToken ct) =>
        (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct))
        .GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => g.Select(x => x.Name!).ToList());

    private static ProblemHttpResult IdentityProblem(IdentityResult result, string field) =>
        new ValidationError("The account could not be saved.",
            new Dictionary<string, string[]> { [field] = [.. result.Errors.Select(e => e.Description)] }).ToProblem();

    private static StaffDto ToDto(StaffUser u, IReadOnlyList<string> roles) => new(
        u.Id, u.Email ?? "", u.DisplayName, roles, u.PreferredLanguage, u.IsActive, u.TwoFactorEnabled,
        [.. u.Assignments.Select(a => new AssignmentDto(a.PracticeId.Value, a.SkillLevel))]);
}
