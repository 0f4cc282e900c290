using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Permanence.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProviderCallId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Line = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    DialedNumberUnknown = table.Column<bool>(type: "boolean", nullable: false),
                    FromNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ToNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StartedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    WaitSeconds = table.Column<int>(type: "integer", nullable: true),
                    TalkSeconds = table.Column<int>(type: "integer", nullable: true),
                    HoldSeconds = table.Column<int>(type: "integer", nullable: false),
                    WrapUpSeconds = table.Column<int>(type: "integer", nullable: true),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Greeting = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    GreetedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    CallerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CallerBirthDate = table.Column<LocalDate>(type: "date", nullable: true),
                    CallbackNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CallerIsPatient = table.Column<bool>(type: "boolean", nullable: true),
                    CallerRelation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: true),
                    IdentifiedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReasonAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    Reformulation = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReformulationConfirmed = table.Column<bool>(type: "boolean", nullable: true),
                    ReformulatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    CloseSummary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClosedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    SuggestedUrgency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    SuggestedCategory = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Urgency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    DowngradeReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    TriagedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    Disposition = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    WrappedUpAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    WrappedUpBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    EventsVersion = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_calls_patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_calls_practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "call_actions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CallId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_call_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_call_actions_calls_CallId",
                        column: x => x.CallId,
                        principalTable: "calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "call_corrections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CallId = table.Column<Guid>(type: "uuid", nullable: false),
                    Field = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    NewValue = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_call_corrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_call_corrections_calls_CallId",
                        column: x => x.CallId,
                        principalTable: "calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "call_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    CallId = table.Column<Guid>(type: "uuid", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: true),
                    TransferTo = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_call_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_call_events_calls_CallId",
                        column: x => x.CallId,
                        principalTable: "calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "practitioner_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PractitionerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: true),
                    CallbackNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CallId = table.Column<Guid>(type: "uuid", nullable: true),
                    Medicines = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Dosage = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Pharmacy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LastConsultation = table.Column<LocalDate>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    ReadBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AcknowledgedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DoneAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    DoneBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RenotifiedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_practitioner_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_practitioner_messages_calls_CallId",
                        column: x => x.CallId,
                        principalTable: "calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_practitioner_messages_patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_practitioner_messages_practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_practitioner_messages_practitioners_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "practitioner_message_history",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_practitioner_message_history", x => x.Id);
                    table.ForeignKey(
                        name: "FK_practitioner_message_history_practitioner_messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "practitioner_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_call_actions_CallId",
                table: "call_actions",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_call_corrections_CallId",
                table: "call_corrections",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_call_events_CallId_At",
                table: "call_events",
                columns: new[] { "CallId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_call_events_EventId",
                table: "call_events",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_calls_PatientId",
                table: "calls",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_calls_PracticeId_StartedAt",
                table: "calls",
                columns: new[] { "PracticeId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_calls_ProviderCallId",
                table: "calls",
                column: "ProviderCallId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_practitioner_message_history_MessageId",
                table: "practitioner_message_history",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_practitioner_messages_CallId",
                table: "practitioner_messages",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_practitioner_messages_PatientId",
                table: "practitioner_messages",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_practitioner_messages_PracticeId_Status_DueAt",
                table: "practitioner_messages",
                columns: new[] { "PracticeId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_practitioner_messages_PractitionerId",
                table: "practitioner_messages",
                column: "PractitionerId");

            migrationBuilder.CreateIndex(
                name: "IX_practitioner_messages_Status_DueAt",
                table: "practitioner_messages",
                columns: new[] { "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "call_actions");

            migrationBuilder.DropTable(
                name: "call_corrections");

            migrationBuilder.DropTable(
                name: "call_events");

            migrationBuilder.DropTable(
                name: "practitioner_message_history");

            migrationBuilder.DropTable(
                name: "practitioner_messages");

            migrationBuilder.DropTable(
                name: "calls");
        }
    }
}
