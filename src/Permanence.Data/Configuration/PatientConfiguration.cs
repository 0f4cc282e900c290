using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Permanence.Core.Patients;
using Permanence.Core.Practices;

namespace Permanence.Data.Configuration;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.ToTable("patients");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.LastName).HasMaxLength(PracticeValidation.MaxNameLength);
        builder.Property(p => p.FirstName).HasMaxLength(PracticeValidation.MaxNameLength);
        builder.Property(p => p.Phone).HasMaxLength(20);
        builder.Property(p => p.SecondaryPhone).HasMaxLength(20);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.Notes).HasMaxLength(PracticeValidation.MaxTextLength);
        builder.HasOne<Practice>().WithMany().HasForeignKey(p => p.PracticeId).OnDelete(DeleteBehavior.Cascade);
        // Caller identification looks patients up by number and by name + birth date within one practice.
        builder.HasIndex(p => new { p.PracticeId, p.Phone });
        builder.HasIndex(p => new { p.PracticeId, p.SecondaryPhone });
        builder.HasIndex(p => new { p.PracticeId, p.LastName, p.BirthDate });
    }
}
