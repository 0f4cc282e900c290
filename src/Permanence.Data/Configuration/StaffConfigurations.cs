using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Permanence.Core.Practices;
using Permanence.Data.Audit;
using Permanence.Data.Staff;

namespace Permanence.Data.Configuration;

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(PracticeValidation.MaxNameLength);
        builder.Property(u => u.PreferredLanguage).HasMaxLength(5);
        builder.HasMany(u => u.Assignments).WithOne().HasForeignKey(a => a.StaffUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffPracticeAssignmentConfiguration : IEntityTypeConfiguration<StaffPracticeAssignment>
{
    public void Configure(EntityTypeBuilder<StaffPracticeAssignment> builder)
    {
        builder.ToTable("staff_practice_assignments");
        builder.HasKey(a => new { a.StaffUserId, a.PracticeId });
        builder.HasOne<Practice>().WithMany().HasForeignKey(a => a.PracticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.Property(k => k.Role).HasMaxLength(32);
        builder.Property(k => k.CreatedBy).HasMaxLength(ActorNames.MaxLength);
        builder.PrimitiveCollection(k => k.PracticeIds).ElementType().HasConversion<StronglyTypedIdConverters.PracticeIdConverter>();
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.Name).IsUnique();
    }
}
