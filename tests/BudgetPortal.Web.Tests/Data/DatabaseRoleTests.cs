using System.Globalization;
using BudgetPortal.Data;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Tests.Data;

/// <summary>
/// The seeds, published, beside a draft made from the same document (every kind of part present), in
/// a database migrated by the owner role; the tests connect as the application role, as the portal
/// does (docs/decisions/0010-database-roles-and-immutability.md).
/// </summary>
public sealed class DraftBesidePublishedDatabase : IAsyncLifetime
{
    public const string DraftCode = "imm-draft";
    public SeededDatabase Seeded { get; } = new();
    public TestDatabase Database => Seeded.Database;
    public int PublishedId { get; private set; }
    public int DraftId { get; private set; }
    /// <summary>A published version with budget lines (issue 12).</summary>
    public int PublishedLinesId { get; private set; }

    public async Task InitializeAsync()
    {
        await Seeded.InitializeAsync();
        await using var db = Seeded.NewDbContext();
        PublishedId = await db.Disclosures.Where(d => d.Department.Code == "jjxz").Select(d => d.Id).SingleAsync();
        DraftId = await DraftAsync(db, DraftCode, "不变性测试草稿单位");
        await AddLinesAsync(DraftId);
        PublishedLinesId = await DraftAsync(db, "imm-lines", "明细不变性测试单位");
        await AddLinesAsync(PublishedLinesId);
        // The lines went in beside this context (its copy of the row is stale now).
        db.ChangeTracker.Clear();
        var published = await db.Disclosures.SingleAsync(d => d.Id == PublishedLinesId);
        published.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(published));
        await db.SaveChangesAsync();
    }

    /// <summary>Two lines in a draft, as the application role writes them (the rows the triggers guard, whatever derived the tables).</summary>
    private async Task AddLinesAsync(int draftId)
    {
        await using var conn = new NpgsqlConnection(Database.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, """
            UPDATE disclosures SET basis = 'Lines' WHERE id = {0};
            INSERT INTO budget_lines (disclosure_id, ordinal, functional_code, economic_code, spending, source, amount, project, project_leader)
            VALUES ({0}, 0, '2013150', '30101', 'Personnel', 'GeneralBudget', 10.25, NULL, NULL),
                   ({0}, 1, '2013150', '30227', 'Project', 'GovFund', 3, '招商引资经费', '张三');
            """, draftId), conn);
        Assert.Equal(3, await cmd.ExecuteNonQueryAsync());
    }

    /// <summary>A draft of a new department, made from seed 000: tables, rows, cells, notes, sheets, indicators.</summary>
    public static async Task<int> DraftAsync(BudgetPortal.Data.BudgetDbContext db, string code, string name, string? signOffName = null)
    {
        var doc = Repo.LoadSeed("000_b9ea59971ad8d31b.json");
        doc.Department = new DepartmentDoc { Code = code, Name = name };
        doc.SignOff.Name = signOffName ?? name;
        return (await db.AddDraftOfNewDepartmentAsync(code, name, doc)).Id;
    }

    public Task DisposeAsync() => Seeded.DisposeAsync();
}

/// <summary>
/// What the penetration test did to published data with SQL (issue 14), done as the portal's own
/// database role: each attack is refused, and what the portal legitimately does still works.
/// </summary>
public sealed class DatabaseRoleTests(DraftBesidePublishedDatabase fixture) : IClassFixture<DraftBesidePublishedDatabase>
{
    private const string InsufficientPrivilege = "42501";
    private const string Refused = "BP001";

    private static readonly string[] PublishedDataTables =
    [
        "disclosures", "budget_tables", "table_rows", "table_cells", "note_sections", "note_lines", "note_figures",
        "performance_sheets", "indicators", "published_checks", "disclosure_pdfs", "published_files", "departments", "audit_log",
        "glossary_entries", "classification_codes", "budget_lines",
    ];

