using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Permanence.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SlotStepMinutes",
                table: "practices",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "SqueezeInRoles",
                table: "practices",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AppointmentTypeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: true),
                    Start = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    BlockedStart = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    BlockedEnd = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HoldExpiresAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    IsSqueezeIn = table.Column<bool>(type: "boolean", nullable: false),
                    SqueezeInReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CancellationReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RescheduledFromId = table.Column<Guid>(type: "uuid", nullable: true),
                    CallId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Start = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Date = table.Column<LocalDate>(type: "date", nullable: false),
                    Start = table.Column<LocalTime>(type: "time", nullable: false),
                    End = table.Column<LocalTime>(type: "time", nullable: false),
                    Site = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<LocalTime>(type: "time", nullable: false),
                    End = table.Column<LocalTime>(type: "time", nullable: false),
                    Site = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    AppointmentTypeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "uuid", nullable: true),
                    PatientIsNew = table.Column<bool>(type: "boolean", nullable: false),
                    PreferredDays = table.Column<int[]>(type: "integer[]", nullable: false),
                    PreferredTimes = table.Column<List<string>>(type: "text[]", nullable: false),
                    Deadline = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AppointmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CallId = table.Column<Guid>(type: "uuid", nullable: true),
                    Detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AppointmentTypeId = table.Column<Guid>(type: "uuid", nullable: false),
                    SlotStart = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    SlotEnd = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    FreedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Closed = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
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

            // No two occupying appointments of one practitioner may overlap, buffers included: the database enforces it.
            migrationBuilder.Sql(@"CREATE EXTENSION IF NOT EXISTS btree_gist;");
            migrationBuilder.Sql(@"ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap EXCLUDE USING gist (""PractitionerId"" WITH =, tstzrange(""BlockedStart"", ""BlockedEnd"", '[)') WITH &&) WHERE (""Status"" IN ('Held', 'Booked', 'Completed', 'NoShow') AND NOT ""IsSqueezeIn"");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(@"ALTER TABLE appointments DROP CONSTRAINT IF EXISTS appointments_no_overlap;");

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
