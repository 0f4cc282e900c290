using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Permanence.Core.Calls;
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

internal sealed class AcdAgentConfiguration : IEntityTypeConfiguration<StoredAcdAgent>
{
    public void Configure(EntityTypeBuilder<StoredAcdAgent> builder)
    {
        builder.ToTable("acd_agents");
        builder.HasKey(a => a.AgentId);
        builder.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Call>().WithMany().HasForeignKey(a => a.CurrentCallId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AcdCallConfiguration : IEntityTypeConfiguration<StoredAcdCall>
{
    public void Configure(EntityTypeBuilder<StoredAcdCall> builder)
    {
        builder.ToTable("acd_calls");
        builder.HasKey(c => c.CallId);
        builder.HasOne<Call>().WithMany().HasForeignKey(c => c.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Practice>().WithMany().HasForeignKey(c => c.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PracticeId, c.Urgent, c.EnqueuedAt });
    }
}
