using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Downloads;

/// <summary>
/// A year's published disclosures as one zip: `budget-lines.csv` (every stated amount as a line:
/// department, year, table, classification, project, column, amount), each table of each disclosure
/// as printed (`{code}/表N.csv`), the 预算明细 of each line-based disclosure (`{code}/预算明细.csv`, the
/// columns of the line template: <see cref="LinesCsv"/>), and `datapackage.json` describing them in the
/// Fiscal Data Package form (Frictionless), so OpenSpending-style tools read it directly.
/// </summary>
public static class FiscalDataPackage
{
    public static readonly string[] LineColumns =
    [
        "department_code", "department_name", "fiscal_year", "version", "table", "table_title", "row_kind", "line",
        "functional_code", "functional_name", "economic_code", "economic_name", "project", "column_key", "column_name", "amount",
    ];

    /// <summary>The amount lines of one disclosure: one per non-blank cell, in printed order.</summary>
    public static IEnumerable<string[]> Lines(Disclosure d)
    {
        foreach (var kind in TableSchemas.All)
        {
            var schema = d.Schema(kind);
            var table = d.Table(kind);
            foreach (var row in table.Rows)
            foreach (var column in schema.Columns)
            {
                if (row[column.Key] is not { } amount) continue;
                var economic = schema.CodeScheme == ClassificationScheme.Economic;
                var functional = row.Code is not null && !economic;
                yield return
                [
                    d.Department.Code, d.DepartmentName, d.FiscalYear.ToString(CultureInfo.InvariantCulture),
                    d.Version.ToString(CultureInfo.InvariantCulture), ((int)kind).ToString(CultureInfo.InvariantCulture),
                    schema.Title, JsonNamingPolicy.CamelCase.ConvertName(row.Kind.ToString()),
                    LineLabel(schema, row),
                    functional ? ClassificationCode.Printed(row.Code) : "", functional ? row.Name ?? "" : "",
                    economic && row.Code is not null ? ClassificationCode.Printed(row.Code) : "", economic ? row.Name ?? "" : "",
                    row.Project ?? "", column.Key, column.Header, amount.ToString(CultureInfo.InvariantCulture),
                ];
            }
        }
    }

    private static string LineLabel(TableSchema schema, TableRow row) => row.Kind switch
    {
        RowKind.Total => "总计",
        RowKind.Fixed => schema.FixedRows.FirstOrDefault(f => f.Key == row.Key)?.Label ?? row.Key ?? "",
        RowKind.Department => row.Name ?? "",
        _ => row.Name ?? row.Project ?? "",
    };

    /// <summary>
    /// Writes the zip entry by entry; each disclosure is loaded once, written and let go. A disclosure's
    /// files are in a folder named by the department's published name (its code added only when two
    /// departments of the year share a name), with its official PDF as stored (<paramref name="pdf"/>;
    /// none until printed). datapackage.json is written last, resource by resource, as it streams.
    /// </summary>
    public static async Task WriteAsync(Stream output, int year, IReadOnlyList<int> disclosureIds,
        Func<int, Task<Disclosure?>> load, YearCatalogs catalogs, Func<int, Task<byte[]?>> pdf, CancellationToken ct)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        var printed = new List<(string Path, string Code, string Name, int Table, string Title, IReadOnlyList<string> Columns)>();
        var lineFiles = new List<(string Path, string Code, string Name)>();
        var pdfFiles = new List<(string Path, string Code, string Name)>();

        // budget-lines.csv gathers every disclosure's lines: written to a temporary file during the one
        // pass over the disclosures (each loaded once), and copied into the zip after their folders.
        var linesPath = Path.GetTempFileName();
        try
        {
            await using (var lines = new StreamWriter(linesPath, false, TableCsv.Utf8WithBom))
            {
                await lines.WriteAsync(TableCsv.Line(LineColumns));
                await WriteDisclosuresAsync(zip, disclosureIds, load, catalogs, pdf, lines, printed, lineFiles, pdfFiles, ct);
            }
            await using (var entry = zip.CreateEntry("budget-lines.csv", CompressionLevel.Optimal).Open())
            await using (var file = File.OpenRead(linesPath))
                await file.CopyToAsync(entry, ct);
        }
        finally
        {
            File.Delete(linesPath);
        }

