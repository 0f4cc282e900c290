using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Permanence.Core.Patients;
using Permanence.Core.Practices;
using Permanence.Core.Scheduling;
using AppointmentType = Permanence.Core.Practices.AppointmentType;

namespace Permanence.Data.Configuration;

internal sealed class StoredAppointmentConfiguration : IEntityTypeConfiguration<StoredAppointment>
{
    public const string Table = "appointments";

    /// <summary>The PostgreSQL exclusion constraint that makes a double booking impossible (see the AddScheduling migration).</summary>
    public const string NoOverlapConstraint = "appointments_no_overlap";

    public void Configure(EntityTypeBuilder<StoredAppointment> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.SqueezeInReason).HasMaxLength(PracticeValidation.MaxTextLength);
        builder.Property(a => a.Notes).HasMaxLength(PracticeValidation.MaxTextLength);
        builder.Property(a => a.CancellationReason).HasMaxLength(PracticeValidation.MaxTextLength);
        builder.Property(a => a.CreatedBy).HasMaxLength(256);
        builder.Ignore(a => a.Time);
        builder.Ignore(a => a.BlockedRange);
        builder.HasOne<Practice>().WithMany().HasForeignKey(a => a.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Practitioner>().WithMany().HasForeignKey(a => a.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppointmentType>().WithMany().HasForeignKey(a => a.AppointmentTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Restrict);
        // Overlap reads (BlockedStart < to AND BlockedEnd > from) range over the end: an index on the start would read a
        // practitioner's or practice's whole past before the window, years of appointments (bench/RESULTS.md, bookings).
        builder.HasIndex(a => new { a.PractitionerId, a.BlockedEnd });
        builder.HasIndex(a => new { a.PracticeId, a.BlockedEnd });
        // Every write expires a practitioner's lapsed holds first; only held rows are in this index, so it stays tiny.
        builder.HasIndex(a => a.PractitionerId, "IX_appointments_PractitionerId_Held").HasFilter("\"Status\" = 'Held'");
        builder.HasIndex(a => a.PatientId);
    }
}

internal sealed class AppointmentHistoryEntryConfiguration : IEntityTypeConfiguration<AppointmentHistoryEntry>
{
    public void Configure(EntityTypeBuilder<AppointmentHistoryEntry> builder)
    {
        builder.ToTable("appointment_history");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Action).HasMaxLength(32);
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.Detail).HasMaxLength(PracticeValidation.MaxTextLength);
        builder.HasOne<StoredAppointment>().WithMany().HasForeignKey(e => e.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.AppointmentId);
    }
}

internal sealed class StoredWeeklySessionConfiguration : IEntityTypeConfiguration<StoredWeeklySession>
{
    public void Configure(EntityTypeBuilder<StoredWeeklySession> builder)
    {
        builder.ToTable("practitioner_weekly_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Day).HasConversion<int>();
        builder.Property(s => s.Site).HasMaxLength(PracticeValidation.MaxNameLength);
        builder.HasOne<Practitioner>().WithMany().HasForeignKey(s => s.PractitionerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.PractitionerId);
    }
}

internal sealed class StoredExtraSessionConfiguration : IEntityTypeConfiguration<StoredExtraSession>
{
    public void Configure(EntityTypeBuilder<StoredExtraSession> builder)
    {
        builder.ToTable("practitioner_extra_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Site).HasMaxLength(PracticeValidation.MaxNameLength);
        builder.HasOne<Practitioner>().WithMany().HasForeignKey(s => s.PractitionerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.PractitionerId, s.Date });
    }
}

internal sealed class PractitionerAbsenceConfiguration : IEntityTypeConfiguration<PractitionerAbsence>
{
    public void Configure(EntityTypeBuilder<PractitionerAbsence> builder)
    {
        builder.ToTable("practitioner_absences");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Reason).HasMaxLength(PracticeValidation.MaxNameLength);
        builder.HasOne<Practitioner>().WithMany().HasForeignKey(a => a.PractitionerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.PractitionerId, a.Start });
    }
}

internal sealed class WaitingListRequestConfiguration : IEntityTypeConfiguration<WaitingListRequest>
{
    public void Configure(EntityTypeBuilder<WaitingListRequest> builder)
    {
        builder.ToTable("waiting_list_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Notes).HasMaxLength(PracticeValidation.MaxTextLength);
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.PrimitiveCollection(r => r.PreferredDays).ElementType().HasConversion<int>();
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppointmentType>().WithMany().HasForeignKey(r => r.AppointmentTypeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PracticeId, r.Status });
    }
}

internal sealed class WaitingListProposalConfiguration : IEntityTypeConfiguration<WaitingListProposal>
{
    public void Configure(EntityTypeBuilder<WaitingListProposal> builder)
    {
        builder.ToTable("waiting_list_proposals");
        builder.HasKey(p => p.Id);
        builder.HasOne<WaitingListRequest>().WithMany().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.PracticeId, p.Closed });
    }
}