    public static TheoryData<string> Tables => new(PublishedDataTables);

    private async Task<NpgsqlConnection> OpenAsync(string? connectionString = null)
    {
        var conn = new NpgsqlConnection(connectionString ?? fixture.Database.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection conn, string sql, NpgsqlTransaction? tx = null)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>Runs <paramref name="sql"/> in a transaction that is rolled back whatever happens, and returns its refusal.</summary>
    private static async Task<PostgresException> RefusedAsync(NpgsqlConnection conn, string sql)
    {
        // Disposing the transaction rolls it back.
        await using var tx = await conn.BeginTransactionAsync();
        return await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await ScalarAsync(conn, sql, tx);
            // Deferred checks speak at the commit: ask for them now.
            await ScalarAsync(conn, "SET CONSTRAINTS ALL IMMEDIATE", tx);
        });
    }

    /// <summary>{0} the published seed, {1} the draft, {2} the published version with lines.</summary>
    private string Sql(string format) =>
        string.Format(CultureInfo.InvariantCulture, format, fixture.PublishedId, fixture.DraftId, fixture.PublishedLinesId);

    [Fact]
    public async Task ThePortalsRoleIsNeitherSuperuserNorOwnerOfAnything()
    {
        await using var conn = await OpenAsync();
        Assert.Equal(TestDatabase.AppRole, await ScalarAsync(conn, "SELECT current_user::text"));
        Assert.Equal(false, await ScalarAsync(conn, "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(0L, await ScalarAsync(conn, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"));
        Assert.Equal(false, await ScalarAsync(conn, "SELECT has_schema_privilege(current_user, 'public', 'CREATE')"));
        // The schema is there and owned by the owner role, which ran the migrations.
        Assert.Equal(TestDatabase.OwnerRole, await ScalarAsync(conn, "SELECT tableowner::text FROM pg_tables WHERE tablename = 'disclosures'"));
        // Not a single table grants TRUNCATE, TRIGGER or REFERENCES to the portal.
        Assert.Equal(0L, await ScalarAsync(conn, """
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
              AND (has_table_privilege(current_user, c.oid, 'TRUNCATE') OR has_table_privilege(current_user, c.oid, 'TRIGGER')
                OR has_table_privilege(current_user, c.oid, 'REFERENCES'))
            """));
        Assert.True((long)(await ScalarAsync(conn, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))! > 15);
        // The append-only tables are not even granted UPDATE or DELETE; the others are, and SELECT and INSERT.
        Assert.Equal(0L, await ScalarAsync(conn, """
            SELECT count(*) FROM unnest(ARRAY['audit_log', 'disclosure_pdfs', 'published_checks']) t
            WHERE has_table_privilege(current_user, t, 'UPDATE') OR has_table_privilege(current_user, t, 'DELETE')
            """));
        Assert.Equal(true, await ScalarAsync(conn, "SELECT has_table_privilege(current_user, 'table_cells', 'SELECT, INSERT, UPDATE, DELETE')"));
        // The budget lines (issue 12) are granted as every draft's part is: rows only.
        Assert.Equal(true, await ScalarAsync(conn, "SELECT has_table_privilege(current_user, 'budget_lines', 'SELECT, INSERT, UPDATE, DELETE')"));
        Assert.Equal(true, await ScalarAsync(conn, "SELECT has_sequence_privilege(current_user, pg_get_serial_sequence('budget_lines', 'id'), 'USAGE')"));
        Assert.Equal(true, await ScalarAsync(conn, "SELECT has_table_privilege(current_user, 'audit_log', 'SELECT, INSERT')"));
    }

    [Fact]
    public async Task ThePortalsRoleCannotSwitchTriggersOffForItsSession()
    {
        await using var conn = await OpenAsync();
        var e = await RefusedAsync(conn, "SET session_replication_role = replica");
        Assert.Equal(InsufficientPrivilege, e.SqlState);
    }

    [Theory]
    [InlineData("ALTER TABLE table_cells DISABLE TRIGGER table_cells_published_immutable")]
    [InlineData("ALTER TABLE disclosures DISABLE TRIGGER ALL")]
    [InlineData("DROP TRIGGER disclosures_published_immutable ON disclosures")]
    [InlineData("CREATE OR REPLACE FUNCTION disclosure_is_published(p_id integer) RETURNS boolean LANGUAGE sql AS $$ SELECT false $$")]
    [InlineData("CREATE TABLE smuggled (id integer)")]
    public async Task ThePortalsRoleCannotChangeTheSchemaOrItsTriggers(string sql)
    {
        await using var conn = await OpenAsync();
        var e = await RefusedAsync(conn, sql);
        Assert.Equal(InsufficientPrivilege, e.SqlState);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task ThePortalsRoleCannotTruncate(string table)
    {
        await using var conn = await OpenAsync();
        var e = await RefusedAsync(conn, $"TRUNCATE {table} CASCADE");
        Assert.Equal(InsufficientPrivilege, e.SqlState);
    }

    /// <summary>Even the owner, which may TRUNCATE its own tables, is refused by the trigger.</summary>
    [Theory]
    [MemberData(nameof(Tables))]
    public async Task TruncateIsRefusedEvenForTheOwner(string table)
    {
        await using var conn = await OpenAsync(fixture.Database.OwnerConnectionString);
        // CASCADE, so that no foreign key refuses it first (rolled back, should it ever succeed).
        var e = await RefusedAsync(conn, $"TRUNCATE {table} CASCADE");
        Assert.True(e.SqlState is Refused or "BP002", $"{e.SqlState}: {e.MessageText}");
    }

    [Theory]
    // A published row, cell, indicator, note line or figure, table, section or sheet moved into the draft.
    [InlineData("UPDATE table_rows SET budget_table_id = (SELECT min(id) FROM budget_tables WHERE disclosure_id = {1}) WHERE id = (SELECT min(r.id) FROM table_rows r JOIN budget_tables t ON t.id = r.budget_table_id WHERE t.disclosure_id = {0})")]
    [InlineData("UPDATE table_cells SET table_row_id = (SELECT max(r.id) FROM table_rows r JOIN budget_tables t ON t.id = r.budget_table_id WHERE t.disclosure_id = {1}), \"column\" = 'moved' WHERE (table_row_id, \"column\") = (SELECT c.table_row_id, c.\"column\" FROM table_cells c JOIN table_rows r ON r.id = c.table_row_id JOIN budget_tables t ON t.id = r.budget_table_id WHERE t.disclosure_id = {0} LIMIT 1)")]
    [InlineData("UPDATE indicators SET performance_sheet_id = (SELECT min(id) FROM performance_sheets WHERE disclosure_id = {1}) WHERE id = (SELECT min(i.id) FROM indicators i JOIN performance_sheets s ON s.id = i.performance_sheet_id WHERE s.disclosure_id = {0})")]
    [InlineData("UPDATE note_lines SET note_section_id = (SELECT min(id) FROM note_sections WHERE disclosure_id = {1}) WHERE id = (SELECT min(l.id) FROM note_lines l JOIN note_sections n ON n.id = l.note_section_id WHERE n.disclosure_id = {0})")]
    [InlineData("UPDATE note_figures SET note_section_id = (SELECT min(id) FROM note_sections WHERE disclosure_id = {1}) WHERE id = (SELECT min(f.id) FROM note_figures f JOIN note_sections n ON n.id = f.note_section_id WHERE n.disclosure_id = {0})")]
    [InlineData("UPDATE budget_tables SET disclosure_id = {1} WHERE id = (SELECT min(id) FROM budget_tables WHERE disclosure_id = {0})")]
    // A draft's row, cell, indicator, line or table moved into the published disclosure.
    [InlineData("UPDATE table_rows SET budget_table_id = (SELECT min(id) FROM budget_tables WHERE disclosure_id = {0}), ordinal = 100000 WHERE id = (SELECT min(r.id) FROM table_rows r JOIN budget_tables t ON t.id = r.budget_table_id WHERE t.disclosure_id = {1})")]
    [InlineData("UPDATE table_cells SET table_row_id = (SELECT max(r.id) FROM table_rows r JOIN budget_tables t ON t.id = r.budget_table_id WHERE t.disclosure_id = {0}), \"column\" = 'moved' WHERE (table_row_id, \"column\") = (SELECT c.table_row_id, c.\"column\" FROM table_cells c JOIN table_rows r ON r.id = c.table_row_id JOIN budget_tables t ON t.id = r.budget_table_id WHERE t.disclosure_id = {1} LIMIT 1)")]
    [InlineData("UPDATE indicators SET performance_sheet_id = (SELECT min(id) FROM performance_sheets WHERE disclosure_id = {0}) WHERE id = (SELECT min(i.id) FROM indicators i JOIN performance_sheets s ON s.id = i.performance_sheet_id WHERE s.disclosure_id = {1})")]
    [InlineData("UPDATE note_lines SET note_section_id = (SELECT min(id) FROM note_sections WHERE disclosure_id = {0}) WHERE id = (SELECT min(l.id) FROM note_lines l JOIN note_sections n ON n.id = l.note_section_id WHERE n.disclosure_id = {1})")]
    // A budget line moved out of a published version, and a draft's line moved into one.
    [InlineData("UPDATE budget_lines SET disclosure_id = {1}, ordinal = 100000 WHERE id = (SELECT min(id) FROM budget_lines WHERE disclosure_id = {2})")]
    [InlineData("UPDATE budget_lines SET disclosure_id = {2}, ordinal = 100000 WHERE id = (SELECT min(id) FROM budget_lines WHERE disclosure_id = {1})")]
    public Task MovingPartsOutOfOrIntoAPublishedDisclosureIsRefused(string sql) => RefusedAsPublishedAsync(sql);

    [Theory]
    // A child of each kind under a published parent. The trigger speaks before any constraint, so a
    // missing trigger shows as another error (unique or check), and the test fails.
    [InlineData("INSERT INTO budget_tables (disclosure_id, kind) VALUES ({0}, 'GeneralBudgetBasicExpenditure')")]
    [InlineData("INSERT INTO table_rows (budget_table_id, ordinal, kind, key, code, name) VALUES ((SELECT min(id) FROM budget_tables WHERE disclosure_id = {0}), 100000, 'Item', 'smuggled', '2019999', '夹带')")]
    [InlineData("INSERT INTO table_cells (table_row_id, \"column\", amount) VALUES ((SELECT max(r.id) FROM table_rows r JOIN budget_tables t ON t.id = r.budget_table_id WHERE t.disclosure_id = {0}), 'smuggled', 1)")]
    [InlineData("INSERT INTO note_lines (note_section_id, ordinal, key) VALUES ((SELECT min(id) FROM note_sections WHERE disclosure_id = {0}), 100000, 'smuggled')")]
    [InlineData("INSERT INTO note_figures (note_section_id, key, number, is_list) VALUES ((SELECT min(id) FROM note_sections WHERE disclosure_id = {0}), 'smuggled', 1, false)")]
    [InlineData("INSERT INTO indicators (performance_sheet_id, ordinal, level1, level2, level3, value) VALUES ((SELECT min(id) FROM performance_sheets WHERE disclosure_id = {0}), 100000, '产出指标', '数量指标', '夹带', '1')")]
    [InlineData("INSERT INTO budget_lines (disclosure_id, ordinal, functional_code, economic_code, spending, source, amount) VALUES ({2}, 100000, '2013150', '30201', 'Public', 'GeneralBudget', 1)")]
    [InlineData("INSERT INTO budget_lines (disclosure_id, ordinal, functional_code, economic_code, spending, source, amount) VALUES ({0}, 100000, '2013150', '30201', 'Public', 'GeneralBudget', 1)")]
    public Task AddingToAPublishedDisclosureIsRefused(string sql) => RefusedAsPublishedAsync(sql);

    [Theory]
    [InlineData("UPDATE budget_lines SET amount = amount + 1 WHERE disclosure_id = {2}")]
    [InlineData("UPDATE budget_lines SET source = 'UnitOther' WHERE disclosure_id = {2}")]
    [InlineData("DELETE FROM budget_lines WHERE disclosure_id = {2}")]
    [InlineData("UPDATE disclosures SET basis = 'Tables' WHERE id = {2}")]
    public Task ChangingAPublishedVersionsLinesIsRefused(string sql) => RefusedAsPublishedAsync(sql);

    /// <summary>Runs <paramref name="sql"/> (see <see cref="Sql"/>) and asserts the published disclosure's trigger refused it.</summary>
    private async Task RefusedAsPublishedAsync(string sql)
    {
        await using var conn = await OpenAsync();
        var e = await RefusedAsync(conn, Sql(sql));
        Assert.Equal(Refused, e.SqlState);
        Assert.Contains("已发布", e.MessageText);
    }

    [Fact]
    public async Task AVersionCannotBeInsertedAsAlreadyPublished()
    {
        await using var conn = await OpenAsync();
        // A copy of the published row, every column filled, as version + 1: the next version the public sees.
        var e = await RefusedAsync(conn, Sql("""
            INSERT INTO disclosures
            SELECT (jsonb_populate_record(NULL::disclosures, to_jsonb(d) || jsonb_build_object(
                'id', (SELECT max(id) + 1000 FROM disclosures), 'version', d.version + 1))).*
            FROM disclosures d WHERE id = {0}
            """));
        Assert.Equal(Refused, e.SqlState);
    }

    [Fact]
    public async Task AnExtraFrozenCheckIsRefused()
    {
        await using var conn = await OpenAsync();
        var e = await RefusedAsync(conn, Sql("INSERT INTO published_checks (disclosure_id, ordinal, rule, severity, outcome, message, location) VALUES ({0}, 100000, 'X1', 'Error', 'Pass', '夹带', '')"));
        Assert.Equal(Refused, e.SqlState);
        // Nor can checks be planted in a draft, to be taken for frozen ones once it is published.
        e = await RefusedAsync(conn, Sql("INSERT INTO published_checks (disclosure_id, ordinal, rule, severity, outcome, message, location) VALUES ({1}, 0, 'X1', 'Error', 'Pass', '夹带', '')"));
        Assert.Equal(Refused, e.SqlState);
        // And not in autocommit either, where the deferred check runs at the statement's own commit.
        await using var cmd = new NpgsqlCommand(Sql("INSERT INTO published_checks (disclosure_id, ordinal, rule, severity, outcome, message, location) VALUES ({0}, 100001, 'X1', 'Error', 'Pass', '夹带', '')"), conn);
        Assert.Equal(Refused, (await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync())).SqlState);
    }

    private static string PdfInsert(int disclosureId, int part)
    {
        var content = "%PDF-1.4 smuggled " + part;
        return $"INSERT INTO disclosure_pdfs (disclosure_id, part, content, sha256, printed_at) VALUES ({disclosureId}, {part}, convert_to('{content}', 'UTF8'), encode(sha256(convert_to('{content}', 'UTF8')), 'hex'), now())";
    }

    [Fact]
    public async Task APdfCannotBeAddedOnceAVersionsFilesAreStored()
    {
        await using var db = fixture.Seeded.NewDbContext();
        var id = await db.Disclosures.Where(d => d.Department.Code == "zbjllc").Select(d => d.Id).SingleAsync();
        await using var conn = await OpenAsync();
        // The files of a version go in together, in one transaction (as the portal stores them).
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await ScalarAsync(conn, PdfInsert(id, 0), tx);
            await ScalarAsync(conn, PdfInsert(id, 1), tx);
            await tx.CommitAsync();
        }
        // A table not yet printed gets no file of anyone's making afterwards, hash and all.
        var e = await RefusedAsync(conn, PdfInsert(id, 3));
        Assert.Equal(Refused, e.SqlState);
        Assert.Contains("已经存档", e.MessageText);
        // Stored files are neither replaced nor removed.
        Assert.Equal(InsufficientPrivilege, (await RefusedAsync(conn, $"DELETE FROM disclosure_pdfs WHERE disclosure_id = {id}")).SqlState);
        // And no draft has files.
        Assert.Equal(Refused, (await RefusedAsync(conn, PdfInsert(fixture.DraftId, 0))).SqlState);
    }

    [Fact]
    public async Task APublishedVersionsFilesAreStoredTogetherOnceAndNeverChanged()
    {
        await using var db = fixture.Seeded.NewDbContext();
        var id = fixture.PublishedId;
        var now = DateTimeOffset.UtcNow;
        // As the job stores them: the version's files in one transaction.
        db.PublishedFiles.AddRange(
            PublishedFile.Deflate(id, PublishedFile.TableCsvName(1), PublishedFile.CsvMediaType, "\uFEFF列1,列2\r\n1,2\r\n"u8, now),
            PublishedFile.AsIs(id, PublishedFile.WorkbookName, PublishedFile.XlsxMediaType, "PK\u0003\u0004 workbook"u8.ToArray(), now));
        await db.SaveChangesAsync();
        await using var conn = await OpenAsync();
        // The portal's role may neither change nor remove them; the owner is refused by the trigger.
        Assert.Equal(InsufficientPrivilege, (await RefusedAsync(conn, $"UPDATE published_files SET body = body || '\\x00'::bytea WHERE disclosure_id = {id}")).SqlState);
        Assert.Equal(InsufficientPrivilege, (await RefusedAsync(conn, $"DELETE FROM published_files WHERE disclosure_id = {id}")).SqlState);
        await using (var owner = await OpenAsync(fixture.Database.OwnerConnectionString))
        {
            var e = await RefusedAsync(owner, $"UPDATE published_files SET media_type = 'text/plain' WHERE disclosure_id = {id}");
            Assert.Equal(Refused, e.SqlState);
            Assert.Contains("不能修改或删除", e.MessageText);
            Assert.Equal(Refused, (await RefusedAsync(owner, $"DELETE FROM published_files WHERE disclosure_id = {id}")).SqlState);
        }
        // A file not stored with the others gets none of anyone's making afterwards.
        const string smuggled = "INSERT INTO published_files (disclosure_id, name, media_type, deflated, body, length, crc32, etag, stored_at) VALUES ({0}, '表2.csv', 'text/csv', false, '\\x41'::bytea, 1, 3554254475, '\"x\"', now())";
        var added = await RefusedAsync(conn, Sql(smuggled));
        Assert.Equal(Refused, added.SqlState);
        // A draft has no files; a file kept as it is carries its own entity tag.
        Assert.Equal(Refused, (await RefusedAsync(conn, Sql(smuggled.Replace("({0},", "({1},", StringComparison.Ordinal)))).SqlState);
        var forged = await RefusedAsync(conn, Sql(smuggled.Replace("({0},", "({2},", StringComparison.Ordinal)));
        Assert.Equal(Refused, forged.SqlState);
        Assert.Contains("ETag", forged.MessageText);
        // What was stored reads back as it was made.
        db.ChangeTracker.Clear();
        var csv = await db.PublishedFiles.AsNoTracking().SingleAsync(f => f.DisclosureId == id && f.Name == "表1.csv");
        Assert.True(csv.Deflated);
        Assert.Equal("\uFEFF列1,列2\r\n1,2\r\n"u8.ToArray(), csv.Content());
        Assert.Equal(csv.Length, csv.Content().Length);
        Assert.Equal(2, await db.PublishedFiles.CountAsync(f => f.DisclosureId == id));
    }

    [Fact]
    public async Task APublishedDepartmentsCodeCannotChange()
    {
        await using var conn = await OpenAsync();
        var e = await RefusedAsync(conn, "UPDATE departments SET code = 'jjxz-moved' WHERE code = 'jjxz'");
        Assert.Equal(Refused, e.SqlState);
        Assert.Contains("代码不能再修改", e.MessageText);
    }

    [Fact]
    public async Task APublishedDepartmentMayBeRenamedWhenItsVersionsCarryTheirOwnName()
    {
        // Seed 000 is signed 昌吉回族自治州经济协作服务中心: its published document keeps that name.
        await using var conn = await OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await ScalarAsync(conn, "UPDATE departments SET name = '昌吉州经济协作服务中心（更名）' WHERE code = 'jjxz'", tx);
        Assert.Equal("昌吉回族自治州经济协作服务中心", await ScalarAsync(conn, Sql("SELECT sign_off_name FROM disclosures WHERE id = {0}"), tx));
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task ADepartmentWhoseNameAPublishedVersionShowsCannotBeRenamed()
    {
        await using (var db = fixture.Seeded.NewDbContext())
        {
            var id = await DraftBesidePublishedDatabase.DraftAsync(db, "imm-nameless", "无落款测试单位", signOffName: "");
            var d = await db.Disclosures.SingleAsync(x => x.Id == id);
            d.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(d));
            await db.SaveChangesAsync();
        }
        await using var conn = await OpenAsync();
        var e = await RefusedAsync(conn, "UPDATE departments SET name = '改名' WHERE code = 'imm-nameless'");
        Assert.Equal(Refused, e.SqlState);
    }

    [Fact]
    public async Task ADraftIsEditedFreelyAndItsPartsMoveWithinIt()
    {
        await using var conn = await OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        Assert.True((int)(await ScalarAsync(conn, Sql("WITH u AS (UPDATE table_cells SET amount = amount + 1 WHERE table_row_id IN (SELECT r.id FROM table_rows r JOIN budget_tables t ON t.id = r.budget_table_id WHERE t.disclosure_id = {1}) RETURNING 1) SELECT count(*)::int FROM u"), tx))! > 10);
        // A row moved from one of the draft's tables to another, and a table deleted.
        await ScalarAsync(conn, Sql("UPDATE table_rows SET budget_table_id = (SELECT max(id) FROM budget_tables WHERE disclosure_id = {1}), ordinal = 100000 WHERE id = (SELECT min(r.id) FROM table_rows r JOIN budget_tables t ON t.id = r.budget_table_id WHERE t.disclosure_id = {1} AND t.id <> (SELECT max(id) FROM budget_tables WHERE disclosure_id = {1}))"), tx);
        await ScalarAsync(conn, Sql("DELETE FROM note_sections WHERE id = (SELECT min(id) FROM note_sections WHERE disclosure_id = {1})"), tx);
        // Its budget lines are changed, reordered and deleted.
        Assert.Equal(2, (int)(await ScalarAsync(conn, Sql("WITH u AS (UPDATE budget_lines SET amount = amount + 1, ordinal = ordinal + 10 WHERE disclosure_id = {1} RETURNING 1) SELECT count(*)::int FROM u"), tx))!);
        await ScalarAsync(conn, Sql("DELETE FROM budget_lines WHERE disclosure_id = {1}"), tx);
        await ScalarAsync(conn, "SET CONSTRAINTS ALL IMMEDIATE", tx);
        await tx.RollbackAsync();
    }
}

