using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkinProgress.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeviceLastImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_import_at",
                table: "devices",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_import_at",
                table: "devices");
        }
    }
}
