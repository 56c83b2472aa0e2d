using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <summary>
    /// The drafted sections of drafts made in the portal before note_sections.is_drafted existed were
    /// drafted by the portal (the notes form drafts them from the tables): they follow the tables from
    /// now on. Imported drafts (with a source document) and everything submitted or published keep
    /// their text.
    /// </summary>
    public partial class PortalDraftedNoteSections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE note_sections AS n SET is_drafted = true
                FROM disclosures AS d
                WHERE n.disclosure_id = d.id
                  AND d.status IN ('Draft', 'Returned')
                  AND d.source_document IS NULL
                  AND n.key IN ('1', '2', '3', '4', '5.1', '5.2', '5.3', '6', '7', '10', '11', '12.1', '12.4');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
