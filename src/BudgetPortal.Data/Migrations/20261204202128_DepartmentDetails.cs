using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BudgetPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class DepartmentDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "departments",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<int>(
                name: "parent_id",
                table: "departments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "region",
                table: "departments",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "short_name",
                table: "departments",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit_type",
                table: "departments",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_departments_parent_id",
                table: "departments",
                column: "parent_id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_departments_not_own_parent",
                table: "departments",
                sql: "parent_id IS NULL OR parent_id <> id");

            migrationBuilder.AddCheckConstraint(
                name: "ck_departments_unit_type",
                table: "departments",
                sql: "unit_type IS NULL OR unit_type IN ('Administrative', 'Institution', 'CivilServiceInstitution')");

            migrationBuilder.AddForeignKey(
                name: "fk_departments_departments_parent_id",
                table: "departments",
                column: "parent_id",
                principalTable: "departments",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // 主管部门 and its units: one level deep, so no cycle can form. The domain refuses the same;
            // this keeps any other writer (or two administrators at once) from building a deeper tree.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_nested_department() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.parent_id IS NOT NULL THEN
                        IF EXISTS (SELECT 1 FROM departments WHERE id = NEW.parent_id AND parent_id IS NOT NULL) THEN
                            RAISE EXCEPTION '主管部门（编号 %）本身是另一个部门的下属单位。', NEW.parent_id
                                USING ERRCODE = 'BP003';
                        END IF;
                        IF EXISTS (SELECT 1 FROM departments WHERE parent_id = NEW.id) THEN
                            RAISE EXCEPTION '部门（编号 %）已有下属单位，不能再归入另一个主管部门。', NEW.id
                                USING ERRCODE = 'BP003';
                        END IF;
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER departments_one_level
                    BEFORE INSERT OR UPDATE OF parent_id ON departments
                    FOR EACH ROW EXECUTE FUNCTION refuse_nested_department();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS departments_one_level ON departments;
                DROP FUNCTION IF EXISTS refuse_nested_department();
                """);

            migrationBuilder.DropForeignKey(
                name: "fk_departments_departments_parent_id",
                table: "departments");

            migrationBuilder.DropIndex(
                name: "ix_departments_parent_id",
                table: "departments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_departments_not_own_parent",
                table: "departments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_departments_unit_type",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "parent_id",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "region",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "short_name",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "unit_type",
                table: "departments");

            migrationBuilder.AlterColumn<string>(
                name: "name",
                table: "departments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);
        }
    }
}
