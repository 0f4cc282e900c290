using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Permanence.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "SatisfactionAnsweredAt",
                table: "calls",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SatisfactionChannel",
                table: "calls",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SatisfactionComment",
                table: "calls",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SatisfactionScore",
                table: "calls",
                type: "INTEGER",
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
