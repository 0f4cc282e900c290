using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Permanence.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddAcdState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "QueueMaximumWaitSeconds",
                table: "practices",
                type: "INTEGER",
                nullable: false,
                // Hand-edited: existing practices get the model defaults (2 minutes, voicemail → message).
                defaultValue: 120);

            migrationBuilder.AddColumn<string>(
                name: "QueueOverflow",
                table: "practices",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "VoicemailToMessage");

            migrationBuilder.CreateTable(
                name: "acd_agents",
                columns: table => new
                {
                    AgentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Since = table.Column<long>(type: "INTEGER", nullable: false),
                    IdleSince = table.Column<long>(type: "INTEGER", nullable: false),
                    WrapUpUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    CurrentCallId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acd_agents", x => x.AgentId);
                    table.ForeignKey(
                        name: "FK_acd_agents_calls_CurrentCallId",
                        column: x => x.CurrentCallId,
                        principalTable: "calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "acd_calls",
                columns: table => new
                {
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Urgent = table.Column<bool>(type: "INTEGER", nullable: false),
                    EnqueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OfferedTo = table.Column<Guid>(type: "TEXT", nullable: true),
                    RingDeadline = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_acd_calls", x => x.CallId);
                    table.ForeignKey(
                        name: "FK_acd_calls_calls_CallId",
                        column: x => x.CallId,
                        principalTable: "calls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_acd_calls_practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_acd_agents_CurrentCallId",
                table: "acd_agents",
                column: "CurrentCallId");

            migrationBuilder.CreateIndex(
                name: "IX_acd_calls_PracticeId_Urgent_EnqueuedAt",
                table: "acd_calls",
                columns: new[] { "PracticeId", "Urgent", "EnqueuedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "acd_agents");

            migrationBuilder.DropTable(
                name: "acd_calls");

            migrationBuilder.DropColumn(
                name: "QueueMaximumWaitSeconds",
                table: "practices");

            migrationBuilder.DropColumn(
                name: "QueueOverflow",
                table: "practices");
        }
    }
}
