using System.Text.RegularExpressions;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// The result of an import: the disclosure in the file form and the report. The document holds
/// every part that was read; the parts that could not be read are left empty and listed in the
/// report (<see cref="ImportReport.FailedParts"/>). It is null only when the file is not a
/// disclosure at all (no department and year, or not one table).
/// </summary>
public sealed record ImportResult(DisclosureDocument? Document, ImportReport Report)
{
    /// <summary>
    /// The 项 of 说明五(三) that neither 表5 nor a catalog names, kept by their printed names (the
    /// department's previous disclosure, when given, is asked before).
    /// </summary>
    public IReadOnlyList<string> ItemsByName { get; init; } = [];

    /// <summary>Every part was read: nothing is left for an officer.</summary>
    public bool Succeeded => Document is not null && Report.Succeeded;

    /// <summary>A disclosure was read, but parts of it are left empty for an officer to complete.</summary>
    public bool Partial => Document is not null && !Report.Succeeded;
}

/// <summary>
/// A department's latest published disclosure before the year imported: its year and the 功能分类 rows
/// (code and name) of its 表2, 表3 and 表5 — where a 项 that has left the catalogs (its budget fell to
/// 0.00, 说明五(三) still lists it) is still named.
/// </summary>
public sealed record PreviousDisclosure(int FiscalYear, IReadOnlyList<(string Code, string Name)> Functional);

/// <summary>What the readers of the parts share: the year, the department, the catalog, the report and the tables read so far.</summary>
public sealed class ImportContext
{
    public required int Year { get; init; }
    public required string Department { get; init; }
    public required ImportCatalog Catalog { get; init; }
    public required ImportReport Report { get; init; }
    public Dictionary<string, TableDoc> Tables { get; } = [];

    /// <summary>The department's previous published disclosure (its 功能分类 rows), or null when none was given.</summary>
    public PreviousDisclosure? Previous { get; init; }

    /// <summary>The 项 the notes name that no table, catalog or previous disclosure names: kept by their printed names.</summary>
    public List<string> ItemsByName { get; } = [];

    public TableDoc? Table(int n) => Tables.GetValueOrDefault(n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// The standard name of a 功能分类 类: the year's catalog's (the nearest year it has), else the name the
    /// year's 表1 layout prints; null for a code neither knows (read as printed, and reported).
    /// </summary>
    public string? CategoryName(string code) =>
        Catalog.Name(ClassificationScheme.Functional, Year, code) ?? Table1.LayoutCategoryName(code);

    /// <summary>The 类 a name stands for (说明四, 五(二)): the year's catalog, else the 表1 layout's list.</summary>
    public string? CategoryCode(string name) =>
        Catalog.Find(ClassificationScheme.Functional, Year, 3, name, null) ?? Table1.ExpenditureCategories.FirstOrDefault(c => c.Label == name)?.Key;

    private TableSchema Table1 => TableSchemas.For(TableKind.IncomeAndExpenditure, Year);
}

/// <summary>
/// Imports a published disclosure from its extracted text (the seeds' text, or `pdftotext -layout`
/// of a PDF) into the file form: the four parts, the eleven tables, the notes with their figures,
/// the performance sheets and the sign-off. Nothing is guessed silently: every placement that is
/// not printed is reported as inferred, and anything that cannot be read fails the import.
/// </summary>
public static partial class DisclosureImporter
{
    /// <param name="previous">
    /// The department's previous published disclosure, the last place a 项 that 说明五(三) names is looked
    /// for (after 表5 and the catalogs): the caller finds it by the department and year the first import
    /// read (<see cref="ImportResult.ItemsByName"/> says when it is needed).
    /// </param>
    public static ImportResult Import(string text, string source, ImportCatalog catalog, string? departmentCode = null, PreviousDisclosure? previous = null)
    {
        var report = new ImportReport { Source = source };
        var lines = LayoutText.IsLayout(text) ? LayoutText.Lines(text) : SourceText.Lines(text);

        int Find(Func<string, bool> match, int from = 0, int to = int.MaxValue)
        {
            for (var i = Math.Max(0, from); i < Math.Min(lines.Count, to); i++) if (match(lines[i].Text)) return i;
            return -1;
        }
        // The four parts, each found after the ones before it that were found (a 目录 lists them too:
        // 第一部分 is the last one followed by 主要职能).
        var p1 = -1;
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].Text.StartsWith("第一部分", StringComparison.Ordinal) && Find(t => t.Contains("主要职能"), i + 1, i + 4) >= 0) p1 = i;
        var p2 = Find(t => t.StartsWith("第二部分", StringComparison.Ordinal), p1 + 1);
        var firstTable = Find(t => TableStart().IsMatch(t), p1 + 1);
        var tablesAt = p2 >= 0 ? p2 : firstTable - 1;
        var p3 = Find(t => t.StartsWith("第三部分", StringComparison.Ordinal), Math.Max(p1, tablesAt) + 1);
        var p4 = Find(t => t.StartsWith("第四部分", StringComparison.Ordinal), Math.Max(Math.Max(p1, tablesAt), p3) + 1);
        var missing = new[] { (p1, "第一部分 部门概况"), (p2, "第二部分 预算公开表"), (p3, "第三部分 情况说明"), (p4, "第四部分 名词解释") }
            .Where(p => p.Item1 < 0).Select(p => p.Item2).ToList();

