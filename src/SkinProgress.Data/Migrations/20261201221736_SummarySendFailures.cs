using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkinProgress.Data.Migrations
{
    /// <summary>
    /// A weekly email that cannot go out (no single mailbox, or refused for good by the SMTP server) is marked with
    /// when and why, for admins, instead of failing its whole send job. Nullable columns: no table rewrite.
    /// </summary>
    public partial class SummarySendFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "send_failed_at",
                table: "weekly_summaries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "send_failure",
                table: "weekly_summaries",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_weekly_summaries_send_failed_at",
                table: "weekly_summaries",
                column: "send_failed_at",
                filter: "send_failed_at is not null");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_weekly_summaries_send_failed_at",
                table: "weekly_summaries");

            migrationBuilder.DropColumn(
                name: "send_failed_at",
                table: "weekly_summaries");

            migrationBuilder.DropColumn(
                name: "send_failure",
                table: "weekly_summaries");
        }
    }
}
