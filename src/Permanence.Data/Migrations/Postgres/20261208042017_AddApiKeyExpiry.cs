using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Permanence.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddApiKeyExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Instant>(
                name: "ExpiresAt",
                table: "api_keys",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "api_keys");
        }
    }
}
