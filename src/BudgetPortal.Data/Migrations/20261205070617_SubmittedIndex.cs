using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <summary>
    /// The versions waiting for review, indexed apart (issue 17): the compliance dashboard's 审核中 and the
    /// reviewers' queue read these few rows, whatever the number of versions in the archive.
    /// </summary>
    public partial class SubmittedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_disclosures_submitted",
                table: "disclosures",
                columns: new[] { "fiscal_year", "submitted_at" },
                filter: "status = 'Submitted'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_disclosures_submitted",
                table: "disclosures");
        }
    }
}
