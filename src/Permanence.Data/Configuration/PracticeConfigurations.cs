using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Permanence.Core.Practices;
using AppointmentType = Permanence.Core.Practices.AppointmentType;

namespace Permanence.Data.Configuration;

internal sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> builder)
    {
        builder.ToTable("practices");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(PracticeValidation.MaxNameLength);
        builder.Property(p => p.GreetingText).HasMaxLength(PracticeValidation.MaxTextLength);
        builder.Property(p => p.Specialty).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.TimeZoneId).HasMaxLength(64);
        builder.Property(p => p.Address).HasMaxLength(PracticeValidation.MaxTextLength);
        builder.Property(p => p.AccessInstructions).HasMaxLength(PracticeValidation.MaxTextLength);
        builder.Property(p => p.RoutineNumber).HasMaxLength(20);
        builder.Property(p => p.UrgentNumber).HasMaxLength(20);
        builder.Property(p => p.AfterHoursForwardNumber).HasMaxLength(20);
        builder.Property(p => p.AfterHoursPolicy).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.QueueOverflow).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(p => p.RoutineNumber).IsUnique();
        builder.HasIndex(p => p.UrgentNumber).IsUnique();
        builder.ComplexProperty(p => p.MessageDelivery);
        builder.Ignore(p => p.TimeZone);
        builder.HasMany(p => p.OpeningHours).WithOne().HasForeignKey(r => r.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Closures).WithOne().HasForeignKey(c => c.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Playbook).WithOne().HasForeignKey(e => e.PracticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OpeningHoursRangeConfiguration : IEntityTypeConfiguration<OpeningHoursRange>
{
    public void Configure(EntityTypeBuilder<OpeningHoursRange> builder)
    {
        builder.ToTable("practice_opening_hours");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Day).HasConversion<int>();
    }
}

internal sealed class PracticeClosureConfiguration : IEntityTypeConfiguration<PracticeClosure>
{
    public void Configure(EntityTypeBuilder<PracticeClosure> builder)
    {
        builder.ToTable("practice_closures");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reason).HasMaxLength(PracticeValidation.MaxNameLength);
        builder.HasIndex(c => new { c.PracticeId, c.FirstDay });
    }
}

internal sealed class PlaybookEntryConfiguration : IEntityTypeConfiguration<PlaybookEntry>
{
    public void Configure(EntityTypeBuilder<PlaybookEntry> builder)
    {
        builder.ToTable("practice_playbook_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Question).HasMaxLength(PracticeValidation.MaxNameLength * 2);
        builder.Property(e => e.Answer).HasMaxLength(PracticeValidation.MaxTextLength);
    }
}

internal sealed class PractitionerConfiguration : IEntityTypeConfiguration<Practitioner>
{
    public void Configure(EntityTypeBuilder<Practitioner> builder)
    {
        builder.ToTable("practitioners");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.DisplayName).HasMaxLength(PracticeValidation.MaxNameLength);
        builder.Property(p => p.Specialty).HasConversion<string>().HasMaxLength(32);
        builder.Property(p => p.Rpps).HasMaxLength(11);
        builder.Property(p => p.UrgentContactNumber).HasMaxLength(20);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.Preferences).HasMaxLength(PracticeValidation.MaxTextLength);
        builder.HasOne<Practice>().WithMany().HasForeignKey(p => p.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.PracticeId);
    }
}

internal sealed class AppointmentTypeConfiguration : IEntityTypeConfiguration<AppointmentType>
{
    public void Configure(EntityTypeBuilder<AppointmentType> builder)
    {
        builder.ToTable("appointment_types");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(PracticeValidation.MaxNameLength);
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.PreparationInstructions).HasMaxLength(PracticeValidation.MaxTextLength);
        builder.PrimitiveCollection(t => t.AllowedPractitioners).ElementType().HasConversion<StronglyTypedIdConverters.PractitionerIdConverter>();
        builder.HasOne<Practice>().WithMany().HasForeignKey(t => t.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.PracticeId);
    }
}