        // 第一部分 {Y} 年{部门}部门概况, possibly wrapped; else the department of the tables' 编制部门 and the year of a part's title.
        var headingEnd = p1;
        int? year = null;
        string? department = null;
        if (p1 >= 0)
        {
            var heading = lines[p1].Text;
            while (!heading.Contains("概况") && headingEnd + 1 < lines.Count && headingEnd - p1 < 3) heading += lines[++headingEnd].Text;
            if (PartOneHeading().Match(heading) is { Success: true } hm)
            {
                year = int.Parse(hm.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                department = hm.Groups[2].Value.Trim();
            }
            else report.Fail("第一部分", "第一部分的标题应为“第一部分 YYYY 年{部门}部门概况”。", [heading]);
        }
        department ??= lines.Select(l => UnitLine().Match(l.Text)).FirstOrDefault(m => m.Success)?.Groups[1].Value.Trim();
        year ??= lines.Select(l => PartYear().Match(l.Text)).FirstOrDefault(m => m.Success) is { } ym
            ? int.Parse(ym.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        if (department is not { Length: > 0 } || year is null || firstTable < 0)
        {
            var lacks = new[] { (department is { Length: > 0 }, "部门"), (year is not null, "年度"), (firstTable >= 0, "预算公开表") }.Where(x => !x.Item1).Select(x => x.Item2);
            report.Fail("文档结构", $"找不到{string.Join("、", lacks)}：这不像一份部门预算公开。", lines.Take(5).Select(l => l.ToString()));
            report.Refused = true;
            return new ImportResult(null, report);
        }
        if (missing.Count > 0) report.Infer("文档结构", $"找不到{string.Join("、", missing)}的标题：其余部分照常读取，缺少的部分留待填写。");
        report.Recognise("文档结构", $"{year} 年 {department}："
            + string.Join("，", new[] { (p1, "概况"), (tablesAt, "公开表"), (p3, "情况说明"), (p4, "名词解释") }.Where(p => p.Item1 >= 0).Select(p => $"{p.Item2}第 {lines[p.Item1].Number} 行")));

        var ctx = new ImportContext { Year = year.Value, Department = department, Catalog = catalog, Report = report, Previous = previous };
        var doc = new DisclosureDocument
        {
            Source = source,
            Department = new DepartmentDoc { Code = departmentCode ?? DepartmentCodes.Derive(department), Name = department },
            FiscalYear = year.Value,
            HasCover = Find(t => t.Replace(" ", "") == "目录", 0, p1 >= 0 ? p1 : tablesAt) >= 0,
        };
        int End(params int[] after) => after.Where(x => x >= 0).DefaultIfEmpty(lines.Count).Min();
        List<SourceLine> Range(int from, int to) => lines.Skip(from).Take(Math.Max(0, to - from)).ToList();

        if (p1 >= 0) doc.Overview = ReadOverview(Range(headingEnd + 1, End(p2 >= 0 ? p2 : firstTable, p3, p4)), ctx);
        else report.Fail("第一部分", "找不到第一部分 部门概况（主要职能、机构设置及人员情况）。");
        TableReader.ReadAll(Range(tablesAt + 1, End(p3, p4)), ctx);
        foreach (var kind in TableSchemas.All)
        {
            var key = ((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (ctx.Tables.TryGetValue(key, out var t)) doc.Tables[key] = t;
            else if (!report.FailedParts.Contains($"表{(int)kind}")) report.Fail($"表{(int)kind}", $"找不到表{(int)kind} {TableSchemas.Title(kind)}。");
        }
        if (p3 >= 0)
        {
            var (notes, performance) = NoteReader.Read(Range(p3 + 1, End(p4)), ctx);
            doc.Notes = notes;
            doc.Performance = performance;
        }
        else report.Fail("第三部分", "找不到第三部分 情况说明：十二节说明和绩效目标表留待填写。");
        if (p4 >= 0) doc.SignOff = ReadGlossaryAndSignOff(Range(p4 + 1, lines.Count), ctx);
        else report.Fail("落款", "找不到第四部分 名词解释和落款。");

        // The checks run on the draft exactly as the portal would store it. A table the domain refuses
        // (a row it cannot hold) is left empty and listed like any part that could not be read.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var draft = new Disclosure(new Department(doc.Department.Code, doc.Department.Name), year.Value);
                // The imported notes are the document's own (none drafted by the portal until an officer asks): no catalog names 类 here.
                doc.ApplyTo(draft, null);
                report.Checks = ConsistencyChecks.Run(draft);
                return new ImportResult(doc, report) { ItemsByName = ctx.ItemsByName };
            }
            catch (DomainException e) when (attempt < 11 && RefusedTable().Match(e.Message) is { Success: true } m && doc.Tables.Remove(m.Groups[1].Value))
            {
                report.Fail($"表{m.Groups[1].Value}", $"读出的内容不能组成这张表：{e.Message}");
            }
            catch (DomainException e)
            {
                report.Fail("文档", $"读出的内容不能组成预算公开：{e.Message}");
                report.Refused = true;
                return new ImportResult(null, report);
            }
        }
    }

    private static Overview ReadOverview(List<SourceLine> lines, ImportContext ctx)
    {
        var overview = new Overview();
        var functionsAt = lines.FindIndex(l => l.Text.Contains("主要职能"));
        var structureAt = lines.FindIndex(l => l.Text.Contains("机构设置及人员情况"));
        if (functionsAt < 0 || structureAt < functionsAt)
        {
            ctx.Report.Fail("第一部分", "找不到“一、 主要职能”和“二、 机构设置及人员情况”。", lines.Take(3).Select(l => l.ToString()));
            return overview;
        }
        overview.Functions = Prose.Paragraphs(lines.Skip(functionsAt + 1).Take(structureAt - functionsAt - 1).Where(l => !SourceText.IsPageNumber(l.Text))).Select(Prose.JoinNumbers).ToList();
        // The two sentences are read from the section's text joined whole, wherever its lines were broken.
        var structureLines = lines.Skip(structureAt + 1).Where(l => !SourceText.IsPageNumber(l.Text)).ToList();
        var joined = Prose.JoinNumbers(string.Concat(structureLines.Select(l => l.Text.Trim())));
        var structure = Prose.Normalise(joined);
        var units = Units().Match(structure);
        var staff = Staff().Match(structure);
        var cut = units.Success ? units.Index + units.Length : -1;
        while (cut > 0 && cut < structure.Length && structure[cut] == '。') cut++; // “…产业援疆科。。” as printed
        if (!units.Success || !staff.Success || staff.Index < cut || !structure.EndsWith('。') || structure[cut..].Count(c => c == '。') != 1)
        {
            ctx.Report.Fail("第一部分", "机构设置及人员情况应为两句：“…下设 n 个科室，分别是：…。”和“…编制数 a，实有人数 b 人，其中：在职 …”。",
                structureLines.Select(l => l.ToString()));
            return overview;
        }
        overview.StructureText = [joined[..cut], joined[cut..]];
        overview.SubordinateUnits = units.Groups["sub"].Success ? int.Parse(units.Groups["sub"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        overview.UnitWord = units.Groups["word"].Value;
        overview.InternalUnits = units.Groups["list"].Value.TrimEnd('。').Split('、').Select(s => s.Trim()).ToList();
        int N(string g) => int.Parse(staff.Groups[g].Value, System.Globalization.CultureInfo.InvariantCulture);
        int Signed(string word, string g) => staff.Groups[word].Value == "减少" ? -N(g) : N(g);
        overview.Staff = new StaffFigures
        {
            Authorized = N("auth"), Actual = N("actual"), Active = N("active"), ActiveChange = Signed("aw", "ac"),
            Retired = N("retired"), RetiredChange = Signed("rw", "rc"), Honorary = N("hon"), HonoraryChange = Signed("hw", "hc"),
        };
        ctx.Report.Recognise("第一部分", $"主要职能 {overview.Functions.Count} 段；下设 {overview.InternalUnits.Count} 个{overview.UnitWord}；编制数 {overview.Staff.Authorized}，实有人数 {overview.Staff.Actual}");
        return overview;
    }

    private static SignOffDoc ReadGlossaryAndSignOff(List<SourceLine> lines, ImportContext ctx)
    {
        var signOff = new SignOffDoc();
        var dateAt = lines.FindLastIndex(l => SignOffDate().IsMatch(l.Text));
        if (dateAt < 1)
        {
            ctx.Report.Fail("落款", "找不到落款日期（“YYYY 年 M 月 D 日”）。", lines.TakeLast(3).Select(l => l.ToString()));
            return signOff;
        }
        var m = SignOffDate().Match(lines[dateAt].Text);
        int G(int i) => int.Parse(m.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture);
        signOff.Text = lines[dateAt].Text;
        signOff.Date = new DateOnly(G(1), G(2), G(3));
        signOff.Name = lines[dateAt - 1].Text;
        var terms = lines.Take(dateAt - 1).Count(l => GlossaryTerm().IsMatch(l.Text));
        // The glossary is not stored (the year's standard text is shown): fewer terms are said, nothing is left to fill.
        if (terms < 8)
            ctx.Report.Infer("第四部分", $"名词解释应有八条，只读到 {terms} 条；显示年度标准文本。");
        else
            ctx.Report.Recognise("第四部分", $"名词解释 {terms} 条（按年度标准文本显示，见 seeds/glossary）；落款 {signOff.Name} {signOff.Text}");
        return signOff;
    }

    [GeneratedRegex(@"^表\s*(\d{1,2})$")]
    private static partial Regex TableStart();

    [GeneratedRegex(@"^编制部门[：:]\s*(.+?)\s*(?:单位[：:].*)?$")]
    private static partial Regex UnitLine();

    [GeneratedRegex(@"^第[二三]部分\s*(\d{4})\s*年")]
    private static partial Regex PartYear();

    [GeneratedRegex(@"^表(\d{1,2})")]
    private static partial Regex RefusedTable();

    [GeneratedRegex(@"^第一部分\s*(\d{4})\s*年(.+?)部门概况$")]
    private static partial Regex PartOneHeading();

    [GeneratedRegex(@"(?:无下属预算单位|下属预算单位\s*(?<sub>\d+)\s*个)\s*，\s*下设\s*\d+\s*个(?<word>[^，。、\s]{1,3}?)\s*，\s*分别是\s*：\s*(?<list>[^。]+)。")]
    private static partial Regex Units();

    [GeneratedRegex(@"编制数\s*(?<auth>\d+)\s*，\s*实有人数\s*(?<actual>\d+)\s*人\s*，\s*其中\s*：\s*在职\s*(?<active>\d+)\s*人\s*，\s*(?<aw>增加|减少)\s*(?<ac>\d+)\s*人\s*；\s*退休\s*(?<retired>\d+)\s*人\s*，\s*(?<rw>增加|减少)\s*(?<rc>\d+)\s*人\s*；\s*离休\s*(?<hon>\d+)\s*人\s*，\s*(?<hw>增加|减少)\s*(?<hc>\d+)\s*人")]
    private static partial Regex Staff();

    [GeneratedRegex(@"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")]
    private static partial Regex SignOffDate();

    [GeneratedRegex(@"^[一二三四五六七八]、\s*[^，。]{2,12}[:：]")]
    private static partial Regex GlossaryTerm();
}
