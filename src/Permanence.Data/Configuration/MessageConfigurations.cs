using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Permanence.Core.Calls;
using Permanence.Core.Messaging;
using Permanence.Core.Patients;
using Permanence.Core.Practices;
using Permanence.Data.Audit;

namespace Permanence.Data.Configuration;

internal sealed class PractitionerMessageConfiguration : IEntityTypeConfiguration<PractitionerMessage>
{
    public void Configure(EntityTypeBuilder<PractitionerMessage> builder)
    {
        builder.ToTable("practitioner_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Subject).HasMaxLength(CallScript.MaxNameLength);
        builder.Property(m => m.Body).HasMaxLength(CallScript.MaxTextLength);
        builder.Property(m => m.CallbackNumber).HasMaxLength(20);
        builder.Property(m => m.Medicines).HasMaxLength(CallScript.MaxTextLength);
        builder.Property(m => m.Dosage).HasMaxLength(CallScript.MaxTextLength);
        builder.Property(m => m.Pharmacy).HasMaxLength(CallScript.MaxNameLength);
        builder.Property(m => m.CreatedBy).HasMaxLength(ActorNames.MaxLength);
        builder.Property(m => m.ReadBy).HasMaxLength(ActorNames.MaxLength);
        builder.Property(m => m.AcknowledgedBy).HasMaxLength(ActorNames.MaxLength);
        builder.Property(m => m.DoneBy).HasMaxLength(ActorNames.MaxLength);
        builder.Ignore(m => m.NeedsAcknowledgement);
        builder.HasOne<Practice>().WithMany().HasForeignKey(m => m.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Practitioner>().WithMany().HasForeignKey(m => m.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Call>().WithMany().HasForeignKey(m => m.CallId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(m => m.History).WithOne().HasForeignKey(h => h.MessageId).OnDelete(DeleteBehavior.Cascade);
        // The inbox reads open items of one practice; the escalation job reads open items by due time.
        builder.HasIndex(m => new { m.PracticeId, m.Status, m.DueAt });
        builder.HasIndex(m => new { m.Status, m.DueAt });
    }
}

internal sealed class MessageHistoryEntryConfiguration : IEntityTypeConfiguration<MessageHistoryEntry>
{
    public void Configure(EntityTypeBuilder<MessageHistoryEntry> builder)
    {
        builder.ToTable("practitioner_message_history");
        builder.HasKey(h => h.Id);
        // Ids are set by the domain, so an entry found through the message's history is an insert.
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Action).HasMaxLength(32);
        builder.Property(h => h.By).HasMaxLength(ActorNames.MaxLength);
        builder.Property(h => h.Detail).HasMaxLength(PracticeValidation.MaxNameLength);
    }
}
