using System.Diagnostics;
using Npgsql;

namespace BudgetPortal.Data.Seeding;

/// <summary>What one run of <see cref="SyntheticArchive"/> did.</summary>
public sealed record ArchiveRun(int Departments, int Disclosures, int Skipped, TimeSpan Elapsed);

/// <summary>
/// A synthetic archive for the scaling benchmarks (issue 15; docs/benchmarks.md): N departments
/// (codes <c>syn000001</c>…, names made of a region, an agency and the number) × a range of years,
/// each year a complete published disclosure copied in SQL from a published seed of the same table
/// layout (TableSchemas.LayoutYear: 2024 and before, 2025 on), every amount multiplied by a whole
/// factor 1–9 (so every sum and identity still holds), with the seed's frozen checks. Copied with
/// INSERT … SELECT, one transaction per batch of departments, through the portal's own rules (the
/// triggers stay on: drafts are inserted and then published, the checks in the publishing
/// transaction). Each copy is expected to publish (expected_disclosures), approved 0–29 days before it did, with the
/// seed's compliance facts. Idempotent: a department's year already present is left alone, so a run can be
/// repeated or extended (more departments, more years). Column lists are read from the database, so
/// a column added later is copied as the seed has it. With <c>withoutTriggers</c> (a superuser's
/// connection only) the batch runs with <c>session_replication_role = replica</c>: no trigger and no
/// foreign key is checked — the rows are copies of published rows that passed them — about three times faster.
/// </summary>
/// <remarks>The notes' prose, their figures (numbers of people, percentages) and the checks' messages keep the seed's words.</remarks>
public static class SyntheticArchive
{
    public const string CodePrefix = "syn";
    public const int MaxDepartments = 999_999;

    private static readonly string[] Regions =
        ["昌吉市", "阜康市", "呼图壁县", "玛纳斯县", "奇台县", "吉木萨尔县", "木垒哈萨克自治县", "准东开发区", "高新区", "经开区", "州直", "北塔山"];

    private static readonly string[] Agencies =
        ["教育局", "卫生健康委员会", "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局",
         "水利局", "农业农村局", "商务局", "文化体育广电和旅游局", "退役军人事务局", "应急管理局", "审计局", "市场监督管理局",
         "统计局", "医疗保障局", "林业和草原局", "驻北京联络处", "档案馆", "图书馆", "疾病预防控制中心", "机关事务服务中心"];

    /// <summary>The code of synthetic department <paramref name="number"/> (1-based).</summary>
    public static string Code(int number) => $"{CodePrefix}{number:000000}";

    /// <summary>The name of synthetic department <paramref name="number"/>: unique, searchable by any part.</summary>
    public static string Name(int number) =>
        $"{Regions[number % Regions.Length]}{Agencies[number / Regions.Length % Agencies.Length]}（合成{number:000000}）";

