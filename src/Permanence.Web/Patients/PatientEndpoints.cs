using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Patients;
using Permanence.Core.Practices;
using Permanence.Data;
using Permanence.Data.Audit;
using Permanence.Web.Http;
using Permanence.Web.Security;

namespace Permanence.Web.Patients;

public sealed record PatientDto(Guid Id, string LastName, string FirstName, string BirthDate, string? Phone, string? SecondaryPhone, string? Email, string Notes);

public sealed record PatientServices(PermanenceDbContext Db, AuditTrail Audit, IClock Clock);

/// <summary>Patients of a practice. Every read and write is recorded in the audit trail (who looked at whom).</summary>
public static class PatientEndpoints
{
    private const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapPatientEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/practices/{practiceId:guid}/patients").WithTags("Patients").RequirePracticeScope();
        group.MapGet("/", Search).WithName("SearchPatients").WithSummary("Search patients by name or phone number").RequireAuthorization(Policies.Staff);
        group.MapGet("/{patientId:guid}", Get).WithName("GetPatient").WithSummary("One patient").RequireAuthorization(Policies.Staff);
        group.MapPost("/", Create).WithName("CreatePatient").WithSummary("Create a patient").RequireAuthorization(Policies.Staff);
        group.MapPut("/{patientId:guid}", Update).WithName("UpdatePatient").WithSummary("Update a patient").RequireAuthorization(Policies.Staff);
        return routes;
    }

    private static async Task<Results<Ok<List<PatientDto>>, ProblemHttpResult>> Search(Guid practiceId, string? q, int? limit, [AsParameters] PatientServices s, CancellationToken ct)
    {
        var practice = new PracticeId(practiceId);
        var errors = new ValidationErrors();
        errors.Require(limit is null or >= 1 and <= MaxPageSize, "limit", $"Limit must be between 1 and {MaxPageSize}.");
        errors.RequireNoControlCharacters("q", q);
        if (errors.HasErrors)
        {
            return errors.ToError().ToProblem();
        }
        var query = s.Db.Patients.AsNoTracking().Where(p => p.PracticeId == practice);
        var term = q?.Trim() ?? "";
        if (term.Length > 0)
        {
            if (PhoneNumber.TryParse(term) is { } phone)
            {
                query = query.Where(p => p.Phone == phone.E164 || p.SecondaryPhone == phone.E164);
            }
            else
            {
                var pattern = $"%{term.ToUpperInvariant()}%";
#pragma warning disable CA1304, CA1311 // Translated to SQL UPPER(); it never runs under a .NET culture.
                query = query.Where(p => EF.Functions.Like(p.LastName.ToUpper(), pattern) || EF.Functions.Like(p.FirstName.ToUpper(), pattern));
#pragma warning restore CA1304, CA1311
            }
        }
        var patients = await query.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Take(limit ?? 25).ToListAsync(ct);
        await s.Audit.RecordNowAsync("patient.search", practice, "patient", null, $"{patients.Count} results", ct);
        return TypedResults.Ok(patients.Select(ToDto).ToList());
    }

    private static async Task<Results<Ok<PatientDto>, ProblemHttpResult>> Get(Guid practiceId, Guid patientId, [AsParameters] PatientServices s, CancellationToken ct)
    {
        var patient = await FindAsync(s.Db, practiceId, patientId, ct);
        if (patient is null)
        {
            return ErrorResults.NotFound("The patient");
        }
        await s.Audit.RecordNowAsync("patient.read", patient.PracticeId, "patient", patient.Id.ToString(), cancellationToken: ct);
        return TypedResults.Ok(ToDto(patient));
    }

    private static async Task<Results<Created<PatientDto>, ProblemHttpResult>> Create(Guid practiceId, PatientInput input, [AsParameters] PatientServices s, CancellationToken ct)
    {
        var practice = await s.Db.Practices.AsNoTracking().SingleAsync(p => p.Id == new PracticeId(practiceId), ct);
        var today = s.Clock.GetCurrentInstant().InZone(practice.TimeZone).Date;
        var result = PatientValidation.Apply(input, practice.Id, today);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        var patient = result.Value!;
        patient.CreatedAt = s.Clock.GetCurrentInstant();
        s.Db.Patients.Add(patient);
        s.Audit.Record("patient.create", practice.Id, "patient", patient.Id.ToString());
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/practices/{practiceId}/patients/{patient.Id}", ToDto(patient));
    }

    private static async Task<Results<Ok<PatientDto>, ProblemHttpResult>> Update(Guid practiceId, Guid patientId, PatientInput input, [AsParameters] PatientServices s, CancellationToken ct)
    {
        var patient = await FindAsync(s.Db, practiceId, patientId, ct);
        if (patient is null)
        {
            return ErrorResults.NotFound("The patient");
        }
        var practice = await s.Db.Practices.AsNoTracking().SingleAsync(p => p.Id == patient.PracticeId, ct);
        var result = PatientValidation.Apply(input, practice.Id, s.Clock.GetCurrentInstant().InZone(practice.TimeZone).Date, patient);
        if (result.Error is { } error)
        {
            return error.ToProblem();
        }
        s.Audit.Record("patient.update", practice.Id, "patient", patient.Id.ToString());
        await s.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToDto(patient));
    }

    private static Task<Patient?> FindAsync(PermanenceDbContext db, Guid practiceId, Guid patientId, CancellationToken ct)
    {
        var practice = new PracticeId(practiceId);
        var id = new PatientId(patientId);
        return db.Patients.SingleOrDefaultAsync(p => p.PracticeId == practice && p.Id == id, ct);
    }

    private static PatientDto ToDto(Patient p) => new(
        p.Id.Value, p.LastName, p.FirstName, InputParsing.DatePattern.Format(p.BirthDate), p.Phone, p.SecondaryPhone, p.Email, p.Notes);
}