        var descriptor = zip.CreateEntry("datapackage.json", CompressionLevel.Optimal);
        await using (var stream = descriptor.Open())
            await WriteDescriptorAsync(stream, year, printed, lineFiles, pdfFiles, ct);
    }

    private static async Task WriteDisclosuresAsync(ZipArchive zip, IReadOnlyList<int> disclosureIds, Func<int, Task<Disclosure?>> load,
        YearCatalogs catalogs, Func<int, Task<byte[]?>> pdf, StreamWriter lines,
        List<(string Path, string Code, string Name, int Table, string Title, IReadOnlyList<string> Columns)> printed,
        List<(string Path, string Code, string Name)> lineFiles, List<(string Path, string Code, string Name)> pdfFiles, CancellationToken ct)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in disclosureIds)
        {
            ct.ThrowIfCancellationRequested();
            if (await load(id) is not { } d) continue;
            foreach (var line in Lines(d)) await lines.WriteAsync(TableCsv.Line(line));
            var folder = FolderName(d.DepartmentName);
            if (!folders.Add(folder)) folders.Add(folder = $"{folder}（{d.Department.Code}）");
            foreach (var kind in TableSchemas.All)
            {
                var table = PrintedTable.Build(d.Table(kind), d.FiscalYear, d.DepartmentName, catalogs.Functional);
                var path = $"{folder}/表{(int)kind}.csv";
                var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                await using (var writer = new StreamWriter(entry.Open(), TableCsv.Utf8WithBom))
                    await TableCsv.WriteAsync(writer, table);
                printed.Add((path, d.Department.Code, d.DepartmentName, (int)kind, table.Schema.Title,
                    table.Schema.ColumnNames));
            }
            if (d.IsLineBased)
            {
                var path = LinesCsv.PackagePath(folder);
                await using (var entry = zip.CreateEntry(path, CompressionLevel.Optimal).Open())
                    await entry.WriteAsync(LinesCsv.Bytes(d.Lines, catalogs), ct);
                lineFiles.Add((path, d.Department.Code, d.DepartmentName));
            }
            if (await pdf(id) is { } file)
            {
                // A PDF is compressed already: stored as it is.
                var path = $"{folder}/{d.DepartmentName}{d.FiscalYear}年部门预算公开.pdf";
                await using (var entry = zip.CreateEntry(path, CompressionLevel.NoCompression).Open())
                    await entry.WriteAsync(file, ct);
                pdfFiles.Add((path, d.Department.Code, d.DepartmentName));
            }
        }
    }

    /// <summary>A department's name as a folder of the zip: no path separators.</summary>
    public static string FolderName(string name) => name.Replace('/', '／').Replace('\\', '＼').Trim() is { Length: > 0 } folder ? folder : "_";

    private static JsonObject Field(string name, string type, string title, string? columnType = null)
    {
        var field = new JsonObject { ["name"] = name, ["type"] = type, ["title"] = title };
        if (columnType is not null) field["columnType"] = columnType;
        return field;
    }

    /// <summary>An amount in 万元: a number, the value the package is about.</summary>
    private static JsonObject AmountField(string name) => new()
    {
        ["name"] = name, ["type"] = "number", ["title"] = "金额（万元）", ["columnType"] = "value",
        ["decimalChar"] = ".", ["currency"] = "CNY", ["factor"] = 10000,
    };

    /// <summary>A CSV file of the package (UTF-8 with BOM) with its fields.</summary>
    private static JsonObject CsvResource(string name, string title, string path, JsonArray fields) => new()
    {
        ["name"] = name, ["title"] = title, ["path"] = path, ["profile"] = "tabular-data-resource", ["format"] = "csv",
        ["mediatype"] = "text/csv", ["encoding"] = "utf-8-sig", ["schema"] = new JsonObject { ["fields"] = fields },
    };

    /// <summary>The fields of a 预算明细 file: the line template's headers, in its order (<see cref="LineSheet.Headers"/>).</summary>
    private static JsonArray LineSheetFields()
    {
        static JsonObject Of(LineSheet.Column column) => column switch
        {
            LineSheet.Column.FunctionalCode => Field(H(column), "string", "功能分类科目编码（类 款 项之间有空格）", "functional-classification:generic:code"),
            LineSheet.Column.FunctionalName => Field(H(column), "string", H(column), "functional-classification:generic:label"),
            LineSheet.Column.EconomicCode => Field(H(column), "string", "经济分类科目编码（类 款之间有空格）", "economic-classification:generic:code"),
            LineSheet.Column.EconomicName => Field(H(column), "string", H(column), "economic-classification:generic:label"),
            LineSheet.Column.Project => Field(H(column), "string", H(column), "project:name"),
            LineSheet.Column.Amount => AmountField(H(column)),
            _ => Field(H(column), "string", H(column)),
        };
        static string H(LineSheet.Column column) => LineSheet.Headers[(int)column];
        return new JsonArray([.. Enum.GetValues<LineSheet.Column>().Select(c => (JsonNode)Of(c))]);
    }

    /// <summary>
    /// datapackage.json, written as it goes: the package's properties, then one resource at a time
    /// (each a small object written and let go), so no tree of the whole descriptor is built in memory.
    /// </summary>
    public static async Task WriteDescriptorAsync(Stream output, int year,
        IEnumerable<(string Path, string Code, string Name, int Table, string Title, IReadOnlyList<string> Columns)> printed,
        IEnumerable<(string Path, string Code, string Name)> lineFiles, IEnumerable<(string Path, string Code, string Name)> pdfFiles, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = DisclosureDocument.JsonOptions.Encoder });
        json.WriteStartObject();
        json.WriteString("profile", "fiscal-data-package");
        json.WriteString("name", $"budgetportal-{year}");
        json.WriteString("title", $"{year} 年部门预算公开数据");
        json.WriteString("description", "各部门已发布的部门预算公开（最新版本）。金额单位：万元；表中空白即为零，不单独成行。每个部门一个文件夹（以部门名称命名），含各表 CSV、预算明细和正式文件 PDF（已打印的）。");
        json.WriteString("language", "zh-CN");
        json.WriteString("countryCode", "CN");
        json.WritePropertyName("fiscalPeriod");
        new JsonObject { ["start"] = $"{year}-01-01", ["end"] = $"{year}-12-31" }.WriteTo(json);
        json.WriteString("created", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        json.WritePropertyName("licenses");
        new JsonArray(new JsonObject { ["name"] = "other-pd", ["title"] = "政府信息公开" }).WriteTo(json);
        json.WriteStartArray("resources");
        CsvResource("budget-lines", $"{year} 年部门预算公开金额明细（每个非空单元格一行）", "budget-lines.csv",
            new JsonArray(
                Field("department_code", "string", "部门代码", "administrative-classification:generic:code"),
                Field("department_name", "string", "部门名称", "administrative-classification:generic:label"),
                Field("fiscal_year", "year", "预算年度", "date:fiscal-year"),
                Field("version", "integer", "版本"),
                Field("table", "integer", "表号"),
                Field("table_title", "string", "表名"),
                Field("row_kind", "string", "行类型"),
                Field("line", "string", "行名称"),
                Field("functional_code", "string", "功能分类科目编码", "functional-classification:generic:code"),
                Field("functional_name", "string", "功能分类科目名称", "functional-classification:generic:label"),
                Field("economic_code", "string", "经济分类科目编码", "economic-classification:generic:code"),
                Field("economic_name", "string", "经济分类科目名称", "economic-classification:generic:label"),
                Field("project", "string", "项目名称", "project:name"),
                Field("column_key", "string", "栏目标识"),
                Field("column_name", "string", "栏目名称"),
                AmountField("amount"))).WriteTo(json);
        foreach (var p in printed)
        {
            CsvResource($"{p.Code}-table-{p.Table}", $"{p.Name} {year} 年 表{p.Table} {p.Title}（按公开表样式）", p.Path,
                new JsonArray(p.Columns.Select((c, i) => (JsonNode)new JsonObject
                {
                    ["name"] = c.Length == 0 ? $"column{i + 1}" : c, ["type"] = "string",
                }).ToArray())).WriteTo(json);
            if (json.BytesPending > 64 * 1024) await json.FlushAsync(ct);
        }
        foreach (var l in lineFiles)
            CsvResource($"{l.Code}-line-items", $"{l.Name} {year} 年预算明细（十一张表由其汇总生成；列与预算明细导入模板相同）", l.Path,
                LineSheetFields()).WriteTo(json);
        foreach (var f in pdfFiles)
        {
            new JsonObject
            {
                ["name"] = $"{f.Code}-official-pdf", ["title"] = $"{f.Name} {year} 年部门预算公开（正式文件）", ["path"] = f.Path,
                ["format"] = "pdf", ["mediatype"] = "application/pdf",
            }.WriteTo(json);
            if (json.BytesPending > 64 * 1024) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }
}
