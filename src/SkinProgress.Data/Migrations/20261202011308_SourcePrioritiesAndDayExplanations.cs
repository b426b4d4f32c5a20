using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkinProgress.Data.Migrations
{
    /// <summary>
    /// users.source_priorities: the source order a user set per data type (null keeps the defaults).
    /// daily_totals.explanation: which sources a day counted for what and which events it merged, stored with the
    /// totals by the recompute that derived them, so reading days and the week's merge line costs no recompute.
    /// </summary>
    public partial class SourcePrioritiesAndDayExplanations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "source_priorities",
                table: "users",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "explanation",
                table: "daily_totals",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "source_priorities",
                table: "users");

            migrationBuilder.DropColumn(
                name: "explanation",
                table: "daily_totals");
        }
    }
}
