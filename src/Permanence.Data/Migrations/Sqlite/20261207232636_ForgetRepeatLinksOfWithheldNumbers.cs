using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Permanence.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ForgetRepeatLinksOfWithheldNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A withheld or unreadable caller id ("anonymous", "", a number as typed) is the same text for unrelated
            // callers: only numbers in E.164 form can make a repeat call (RepeatCallers), so the links stored between
            // other ids are forgotten.
            migrationBuilder.Sql("""
                UPDATE "calls" SET "PreviousCallAt" = NULL
                WHERE "PreviousCallAt" IS NOT NULL AND NOT ("FromNumber" GLOB '+[0-9]*' AND substr("FromNumber", 2) NOT GLOB '*[^0-9]*');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Links the other caller ids again, as AddRepeatCallLinks did.
            migrationBuilder.Sql("""
                UPDATE "calls" SET "PreviousCallAt" = (
                    SELECT MAX(p."StartedAt") FROM "calls" AS p
                    WHERE p."PracticeId" = "calls"."PracticeId" AND p."FromNumber" = "calls"."FromNumber" AND p."Outcome" <> 'InProgress'
                        AND (p."StartedAt" < "calls"."StartedAt" OR (p."StartedAt" = "calls"."StartedAt" AND p."Id" < "calls"."Id")))
                WHERE "PracticeId" IS NOT NULL AND NOT ("FromNumber" GLOB '+[0-9]*' AND substr("FromNumber", 2) NOT GLOB '*[^0-9]*');
                """);
        }
    }
}
