using System.ComponentModel;
using System.Text.Json.Serialization;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Disclosures;

namespace BudgetPortal.Web.Api;

// What the API answers, as types: the endpoints return them (CachedJson) and the OpenAPI document is
// generated from them. Nulls are written where a field has no value (JsonIgnoreCondition.Never),
// except inside the file form of a disclosure, which leaves out what is null (DisclosureDocument.JsonOptions).

[Description("有已发布预算公开的部门")]
public sealed record DepartmentListing(
    [property: Description("部门代码")] string Code,
    [property: Description("部门名称")] string Name,
    [property: Description("有已发布预算公开的年度")] IReadOnlyList<int> Years);

/// <summary>
/// A published disclosure as /api/v1/disclosures/{code}/{year} answers it: the file form
/// (budgetportal-disclosure/1, every field of <see cref="DisclosureDocument"/> in its order, forwarded
/// rather than copied; ApiTests checks that none is missing), then what the publication adds.
/// Withheld: the file form's <c>source</c>, the name of the file a draft was transcribed or imported
/// from (<see cref="Withheld"/>) — an internal working file (the seeds' names are hashes, an upload's
/// is whatever the officer's file was called), not a public document; the public source of the figures
/// is the published version itself, whose official PDF <see cref="OfficialPdf"/> gives.
/// </summary>
[Description("一个部门一个年度已发布的预算公开：公开文件格式 budgetportal-disclosure/1 的全部内容，加上版本、发布信息、表结构、名词解释和核验汇总")]
public sealed class PublishedDisclosure(DisclosureDocument document)
{
    /// <summary>The file form's fields the API does not answer (see the class's summary).</summary>
    public static readonly IReadOnlyList<string> Withheld = [nameof(DisclosureDocument.Source)];

    [Description("文件格式，budgetportal-disclosure/1")] public string Format => document.Format;
    public DepartmentDoc Department => document.Department;
    [Description("预算年度")] public int FiscalYear => document.FiscalYear;
    [Description("是否有封面")] public bool HasCover => document.HasCover;
    [Description("第一部分 部门概况")] public Overview Overview => document.Overview;
    [Description("十一张表，按表号（\"1\"…\"11\"）；空表 rows 为 []")] public Dictionary<string, TableDoc> Tables => document.Tables;
    [Description("第三部分 情况说明")] public List<NoteDoc> Notes => document.Notes;
    [Description("绩效目标表")] public PerformanceDoc Performance => document.Performance;
    public SignOffDoc SignOff => document.SignOff;