/// <summary>The legitimate paths under the same rules: publishing (with its frozen checks), its files, a correction.</summary>
public sealed class PublishingAsThePortalsRoleTests(DraftBesidePublishedDatabase fixture) : IClassFixture<DraftBesidePublishedDatabase>
{
    [Fact]
    public async Task ADraftIsPublishedWithItsChecksAndThenItsFilesAreStored()
    {
        int id;
        await using (var db = fixture.Seeded.NewDbContext())
        {
            id = await DraftBesidePublishedDatabase.DraftAsync(db, "imm-publish", "发布测试单位");
            var d = await db.Disclosures.SingleAsync(x => x.Id == id);
            d.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(d));
            // One SaveChanges: the status and the frozen checks in one transaction, as the reviewer's 发布.
            await db.SaveChangesAsync();
        }
        await using (var db = fixture.Seeded.NewDbContext())
        {
            Assert.True(await db.Set<PublishedCheck>().CountAsync(c => c.DisclosureId == id) > 10);
            // Printed after publication (at once, or in the background for the seeds): the first files go in.
            foreach (var part in new[] { 0, 1 })
                db.DisclosurePdfs.Add(new DisclosurePdf(id, part, "%PDF-1.4 printed"u8.ToArray(), DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            Assert.Equal(2, await db.DisclosurePdfs.CountAsync(p => p.DisclosureId == id));
        }
    }

    [Fact]
    public async Task ACorrectionOfALineBasedVersionCarriesItsLines()
    {
        int next;
        await using (var db = fixture.Seeded.NewDbContext())
        {
            var published = await db.Disclosures.IncludeComplete().SingleAsync(d => d.Id == fixture.PublishedLinesId);
            Assert.True(published.IsLineBased);
            var correction = published.StartCorrection("明细更正测试");
            db.Disclosures.Add(correction);
            await db.SaveChangesAsync();
            next = correction.Id;
        }
        await using (var db = fixture.Seeded.NewDbContext())
        {
            var lines = (await db.Disclosures.AsNoTracking().IncludeComplete().SingleAsync(d => d.Id == next)).Lines;
            Assert.Equal(BudgetBasis.Lines, (await db.Disclosures.SingleAsync(d => d.Id == next)).Basis);
            Assert.Equal(["2013150 30101 Personnel GeneralBudget 10.25", "2013150 30227 Project 招商引资经费 GovFund 3.00"], lines.Select(l => l.ToString()));
            Assert.Equal("张三", lines[1].ProjectLeader);
            // The published version keeps its own two.
            Assert.Equal(2, await db.BudgetLines.CountAsync(l => l.DisclosureId == fixture.PublishedLinesId));
        }
    }

    [Fact]
    public async Task ACorrectionIsANewVersionPublishedBesideTheFirst()
    {
        await using var db = fixture.Seeded.NewDbContext();
        var v1 = await db.Disclosures.AsSplitQuery().Include(d => d.Department)
            .Include(d => d.Tables).ThenInclude(t => t.Rows).ThenInclude(r => r.Cells)
            .Include(d => d.Notes).ThenInclude(n => n.Lines).Include(d => d.Notes).ThenInclude(n => n.Figures)
            .Include(d => d.PerformanceSheets).ThenInclude(s => s.Indicators)
            .SingleAsync(d => d.Department.Code == "dkyj");
        var v2 = new Disclosure(v1.Department, v1.FiscalYear, version: 2);
        v1.ToDocument().ApplyTo(v2, null);
        db.Disclosures.Add(v2);
        await db.SaveChangesAsync();
        v2.Publish(DateTimeOffset.UtcNow, ConsistencyChecks.Run(v2), "更正测试");
        await db.SaveChangesAsync();
        Assert.Equal(2, await db.Disclosures.CountAsync(d => d.DepartmentId == v1.DepartmentId && d.Status == DisclosureStatus.Published));
    }
}

