using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Permanence.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AwaitCallEventDerivation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AwaitingDerivation",
                table: "call_events",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_call_events_awaiting_derivation",
                table: "call_events",
                column: "CallId",
                filter: "\"AwaitingDerivation\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_call_events_awaiting_derivation",
                table: "call_events");

            migrationBuilder.DropColumn(
                name: "AwaitingDerivation",
                table: "call_events");
        }
    }
}
