using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Permanence.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IndexAppointmentsByEnd : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_appointments_PracticeId_Start",
                table: "appointments");

            migrationBuilder.DropIndex(
                name: "IX_appointments_PractitionerId_BlockedStart",
                table: "appointments");

            migrationBuilder.CreateIndex(
                name: "IX_appointments_PracticeId_BlockedEnd",
                table: "appointments",
                columns: new[] { "PracticeId", "BlockedEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_appointments_PractitionerId_BlockedEnd",
                table: "appointments",
                columns: new[] { "PractitionerId", "BlockedEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_appointments_PractitionerId_Held",
                table: "appointments",
                column: "PractitionerId",
                filter: "\"Status\" = 'Held'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_appointments_PracticeId_BlockedEnd",
                table: "appointments");

            migrationBuilder.DropIndex(
                name: "IX_appointments_PractitionerId_BlockedEnd",
                table: "appointments");

            migrationBuilder.DropIndex(
                name: "IX_appointments_PractitionerId_Held",
                table: "appointments");

            migrationBuilder.CreateIndex(
                name: "IX_appointments_PracticeId_Start",
                table: "appointments",
                columns: new[] { "PracticeId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_appointments_PractitionerId_BlockedStart",
                table: "appointments",
                columns: new[] { "PractitionerId", "BlockedStart" });
        }
    }
}
