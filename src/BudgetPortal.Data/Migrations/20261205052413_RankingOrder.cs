using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <summary>
    /// The ranking's default order (支出总计, largest first, then name and version id: Comparisons/RankingRow.PageAsync)
    /// read from an index, so its first page costs the same however many departments a year has (issue 15:
    /// 20 ms for the 10,002 of a year at 100,004 disclosures without it). The expression is the query's, to
    /// the character. The other sort columns still sort the year's summaries.
    /// </summary>
    public partial class RankingOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_published_summaries_ranking_total
                    ON published_summaries (fiscal_year, (-coalesce(total, -1e18)), department_name, disclosure_id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_published_summaries_ranking_total;");
        }
    }
}
