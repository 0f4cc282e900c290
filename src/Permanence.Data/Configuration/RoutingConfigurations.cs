using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Permanence.Core.Practices;
using Permanence.Core.Routing;

namespace Permanence.Data.Configuration;

internal sealed class OnCallShiftConfiguration : IEntityTypeConfiguration<StoredOnCallShift>
{
    public void Configure(EntityTypeBuilder<StoredOnCallShift> builder)
    {
        builder.ToTable("on_call_shifts");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Number).HasMaxLength(20);
        builder.Property(s => s.Label).HasMaxLength(200);
        builder.HasOne<Practice>().WithMany().HasForeignKey(s => s.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Practitioner>().WithMany().HasForeignKey(s => s.PractitionerId).OnDelete(DeleteBehavior.SetNull);
        // Routing reads the shifts of one practice around an instant.
        builder.HasIndex(s => new { s.PracticeId, s.Start, s.End });
    }
}
