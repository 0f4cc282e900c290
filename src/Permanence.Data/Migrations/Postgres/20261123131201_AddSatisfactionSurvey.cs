using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Permanence.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddSatisfactionSurvey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "OffersSatisfactionSurvey",
                table: "practices",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Instant>(
                name: "SatisfactionAnsweredAt",
                table: "calls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SatisfactionChannel",
                table: "calls",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SatisfactionComment",
                table: "calls",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SatisfactionScore",
                table: "calls",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OffersSatisfactionSurvey",
                table: "practices");

            migrationBuilder.DropColumn(
                name: "SatisfactionAnsweredAt",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "SatisfactionChannel",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "SatisfactionComment",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "SatisfactionScore",
                table: "calls");
        }
    }
}
