using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Permanence.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRepeatCallLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PreviousCallAt",
                table: "calls",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_calls_PracticeId_FromNumber_StartedAt",
                table: "calls",
                columns: new[] { "PracticeId", "FromNumber", "StartedAt" });

            // Backfill: each call's previous finished call of the same number to the same practice (ties by id), as
            // RepeatCallLinks maintains it from now on.
            migrationBuilder.Sql("""
                UPDATE "calls" SET "PreviousCallAt" = (
                    SELECT MAX(p."StartedAt") FROM "calls" AS p
                    WHERE p."PracticeId" = "calls"."PracticeId" AND p."FromNumber" = "calls"."FromNumber" AND p."Outcome" <> 'InProgress'
                        AND (p."StartedAt" < "calls"."StartedAt" OR (p."StartedAt" = "calls"."StartedAt" AND p."Id" < "calls"."Id")))
                WHERE "PracticeId" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_calls_PracticeId_FromNumber_StartedAt",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "PreviousCallAt",
                table: "calls");
        }
    }
}