    [Description("版本号：第一次发布为 1，每次更正加 1")] public required int Version { get; init; }
    [Description("状态：已发布为 published")] public required DisclosureStatus Status { get; init; }
    [Description("本版本的正式文件（发布时打印存档的 PDF）的地址：数字的公开来源")] public required string OfficialPdf { get; init; }
    [Description("本版本的发布时间（UTC）")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public required DateTimeOffset? PublishedAt { get; init; }
    [Description("更正原因（第 1 版为 null）")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public required string? CorrectionReason { get; init; }
    [Description("数字的来源：lines 按预算明细编制（十一张表由明细汇总生成，明细见 /api/v1/disclosures/{code}/{year}/lines），tables 按表格编制")]
    public required BudgetBasis Basis { get; init; }
    [Description("金额单位")] public string Unit => "万元";
    [Description("各表的结构，按表号")] public required Dictionary<string, TableSchemaInfo> TableSchemas { get; init; }
    [Description("该年度的名词解释")] public required IReadOnlyList<GlossaryTerm> Glossary { get; init; }
    public required CheckSummary CheckSummary { get; init; }
}

[Description("一个已发布的版本：版本号、发布时间、更正原因，和它自己的网页、数据接口、正式文件的地址")]
public sealed record VersionListing(
    [property: Description("版本号：第一次发布为 1，每次更正加 1")] int Version,
    [property: Description("发布时间（UTC）"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? PublishedAt,
    [property: Description("更正原因（第 1 版为 null）"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CorrectionReason,
    [property: Description("是否为最新版本（年度的网页、数据接口和下载给出的版本）")] bool Latest,
    [property: Description("该版本的网页")] string Page,
    [property: Description("该版本的数据（与 /api/v1/disclosures/{code}/{year} 同样的内容）")] string Api,
    [property: Description("该版本发布时打印存档的正式文件 PDF")] string OfficialPdf)
{
    public static VersionListing Of(string code, int year, PublishedVersion v, bool latest) => new(
        v.Version, v.PublishedAt, v.CorrectionReason, latest,
        VersionAddresses.Page(code, year, v.Version), VersionAddresses.Api(code, year, v.Version), VersionAddresses.Pdf(code, year, v.Version));
}

[Description("预算明细的一条：功能分类的项、经济分类的款、支出类型、项目、资金来源和金额")]
public sealed record PublishedLine(
    [property: Description("功能分类科目编码（项，7 位数字）")] string FunctionalCode,
    [property: Description("功能分类科目名称（该年度目录中的名称；不在目录中时为 null）"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FunctionalName,
    [property: Description("经济分类科目编码（款，5 位数字）")] string EconomicCode,
    [property: Description("经济分类科目名称（该年度目录中的名称；不在目录中时为 null）"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? EconomicName,
    [property: Description("支出类型：personnel 人员经费、public 公用经费（二者为基本支出）、project 项目支出")] LineSpending Spending,
    [property: Description("项目名称（项目支出）；基本支出为 null"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Project,
    [property: Description("项目负责人；没有时为 null"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ProjectLeader,
    [property: Description("资金来源")] MoneySource Source,
    [property: Description("资金来源的名称，与预算明细导入模板的写法相同（如 一般公共预算拨款、单位资金—事业收入）")] string SourceLabel,
    [property: Description("金额（万元）")] decimal Amount)
{
    public static PublishedLine Of(BudgetLine l, YearCatalogs catalogs) => new(
        l.FunctionalCode, catalogs.Functional.NameOf(l.FunctionalCode), l.EconomicCode, catalogs.Economic.NameOf(l.EconomicCode),
        l.Spending, l.Project, l.ProjectLeader, l.Source, l.SourceInfo.Label, l.Amount);
}

[Description("表的结构：标题、版式、列、表头、编号行、固定行和支出功能分类的类")]
public sealed record TableSchemaInfo(
    [property: Description("表名")] string Title,
    [property: Description("版式")] TableLayout Layout,
    [property: Description("金额列：单元格以列的 key 为键")] IReadOnlyList<ColumnInfo> Columns,
    [property: Description("印出的表头，逐行")] IReadOnlyList<IReadOnlyList<HeaderCellInfo>> HeaderRows,
    [property: Description("编号行（※ … 1 2 3），没有时为 null"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyList<string>? NumberingRow,
    [property: Description("固定行")] IReadOnlyList<FixedRowInfo> FixedRows,
    [property: Description("表1、表4 列出的支出功能分类的类")] IReadOnlyList<CategoryInfo> ExpenditureCategories)
{
    /// <summary>The schema as answered: its 类 named by the year's 功能分类 catalog, as the tables print them.</summary>
    public static TableSchemaInfo Of(TableSchema s, ClassificationCatalog functional) => new(s.Title, s.Layout,
        [.. s.Columns.Select(c => new ColumnInfo(c.Key, c.Header, c.Number))],
        [.. s.HeaderRows.Select(r => (IReadOnlyList<HeaderCellInfo>)[.. r.Select(h => new HeaderCellInfo(h.Text, h.ColSpan, h.RowSpan))])],
        s.NumberingRow,
        [.. s.FixedRows.Select(f => new FixedRowInfo(f.Key, f.Label))],
        [.. s.ExpenditureCategories.Select(f => new CategoryInfo(f.Key, s.CategoryName(f.Key, functional)))]);
}

public sealed record ColumnInfo(
    [property: Description("列的键")] string Key,
    [property: Description("列名")] string Header,
    [property: Description("栏次，没有时为 null"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Number);

public sealed record HeaderCellInfo(string Text, int ColSpan, int RowSpan);

public sealed record FixedRowInfo(string Key, string Label);

public sealed record CategoryInfo([property: Description("类的编码")] string Code, [property: Description("类的名称")] string Name);

[Description("名词解释中的一条")]
public sealed record GlossaryTerm([property: Description("序号（一、二……）")] string Number, string Term, string Text);

[Description("数据核验汇总：未通过的比对按严重程度计数，以及比对总数")]
public sealed record CheckSummary(int Errors, int Rounding, int Warnings, int Comparisons)
{
    public static CheckSummary Of(CheckReport report) =>
        new(report.Errors, report.RoundingGaps, report.Warnings, report.Results.Count);
}

[Description("数据核验的一处比对")]
public sealed record CheckComparison(
    [property: Description("规则编号")] string Rule,
    [property: Description("严重程度：error 错误、rounding 舍入差异、warning 提示")] Severity Severity,
    [property: Description("结果")] Outcome Outcome,
    [property: Description("说明，写出比对的两个数")] string Message,
    [property: Description("位置")] string Location)
{
    public static CheckComparison Of(CheckResult r) => new(r.Rule, r.Severity, r.Outcome, r.Message, r.Location);
}

[Description("分类科目查找的一个结果")]
public sealed record ClassificationMatch(
    [property: Description("科目编码")] string Code,
    [property: Description("印出的编码（类 款 项之间有空格）")] string Printed,
    [property: Description("科目名称；两个目录中都没有时为 null"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Name,
    [property: Description("级次：1 类、2 款、3 项")] int Level,
    [property: Description("inCatalog 在该年度目录中，previousYear 只在上一年度目录中，notInCatalog 都不在")] CatalogStatus Status);
