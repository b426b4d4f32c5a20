using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkinProgress.Data.Migrations
{
    /// <inheritdoc />
    public partial class WeeklySummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "unsubscribe_token",
                table: "users",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "unsubscribed_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "weekly_summaries",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    week_start = table.Column<DateOnly>(type: "date", nullable: false),
                    summary = table.Column<string>(type: "jsonb", nullable: false),
                    html = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    chart_png = table.Column<byte[]>(type: "bytea", nullable: false),
                    email_due = table.Column<bool>(type: "boolean", nullable: false),
                    compiled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_weekly_summaries", x => new { x.user_id, x.week_start });
                    table.ForeignKey(
                        name: "FK_weekly_summaries_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Users created before unsubscribe links existed get an unguessable token each (gen_random_uuid is a strong random source).
            migrationBuilder.Sql("update users set unsubscribe_token = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') where unsubscribe_token = ''");

            migrationBuilder.CreateIndex(
                name: "IX_users_unsubscribe_token",
                table: "users",
                column: "unsubscribe_token",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "weekly_summaries");

            migrationBuilder.DropIndex(
                name: "IX_users_unsubscribe_token",
                table: "users");

            migrationBuilder.DropColumn(
                name: "unsubscribe_token",
                table: "users");

            migrationBuilder.DropColumn(
                name: "unsubscribed_at",
                table: "users");
        }
    }
}
