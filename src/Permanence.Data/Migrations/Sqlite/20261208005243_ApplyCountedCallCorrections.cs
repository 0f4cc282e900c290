using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Permanence.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApplyCountedCallCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PreviousValue",
                table: "call_corrections",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            foreach (var statement in CountedCallCorrectionsSql.Up())
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in CountedCallCorrectionsSql.Down())
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropColumn(
                name: "PreviousValue",
                table: "call_corrections");
        }
    }
}
