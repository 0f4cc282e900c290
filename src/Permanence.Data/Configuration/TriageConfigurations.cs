using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Permanence.Core.Practices;
using Permanence.Core.Triage;

namespace Permanence.Data.Configuration;

internal sealed class StoredTriageOverrideConfiguration : IEntityTypeConfiguration<StoredTriageOverride>
{
    public void Configure(EntityTypeBuilder<StoredTriageOverride> builder)
    {
        builder.ToTable("practice_triage_overrides");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Code).HasMaxLength(40);
        builder.Property(o => o.Urgency).HasMaxLength(16);
        builder.Property(o => o.Category).HasMaxLength(32);
        builder.Property(o => o.Language).HasMaxLength(2);
        builder.Property(o => o.CreatedBy).HasMaxLength(256);
        builder.HasOne<Practice>().WithMany().HasForeignKey(o => o.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.PracticeId, o.Code }).IsUnique();
    }
}
