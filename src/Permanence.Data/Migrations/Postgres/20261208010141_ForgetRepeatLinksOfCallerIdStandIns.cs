using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Permanence.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ForgetRepeatLinksOfCallerIdStandIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CallerIdStandInLinksSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CallerIdStandInLinksSql.Down);
        }
    }
}