    /// <summary>
    /// Adds departments <paramref name="firstDepartment"/>…<paramref name="lastDepartment"/> with a published
    /// disclosure for each of <paramref name="fromYear"/>…<paramref name="toYear"/> that is not there yet.
    /// </summary>
    public static async Task<ArchiveRun> GenerateAsync(string connectionString, int firstDepartment, int lastDepartment, int fromYear, int toYear,
        int batchDepartments = 100, Action<string>? progress = null, bool withoutTriggers = false, CancellationToken ct = default)
    {
        if (firstDepartment < 1 || lastDepartment > MaxDepartments || firstDepartment > lastDepartment)
            throw new ArgumentOutOfRangeException(nameof(lastDepartment), $"部门编号应在 1 到 {MaxDepartments} 之间，且起始不大于结束。");
        if (fromYear < 2000 || toYear > 2100 || fromYear > toYear)
            throw new ArgumentOutOfRangeException(nameof(toYear), "年度应在 2000 到 2100 之间，且起始不大于结束。");
        if (batchDepartments is < 1 or > 10_000) throw new ArgumentOutOfRangeException(nameof(batchDepartments), "每批部门数应在 1 到 10000 之间。");

        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var columns = await ColumnsAsync(connection, ct);
        int made = 0, skipped = 0;
        for (var from = firstDepartment; from <= lastDepartment; from += batchDepartments)
        {
            var to = Math.Min(lastDepartment, from + batchDepartments - 1);
            var batch = Stopwatch.StartNew();
            await using var tx = await connection.BeginTransactionAsync(ct);
            if (withoutTriggers)
                await new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, tx).ExecuteNonQueryAsync(ct);
            var (count, existing) = await BatchAsync(connection, tx, columns, from, to, fromYear, toYear, ct);
            // Without triggers the year zips' generations (migration YearPackageGenerations) are moved here.
            if (withoutTriggers && count > 0)
                await new NpgsqlCommand("SELECT bump_year_package(y) FROM generate_series(@from, @to) y", connection, tx)
                    { Parameters = { new("from", fromYear), new("to", toYear) } }.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
            made += count;
            skipped += existing;
            progress?.Invoke($"departments {from}–{to}: {count} disclosures in {batch.Elapsed.TotalSeconds:0.0} s ({made} so far, {clock.Elapsed.TotalSeconds:0} s)");
        }
        return new ArchiveRun(lastDepartment - firstDepartment + 1, made, skipped, clock.Elapsed);
    }

    private static async Task<(int Made, int Skipped)> BatchAsync(NpgsqlConnection c, NpgsqlTransaction tx, Dictionary<string, List<string>> columns,
        int from, int to, int fromYear, int toYear, CancellationToken ct)
    {
        async Task<int> Run(string sql, params NpgsqlParameter[] parameters)
        {
            var clock = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(sql, c, tx) { CommandTimeout = 0 };
            command.Parameters.AddRange(parameters);
            var count = await command.ExecuteNonQueryAsync(ct);
            if (Environment.GetEnvironmentVariable("SYNTHETIC_ARCHIVE_TIMINGS") == "1")
                Console.Error.WriteLine($"  {clock.ElapsedMilliseconds,6} ms  {sql.Trim().Split('\n')[0][..Math.Min(70, sql.Trim().Split('\n')[0].Length)]}");
            return count;
        }
        var names = Enumerable.Range(from, to - from + 1).Select(Name).ToArray();
        await Run("""
            INSERT INTO departments (code, name, region, unit_type)
            SELECT @prefix || lpad(n::text, 6, '0'), (@names::text[])[n - @from + 1], NULL, 'Administrative'
            FROM generate_series(@from, @to) n
            ON CONFLICT (code) DO NOTHING
            """, new("prefix", CodePrefix), new("names", names), new("from", from), new("to", to));
        // Grouped as a county is: every twentieth department a 主管部门, the nineteen after it its units.
        await Run("""
            UPDATE departments c SET parent_id = p.id
            FROM generate_series(@from, @to) n
            JOIN departments p ON p.code = @prefix || lpad((((n - 1) / 20) * 20 + 1)::text, 6, '0')
            WHERE c.code = @prefix || lpad(n::text, 6, '0') AND (n - 1) % 20 <> 0 AND c.parent_id IS NULL
            """, new("prefix", CodePrefix), new("from", from), new("to", to));

        // The seeds: the published disclosures of the departments that are not synthetic, by layout.
        await Run("""
            CREATE TEMP TABLE gen ON COMMIT DROP AS
            WITH seeds AS (
                SELECT array_agg(d.id ORDER BY d.id) FILTER (WHERE d.fiscal_year <= 2024) AS old,
                       array_agg(d.id ORDER BY d.id) FILTER (WHERE d.fiscal_year > 2024) AS new
                FROM disclosures d JOIN departments p ON p.id = d.department_id
                WHERE d.status = 'Published' AND p.code NOT LIKE @prefix || '%'
                  AND NOT EXISTS (SELECT 1 FROM disclosures o WHERE o.department_id = d.department_id AND o.fiscal_year = d.fiscal_year
                                  AND o.status = 'Published' AND o.version > d.version))
            SELECT nextval(pg_get_serial_sequence('disclosures', 'id'))::integer AS id, s.src, p.id AS department_id, p.name,
                   y AS fiscal_year, 1 + (n * 7 + y) % 9 AS k
            FROM generate_series(@from, @to) n
            JOIN departments p ON p.code = @prefix || lpad(n::text, 6, '0')
            CROSS JOIN generate_series(@y0, @y1) y
            CROSS JOIN seeds
            CROSS JOIN LATERAL (SELECT CASE WHEN y <= 2024 THEN seeds.old[1 + n % cardinality(seeds.old)]
                                            ELSE seeds.new[1 + n % cardinality(seeds.new)] END AS src) s
            WHERE NOT EXISTS (SELECT 1 FROM disclosures d WHERE d.department_id = p.id AND d.fiscal_year = y)
            """, new("prefix", CodePrefix), new("from", from), new("to", to), new("y0", fromYear), new("y1", toYear));
        var made = (int)(long)(await new NpgsqlCommand("SELECT count(*) FROM gen", c, tx).ExecuteScalarAsync(ct))!;
        if (made == 0) return (0, (to - from + 1) * (toYear - fromYear + 1));
        if (await new NpgsqlCommand("SELECT count(*) FROM gen WHERE src IS NULL", c, tx).ExecuteScalarAsync(ct) is long missing && missing > 0)
            throw new InvalidOperationException("没有可复制的已发布种子：先启动一次门户（载入种子），且 2024 年及以前、2025 年及以后的版式各需至少一份已发布的预算公开。");

        // New ids for every copied parent row, mapped from the seed's.
        async Task Map(string map, string table, string parent, string parentMap)
        {
            await Run($"""
                CREATE TEMP TABLE {map} ON COMMIT DROP AS
                SELECT nextval(pg_get_serial_sequence('{table}', 'id'))::integer AS id, s.id AS src, m.id AS parent, m.k
                FROM {parentMap} m JOIN {table} s ON s.{parent} = m.src
                """);
            await Run($"CREATE INDEX ON {map} (src); ANALYZE {map}");
        }
        await Run("ANALYZE gen");
        await Copy(Run, columns, "disclosures", "FROM gen m JOIN disclosures s ON s.id = m.src", new()
        {
            ["id"] = "m.id", ["department_id"] = "m.department_id", ["fiscal_year"] = "m.fiscal_year", ["version"] = "1",
            ["status"] = "'Draft'", ["published_at"] = "NULL", ["submitted_at"] = "NULL", ["correction_reason"] = "NULL",
            ["review_comment"] = "NULL", ["created_at"] = "now()", ["updated_at"] = "now()", ["sign_off_name"] = "m.name",
            ["sign_off_date"] = "(s.sign_off_date + make_interval(years => m.fiscal_year - s.fiscal_year))::date",
        });
        await Map("map_tables", "budget_tables", "disclosure_id", "gen");
        await Copy(Run, columns, "budget_tables", "FROM map_tables m JOIN budget_tables s ON s.id = m.src", new() { ["id"] = "m.id", ["disclosure_id"] = "m.parent" });
        await Map("map_rows", "table_rows", "budget_table_id", "map_tables");
        await Copy(Run, columns, "table_rows", "FROM map_rows m JOIN table_rows s ON s.id = m.src", new() { ["id"] = "m.id", ["budget_table_id"] = "m.parent" });
        await Copy(Run, columns, "table_cells", "FROM map_rows m JOIN table_cells s ON s.table_row_id = m.src",
            new() { ["table_row_id"] = "m.id", ["amount"] = "s.amount * m.k" });
        await Map("map_notes", "note_sections", "disclosure_id", "gen");
        await Copy(Run, columns, "note_sections", "FROM map_notes m JOIN note_sections s ON s.id = m.src", new() { ["id"] = "m.id", ["disclosure_id"] = "m.parent" });
        await Copy(Run, columns, "note_lines", "FROM map_notes m JOIN note_lines s ON s.note_section_id = m.src",
            new() { ["id"] = null, ["note_section_id"] = "m.id", ["amount"] = "s.amount * m.k", ["change"] = "s.change * m.k" });
        await Copy(Run, columns, "note_figures", "FROM map_notes m JOIN note_figures s ON s.note_section_id = m.src",
            new() { ["id"] = null, ["note_section_id"] = "m.id" });
        await Map("map_sheets", "performance_sheets", "disclosure_id", "gen");
        await Copy(Run, columns, "performance_sheets", "FROM map_sheets m JOIN performance_sheets s ON s.id = m.src JOIN gen g ON g.id = m.parent", new()
        {
            ["id"] = "m.id", ["disclosure_id"] = "m.parent", ["year"] = "g.fiscal_year",
            ["funds_superior"] = "s.funds_superior * m.k", ["funds_local"] = "s.funds_local * m.k", ["funds_total"] = "s.funds_total * m.k",
            ["funds_fiscal"] = "s.funds_fiscal * m.k", ["funds_other"] = "s.funds_other * m.k",
        });
        await Copy(Run, columns, "indicators", "FROM map_sheets m JOIN indicators s ON s.performance_sheet_id = m.src",
            new() { ["id"] = null, ["performance_sheet_id"] = "m.id" });
        await Copy(Run, columns, "budget_lines", "FROM gen m JOIN budget_lines s ON s.disclosure_id = m.src",
            new() { ["id"] = null, ["disclosure_id"] = "m.id", ["amount"] = "s.amount * m.k" });

        // Published as the portal publishes: the draft's row updated, its frozen checks in the same transaction.
        await Run("""
            UPDATE disclosures d SET status = 'Published',
                published_at = s.published_at + make_interval(years => g.fiscal_year - s.fiscal_year), submitted_at = NULL
            FROM gen g JOIN disclosures s ON s.id = g.src WHERE d.id = g.id
            """);
        await Copy(Run, columns, "published_checks", "FROM gen m JOIN published_checks s ON s.disclosure_id = m.src",
            new() { ["id"] = null, ["disclosure_id"] = "m.id" });
        if (columns.ContainsKey("published_summaries"))
            await Copy(Run, columns, "published_summaries", "FROM gen m JOIN published_summaries s ON s.disclosure_id = m.src", SummaryOverrides);
        if (columns.ContainsKey("compliance_facts"))
        {
            // The seed's checklist findings and check counts; the copy's own version and publication time.
            await Copy(Run, columns, "compliance_facts", "FROM gen m JOIN compliance_facts s ON s.disclosure_id = m.src", new()
            {
                ["disclosure_id"] = "m.id", ["department_id"] = "m.department_id", ["fiscal_year"] = "m.fiscal_year", ["version"] = "1",
                ["published_at"] = "s.published_at + make_interval(years => m.fiscal_year - s.fiscal_year)",
            });
            // Every synthetic department is expected to publish, approved 0–29 days before it did (so some are late).
            await Run("""
                INSERT INTO expected_disclosures (department_id, fiscal_year, approved_on)
                SELECT m.department_id, m.fiscal_year,
                       ((s.published_at + make_interval(years => m.fiscal_year - s.fiscal_year)) AT TIME ZONE 'Asia/Shanghai')::date
                         - (m.department_id * 7 + m.fiscal_year) % 30
                FROM gen m JOIN disclosures s ON s.id = m.src
                ON CONFLICT DO NOTHING
                """);
        }
        return (made, (to - from + 1) * (toYear - fromYear + 1) - made);
    }

    /// <summary>The figures of a disclosure's summary scale with its amounts; its staff does not.</summary>
    private static Dictionary<string, string?> SummaryOverrides => new()
    {
        ["disclosure_id"] = "m.id", ["department_id"] = "m.department_id", ["fiscal_year"] = "m.fiscal_year", ["version"] = "1",
        ["department_code"] = "(SELECT code FROM departments WHERE id = m.department_id)", ["department_name"] = "m.name",
        ["published_at"] = "s.published_at + make_interval(years => m.fiscal_year - s.fiscal_year)",
        ["total"] = "s.total * m.k", ["three_public"] = "s.three_public * m.k", ["overseas"] = "s.overseas * m.k",
        ["vehicle_purchase"] = "s.vehicle_purchase * m.k", ["vehicle_operation"] = "s.vehicle_operation * m.k",
        ["reception"] = "s.reception * m.k", ["running_costs"] = "s.running_costs * m.k",
    };

    /// <summary>
    /// INSERT INTO table (every column) SELECT (the seed's value, or the override) FROM …; an override of
    /// null leaves the column to its default (an identity). An override naming no column is a mistake.
    /// </summary>
    private static Task<int> Copy(Func<string, NpgsqlParameter[], Task<int>> run, Dictionary<string, List<string>> columns, string table, string from,
        Dictionary<string, string?> overrides)
    {
        var all = columns[table];
        if (overrides.Keys.FirstOrDefault(k => !all.Contains(k)) is { } unknown)
            throw new InvalidOperationException($"表 {table} 没有列 {unknown}：合成数据生成器需要随数据库结构更新。");
        var copied = all.Where(col => !overrides.TryGetValue(col, out var e) || e is not null).ToList();
        var values = copied.Select(col => overrides.TryGetValue(col, out var e) ? e! : $"s.\"{col}\"");
        return run($"INSERT INTO {table} ({string.Join(", ", copied.Select(col => $"\"{col}\""))}) SELECT {string.Join(", ", values)} {from}", []);
    }

    private static async Task<Dictionary<string, List<string>>> ColumnsAsync(NpgsqlConnection c, CancellationToken ct)
    {
        var result = new Dictionary<string, List<string>>();
        await using var command = new NpgsqlCommand("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND is_generated = 'NEVER'
            ORDER BY table_name, ordinal_position
            """, c);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var table = reader.GetString(0);
            if (!result.TryGetValue(table, out var list)) result[table] = list = [];
            list.Add(reader.GetString(1));
        }
        return result;
    }
}
