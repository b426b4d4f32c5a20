using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkinProgress.Data.Migrations
{
    /// <summary>
    /// A weekly run writes ~100 KB a user. The chart is a PNG, already deflated: TOAST's pglz compression spent CPU
    /// on it for nothing, so it is stored out of line uncompressed. The HTML, text and JSON compress well, with lz4
    /// at a fraction of pglz's CPU. Rows written before keep their pglz values; both read the same.
    /// </summary>
    public partial class WeeklySummaryStorage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                alter table weekly_summaries
                    alter column chart_png set storage external,
                    alter column html set compression lz4,
                    alter column text set compression lz4,
                    alter column summary set compression lz4;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                alter table weekly_summaries
                    alter column chart_png set storage extended,
                    alter column html set compression default,
                    alter column text set compression default,
                    alter column summary set compression default;
                """);
        }
    }
}
