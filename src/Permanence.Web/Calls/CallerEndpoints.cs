using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Permanence.Core.Calls;
using Permanence.Core.Common;
using Permanence.Core.Practices;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Calls;

/// <summary>A patient who may be the caller, and what matched: phone, secondary_phone or name_and_birth_date.</summary>
public sealed record CallerCandidateDto(Guid PatientId, string LastName, string FirstName, string BirthDate, string? Phone, string? SecondaryPhone, string MatchedOn);

/// <summary>
/// Caller identification: candidate patients by the number calling, or by last name and birth date. Several
/// candidates are normal (homonyms, a family sharing one number); the secretary picks one. Audited as a patient search.
/// </summary>
public static class CallerEndpoints
{
    public static IEndpointRouteBuilder MapCallerEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/practices/{practiceId:guid}").WithTags("Calls").RequirePracticeScope()
            .MapGet("/callers", Identify).WithName("IdentifyCaller")
            .WithSummary("Candidate patients for a caller, by phone number or by last name and birth date").RequireAuthorization(Policies.Staff);
        return routes;
    }

    private static async Task<Results<Ok<List<CallerCandidateDto>>, ProblemHttpResult>> Identify(Guid practiceId, string? phone, string? lastName, string? birthDate,
        CallerIdentification callers, CancellationToken ct)
    {
        var result = await callers.CandidatesAsync(new PracticeId(practiceId), phone, lastName, birthDate, ct);
        return result.Error is null ? TypedResults.Ok(result.Value!) : result.Error!.ToProblem();
    }
}

/// <summary>
/// Candidate patients for a caller, by phone number or by last name and birth date, shared by the API and the
/// console. Several candidates are normal (homonyms, a family sharing one number). Audited as a patient search.
/// </summary>
public sealed class CallerIdentification(PermanenceDbContext db, AuditTrail audit)
{
    private const int MaxCandidates = 20;

    public async Task<Result<List<CallerCandidateDto>>> CandidatesAsync(PracticeId practice, string? phone, string? lastName, string? birthDate, CancellationToken ct)
    {
        var patients = db.Patients.AsNoTracking().Where(p => p.PracticeId == practice);
        List<CallerCandidateDto> candidates;
        if (!string.IsNullOrWhiteSpace(phone))
        {
            if (PhoneNumber.TryParse(phone) is not { } number)
            {
                return ValidationError.For("phone", "A valid phone number is required (E.164 or French national form).");
            }
            var e164 = number.E164;
            var found = await patients.Where(p => p.Phone == e164 || p.SecondaryPhone == e164)
                .OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Take(MaxCandidates).ToListAsync(ct);
            candidates = [.. found.Select(p => ToDto(p, p.Phone == e164 ? "phone" : "secondary_phone"))];
        }
        else
        {
            var errors = new ValidationErrors();
            errors.Require(!string.IsNullOrWhiteSpace(lastName), "lastName", "Give a phone number, or a last name with a birth date.");
            var date = InputParsing.TryDate(birthDate);
            errors.Require(date is not null, "birthDate", "Expected a date as yyyy-MM-dd.");
            if (errors.HasErrors)
            {
                return errors.ToError();
            }
            // The birth date narrows the query; names compare here, ignoring case and accents (Lefèvre = LEFEVRE).
            var sameBirthDate = await patients.Where(p => p.BirthDate == date!.Value).Take(500).ToListAsync(ct);
            var wanted = CallerNames.Normalize(lastName!);
            candidates = [.. sameBirthDate.Where(p => CallerNames.Normalize(p.LastName) == wanted)
                .OrderBy(p => p.FirstName, StringComparer.Ordinal).Take(MaxCandidates).Select(p => ToDto(p, "name_and_birth_date"))];
        }
        await audit.RecordNowAsync("patient.search", practice, "patient", null, $"caller identification, {candidates.Count} candidates", ct);
        return candidates;
    }

    private static CallerCandidateDto ToDto(Core.Patients.Patient p, string matchedOn) =>
        new(p.Id.Value, p.LastName, p.FirstName, InputParsing.DatePattern.Format(p.BirthDate), p.Phone, p.SecondaryPhone, matchedOn);
}
