using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;
using Permanence.Core.Calls;
using Permanence.Core.Patients;
using Permanence.Core.Practices;
using Permanence.Core.Quality;
using Permanence.Data.Audit;
using Permanence.Data.Quality;

namespace Permanence.Data.Configuration;

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> builder)
    {
        builder.ToTable("calls");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.ProviderCallId).HasMaxLength(CallEventValidation.MaxIdLength);
        builder.HasIndex(c => c.ProviderCallId).IsUnique();
        builder.Property(c => c.Line).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.FromNumber).HasMaxLength(CallEventValidation.MaxNumberLength);
        builder.Property(c => c.ToNumber).HasMaxLength(CallEventValidation.MaxNumberLength);
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Greeting).HasMaxLength(PracticeValidation.MaxTextLength);
        builder.Property(c => c.CallerName).HasMaxLength(CallScript.MaxNameLength);
        builder.Property(c => c.CallbackNumber).HasMaxLength(20);
        builder.Property(c => c.CallerRelation).HasMaxLength(CallScript.MaxNameLength);
        builder.Property(c => c.Reason).HasMaxLength(CallScript.MaxTextLength);
        builder.Property(c => c.Reformulation).HasMaxLength(CallScript.MaxTextLength);
        builder.Property(c => c.CloseSummary).HasMaxLength(CallScript.MaxTextLength);
        builder.Property(c => c.SuggestedUrgency).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Urgency).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.SuggestedCategory).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.DowngradeReason).HasMaxLength(CallScript.MaxTextLength);
        builder.Property(c => c.Disposition).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.WrappedUpBy).HasMaxLength(ActorNames.MaxLength);
        builder.Property(c => c.RoutingKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.RoutingReason).HasMaxLength(CallScript.MaxTextLength);
        builder.Property(c => c.SatisfactionChannel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.SatisfactionComment).HasMaxLength(SatisfactionSurvey.MaxCommentLength);
        builder.Ignore(c => c.IsWrappedUp);
        builder.Property(c => c.EventsVersion).IsConcurrencyToken();
        builder.HasOne<Practice>().WithMany().HasForeignKey(c => c.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Actions).WithOne().HasForeignKey(a => a.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Corrections).WithOne().HasForeignKey(k => k.CallId).OnDelete(DeleteBehavior.Cascade);
        // The call log reads one practice's calls over a period.
        builder.HasIndex(c => new { c.PracticeId, c.StartedAt });
        // Maintained on save (RepeatCallLinks): the repeat-call figure reads it instead of sorting a period's calls by
        // number; the index serves the relinking of one number's calls.
        builder.Property<Instant?>(RepeatCallLinks.Column);
        builder.HasIndex(c => new { c.PracticeId, c.FromNumber, c.StartedAt });
    }
}

internal sealed class CallEventConfiguration : IEntityTypeConfiguration<CallEvent>
{
    public void Configure(EntityTypeBuilder<CallEvent> builder)
    {
        builder.ToTable("call_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.EventId).HasMaxLength(CallEventValidation.MaxIdLength);
        // Replays of the same provider event are acknowledged and ignored; the index settles concurrent duplicates.
        builder.HasIndex(e => e.EventId).IsUnique();
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.TransferTo).HasMaxLength(CallEventValidation.MaxNumberLength);
        builder.HasOne<Call>().WithMany().HasForeignKey(e => e.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.CallId, e.At });
        // The derivation stage looks for the few events still awaiting it among all the stored ones.
        builder.HasIndex(e => e.CallId).HasFilter("\"AwaitingDerivation\"").HasDatabaseName("IX_call_events_awaiting_derivation");
    }
}

internal sealed class CallActionConfiguration : IEntityTypeConfiguration<CallAction>
{
    public void Configure(EntityTypeBuilder<CallAction> builder)
    {
        builder.ToTable("call_actions");
        builder.HasKey(a => a.Id);
        // Ids are set by the domain, so a new action found through Call.Actions is an insert, not an update.
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.Note).HasMaxLength(CallScript.MaxTextLength);
    }
}

internal sealed class CallCorrectionConfiguration : IEntityTypeConfiguration<CallCorrection>
{
    public void Configure(EntityTypeBuilder<CallCorrection> builder)
    {
        builder.ToTable("call_corrections");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Field).HasMaxLength(32);
        builder.Property(c => c.NewValue).HasMaxLength(CallScript.MaxTextLength);
        builder.Property(c => c.PreviousValue).HasMaxLength(CallScript.MaxTextLength);
        builder.Property(c => c.Reason).HasMaxLength(CallScript.MaxTextLength);
        builder.Property(c => c.By).HasMaxLength(ActorNames.MaxLength);
    }
}
