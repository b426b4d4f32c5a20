using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkinProgress.Data.Migrations
{
    /// <summary>
    /// Profiles stored before the Api refused them: NaN or infinite measurements (which made the user's profile and
    /// export unanswerable), numbered week starts, and zone names that are not places or are misspelt. Each is put
    /// back to what it meant or, where nothing was meant, to the default: the zone folders <c>right/</c> and
    /// <c>posix/</c> hold the same places, doubled slashes name the same file, and Factory, localtime and posixrules
    /// read as UTC on these servers, so stored days keep their dates.
    /// </summary>
    public partial class RepairMeaninglessProfiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                update users set height_cm = null where height_cm in ('NaN', 'Infinity', '-Infinity');
                update users set start_weight_kg = null where start_weight_kg in ('NaN', 'Infinity', '-Infinity');
                update users set goal_weight_kg = null where goal_weight_kg in ('NaN', 'Infinity', '-Infinity');
                update users set week_start = 'Monday'
                    where week_start not in ('Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday');
                update users set time_zone = regexp_replace(regexp_replace(time_zone, '/{2,}', '/', 'g'), '^(right|posix)/', '')
                    where time_zone ~ '/{2,}' or time_zone ~ '^(right|posix)/';
                update users set time_zone = 'UTC' where time_zone in ('Factory', 'localtime', 'posixrules');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The meaningless values are not worth restoring.
        }
    }
}
