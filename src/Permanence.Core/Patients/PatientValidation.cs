using NodaTime;
using Permanence.Core.Common;
using Permanence.Core.Practices;

namespace Permanence.Core.Patients;

public sealed record PatientInput(string? LastName, string? FirstName, string? BirthDate, string? Phone, string? SecondaryPhone, string? Email, string? Notes);

/// <summary>Validates patient identity fields; numbers are stored in E.164.</summary>
public static class PatientValidation
{
    public const string PlausibleBirthDate = "The birth date must be in the past 130 years.";

    /// <summary>Whether a person's birth date is in the past 130 years, <paramref name="today"/> being the date in the practice's zone.</summary>
    public static bool IsPlausibleBirthDate(LocalDate birthDate, LocalDate today) => birthDate <= today && birthDate >= today.PlusYears(-130);

    /// <param name="today">The current date in the practice's zone; a birth date may not be after it.</param>
    public static Result<Patient> Apply(PatientInput input, PracticeId practiceId, LocalDate today, Patient? existing = null)
    {
        var errors = new ValidationErrors();
        errors.RequireText("lastName", input.LastName, PracticeValidation.MaxNameLength);
        errors.RequireText("firstName", input.FirstName, PracticeValidation.MaxNameLength);
        var birthDate = InputParsing.TryDate(input.BirthDate);
        if (errors.Require(birthDate is not null, "birthDate", "Expected a date as yyyy-MM-dd."))
        {
            errors.Require(IsPlausibleBirthDate(birthDate!.Value, today), "birthDate", PlausibleBirthDate);
        }
        var phone = PracticeValidation.OptionalPhone(errors, "phone", input.Phone);
        var secondary = PracticeValidation.OptionalPhone(errors, "secondaryPhone", input.SecondaryPhone);
        PracticeValidation.OptionalEmail(errors, "email", input.Email);
        errors.OptionalText("notes", input.Notes, PracticeValidation.MaxTextLength);
        if (errors.HasErrors)
        {
            return errors.ToError();
        }
        var patient = existing ?? new Patient { LastName = "", FirstName = "" };
        patient.PracticeId = practiceId;
        patient.LastName = input.LastName!.Trim();
        patient.FirstName = input.FirstName!.Trim();
        patient.BirthDate = birthDate!.Value;
        patient.Phone = phone?.E164;
        patient.SecondaryPhone = secondary?.E164;
        patient.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        patient.Notes = input.Notes?.Trim() ?? "";
        return patient;
    }
}
