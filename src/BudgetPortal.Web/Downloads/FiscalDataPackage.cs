using System.Globalization;
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
/// What a year's zip says (<see cref="YearPackage"/>): `budget-lines.csv` (every stated amount as a line:
/// department, year, table, classification, project, column, amount), each table of each disclosure
/// as printed (`{folder}/表N.csv`), the 预算明细 of each line-based disclosure (`{folder}/预算明细.csv`, the
/// columns of the line template: <see cref="LinesCsv"/>), its official PDF, and `datapackage.json`
/// describing them in the Fiscal Data Package form (Frictionless), so OpenSpending-style tools read it
/// directly. A version's lines and resources are made here once, at publication (<see cref="YearPackageParts"/>);
/// the header and the end of each file per request.
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

    /// <summary>budget-lines.csv's first bytes: the BOM and the header line.</summary>
    public static byte[] LinesHeader() => [.. TableCsv.Utf8WithBom.GetPreamble(), .. Encoding.UTF8.GetBytes(TableCsv.Line(LineColumns))];

    /// <summary>A version's lines of budget-lines.csv (<see cref="Lines"/>, no header), UTF-8.</summary>
    public static byte[] LinesOf(Disclosure d)
    {
        var text = new StringBuilder();
        foreach (var line in Lines(d)) text.Append(TableCsv.Line(line));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The official PDF's place in the year's package: in the department's folder, named as the download names it.</summary>
    public static string PdfPath(string folder, Disclosure d) => $"{folder}/{PdfName(d)}";

    /// <summary>The official PDF's name, as the download names it.</summary>
    public static string PdfName(Disclosure d) => FolderName($"{d.DepartmentName}{d.FiscalYear}年部门预算公开.pdf");

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

    private static JsonWriterOptions Compact => new() { Encoder = DisclosureDocument.JsonOptions.Encoder };

    /// <summary>
    /// datapackage.json up to its first resource (budget-lines.csv), without closing the list: the
    /// versions' resources (<see cref="ResourcesOf"/>, stored at publication) follow, each line starting
    /// with a comma, and then <see cref="Footer"/>. <paramref name="created"/> is the year's last
    /// publication, so the same versions give the same bytes.
    /// </summary>
    public static byte[] Header(int year, DateTimeOffset created)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Compact))
        {
            json.WriteStartObject();
            json.WriteString("profile", "fiscal-data-package");
            json.WriteString("name", $"budgetportal-{year}");
            json.WriteString("title", $"{year} 年部门预算公开数据");
            json.WriteString("description", "各部门已发布的部门预算公开（最新版本）。金额单位：万元；表中空白即为零，不单独成行。每个部门一个文件夹（以部门名称命名），含各表 CSV、预算明细和正式文件 PDF（已打印的）。");
            json.WriteString("language", "zh-CN");
            json.WriteString("countryCode", "CN");
            json.WritePropertyName("fiscalPeriod");
            new JsonObject { ["start"] = $"{year}-01-01", ["end"] = $"{year}-12-31" }.WriteTo(json);
            json.WriteString("created", created.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            json.WritePropertyName("licenses");
            new JsonArray(new JsonObject { ["name"] = "other-pd", ["title"] = "政府信息公开" }).WriteTo(json);
            json.WriteStartArray("resources");
            json.Flush();
        }
        buffer.Write("\n"u8);
        using (var json = new Utf8JsonWriter(buffer, Compact))
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
        return buffer.ToArray();
    }

    /// <summary>datapackage.json's end: the resource list and the package closed.</summary>
    public static byte[] Footer() => "\n]}\n"u8.ToArray();

    /// <summary>A version's resources of datapackage.json — its eleven tables and its 预算明细 — one a line, each line starting with a comma.</summary>
    public static byte[] ResourcesOf(Disclosure d, string folder)
    {
        using var buffer = new MemoryStream();
        var year = d.FiscalYear;
        foreach (var kind in TableSchemas.All)
        {
            var schema = TableSchemas.For(kind, year);
            var n = (int)kind;
            Line(buffer, CsvResource($"{d.Department.Code}-table-{n}", $"{d.DepartmentName} {year} 年 表{n} {schema.Title}（按公开表样式）",
                $"{folder}/表{n}.csv", new JsonArray(schema.ColumnNames.Select((c, i) => (JsonNode)new JsonObject
                {
                    ["name"] = c.Length == 0 ? $"column{i + 1}" : c, ["type"] = "string",
                }).ToArray())));
        }
        if (d.IsLineBased)
            Line(buffer, CsvResource($"{d.Department.Code}-line-items", $"{d.DepartmentName} {year} 年预算明细（十一张表由其汇总生成；列与预算明细导入模板相同）",
                LinesCsv.PackagePath(folder), LineSheetFields()));
        return buffer.ToArray();
    }

    /// <summary>The resource of a version's official PDF, the same way (added to the package once the PDF is stored).</summary>
    public static byte[] PdfResourceOf(Disclosure d, string folder)
    {
        using var buffer = new MemoryStream();
        Line(buffer, new JsonObject
        {
            ["name"] = $"{d.Department.Code}-official-pdf", ["title"] = $"{d.DepartmentName} {d.FiscalYear} 年部门预算公开（正式文件）",
            ["path"] = PdfPath(folder, d), ["format"] = "pdf", ["mediatype"] = "application/pdf",
        });
        return buffer.ToArray();
    }

    private static void Line(MemoryStream buffer, JsonObject resource)
    {
        buffer.Write(",\n"u8);
        using var json = new Utf8JsonWriter(buffer, Compact);
        resource.WriteTo(json);
    }
}
