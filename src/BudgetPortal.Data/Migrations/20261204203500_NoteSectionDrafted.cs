using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <summary>
    /// note_sections.is_drafted: the section is drafted by the portal and follows the tables. Every
    /// section stored so far keeps its text (false): imported and transcribed notes stay as published.
    /// </summary>
    public partial class NoteSectionDrafted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_drafted",
                table: "note_sections",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_drafted",
                table: "note_sections");
        }
    }
}
