using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Permanence.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddScheduling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ClosedOnPublicHolidays",
                table: "practices",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SlotStepMinutes",
                table: "practices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SqueezeInRoles",
                table: "practices",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentTypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: false),
                    BlockedStart = table.Column<long>(type: "INTEGER", nullable: false),
                    BlockedEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HoldExpiresAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IsSqueezeIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    SqueezeInReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CancellationReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RescheduledFromId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appointments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_appointments_appointment_types_AppointmentTypeId",
                        column: x => x.AppointmentTypeId,
                        principalTable: "appointment_types",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_appointments_patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_appointments_practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_appointments_practitioners_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "practitioner_absences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Start = table.Column<long>(type: "INTEGER", nullable: false),
                    End = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_practitioner_absences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_practitioner_absences_practitioners_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "practitioner_extra_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Date = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Start = table.Column<string>(type: "TEXT", nullable: false),
                    End = table.Column<string>(type: "TEXT", nullable: false),
                    Site = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_practitioner_extra_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_practitioner_extra_sessions_practitioners_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "practitioner_weekly_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Start = table.Column<string>(type: "TEXT", nullable: false),
                    End = table.Column<string>(type: "TEXT", nullable: false),
                    Site = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_practitioner_weekly_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_practitioner_weekly_sessions_practitioners_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "waiting_list_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentTypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PatientIsNew = table.Column<bool>(type: "INTEGER", nullable: false),
                    PreferredDays = table.Column<string>(type: "TEXT", nullable: false),
                    PreferredTimes = table.Column<string>(type: "TEXT", nullable: false),
                    Deadline = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_waiting_list_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_waiting_list_requests_appointment_types_AppointmentTypeId",
                        column: x => x.AppointmentTypeId,
                        principalTable: "appointment_types",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_waiting_list_requests_patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "appointment_history",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appointment_history", x => x.Id);
                    table.ForeignKey(
                        name: "FK_appointment_history_appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "waiting_list_proposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentTypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SlotStart = table.Column<long>(type: "INTEGER", nullable: false),
                    SlotEnd = table.Column<long>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    FreedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Closed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_waiting_list_proposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_waiting_list_proposals_waiting_list_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "waiting_list_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_appointment_history_AppointmentId",
                table: "appointment_history",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_appointments_AppointmentTypeId",
                table: "appointments",
                column: "AppointmentTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_appointments_PatientId",
                table: "appointments",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_appointments_PracticeId_Start",
                table: "appointments",
                columns: new[] { "PracticeId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_appointments_PractitionerId_BlockedStart",
                table: "appointments",
                columns: new[] { "PractitionerId", "BlockedStart" });

            migrationBuilder.CreateIndex(
                name: "IX_practitioner_absences_PractitionerId_Start",
                table: "practitioner_absences",
                columns: new[] { "PractitionerId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_practitioner_extra_sessions_PractitionerId_Date",
                table: "practitioner_extra_sessions",
                columns: new[] { "PractitionerId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_practitioner_weekly_sessions_PractitionerId",
                table: "practitioner_weekly_sessions",
                column: "PractitionerId");

            migrationBuilder.CreateIndex(
                name: "IX_waiting_list_proposals_PracticeId_Closed",
                table: "waiting_list_proposals",
                columns: new[] { "PracticeId", "Closed" });

            migrationBuilder.CreateIndex(
                name: "IX_waiting_list_proposals_RequestId",
                table: "waiting_list_proposals",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_waiting_list_requests_AppointmentTypeId",
                table: "waiting_list_requests",
                column: "AppointmentTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_waiting_list_requests_PatientId",
                table: "waiting_list_requests",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_waiting_list_requests_PracticeId_Status",
                table: "waiting_list_requests",
                columns: new[] { "PracticeId", "Status" });

            // Belt and braces behind the serialized booking transaction: SQLite itself refuses an overlapping occupying appointment.
            migrationBuilder.Sql(@"CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments WHEN NEW.""Status"" IN ('Held', 'Booked', 'Completed', 'NoShow') AND NOT NEW.""IsSqueezeIn"" BEGIN SELECT RAISE(ABORT, 'appointments_no_overlap') WHERE EXISTS (SELECT 1 FROM appointments a WHERE a.""PractitionerId"" = NEW.""PractitionerId"" AND a.""Id"" <> NEW.""Id"" AND a.""Status"" IN ('Held', 'Booked', 'Completed', 'NoShow') AND NOT a.""IsSqueezeIn"" AND a.""BlockedStart"" < NEW.""BlockedEnd"" AND NEW.""BlockedStart"" < a.""BlockedEnd""); END;");
            migrationBuilder.Sql(@"CREATE TRIGGER appointments_no_overlap_update BEFORE UPDATE ON appointments WHEN NEW.""Status"" IN ('Held', 'Booked', 'Completed', 'NoShow') AND NOT NEW.""IsSqueezeIn"" BEGIN SELECT RAISE(ABORT, 'appointments_no_overlap') WHERE EXISTS (SELECT 1 FROM appointments a WHERE a.""PractitionerId"" = NEW.""PractitionerId"" AND a.""Id"" <> NEW.""Id"" AND a.""Status"" IN ('Held', 'Booked', 'Completed', 'NoShow') AND NOT a.""IsSqueezeIn"" AND a.""BlockedStart"" < NEW.""BlockedEnd"" AND NEW.""BlockedStart"" < a.""BlockedEnd""); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS appointments_no_overlap_insert;");
            migrationBuilder.Sql(@"DROP TRIGGER IF EXISTS appointments_no_overlap_update;");

            migrationBuilder.DropTable(
                name: "appointment_history");

            migrationBuilder.DropTable(
                name: "practitioner_absences");

            migrationBuilder.DropTable(
                name: "practitioner_extra_sessions");

            migrationBuilder.DropTable(
                name: "practitioner_weekly_sessions");

            migrationBuilder.DropTable(
                name: "waiting_list_proposals");

            migrationBuilder.DropTable(
                name: "appointments");

            migrationBuilder.DropTable(
                name: "waiting_list_requests");

            migrationBuilder.DropColumn(
                name: "ClosedOnPublicHolidays",
                table: "practices");

            migrationBuilder.DropColumn(
                name: "SlotStepMinutes",
                table: "practices");

            migrationBuilder.DropColumn(
                name: "SqueezeInRoles",
                table: "practices");
        }
    }
}
