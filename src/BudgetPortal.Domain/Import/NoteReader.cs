using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Domain.Import;

/// <summary>
/// Reads 第三部分: the twelve sections (五 and 十二 with their sub-sections), their paragraphs with
/// the wrapping undone, and the figures the paragraphs quote (docs/disclosure-format.md `lines`
/// and `figures`), and hands the performance sheets of 十二(四) to <see cref="SheetReader"/>.
/// </summary>
public static partial class NoteReader
{
    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

    private static readonly Dictionary<string, string[]> SubHeadings = new()
    {
        ["5"] = ["一般公共预算当年拨款规模变化情况", "一般公共预算当年拨款结构情况", "一般公共预算当年拨款具体使用情况"],
        ["12"] = ["单位运行经费情况", "政府采购情况", "国有资产占用使用情况", "预算绩效情况", "其他需说明的事项"],
    };

    public static (List<NoteDoc> Notes, PerformanceDoc Performance) Read(List<SourceLine> lines, ImportContext ctx)
    {
        var notes = new List<NoteDoc>();
        var performance = new PerformanceDoc();
        var blocks = new List<(NoteDoc Note, List<SourceLine> Body)>();
        var next = 0;
        NoteDoc? section = null;
        List<SourceLine>? body = null;
        List<SourceLine>? sheets = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var text = lines[i].Text;
            if (next < Numerals.Length && text.StartsWith(Numerals[next] + "、", StringComparison.Ordinal)
                && (text.Contains("关于") || text.Contains("其他重要事项")))
            {
                var heading = text;
                while (!heading.EndsWith("说明", StringComparison.Ordinal) && i + 1 < lines.Count && heading.Length < 120) heading += lines[++i].Text;
                section = new NoteDoc { Key = (next + 1).ToString(CultureInfo.InvariantCulture), Heading = heading };
                body = [];
                blocks.Add((section, body));
                next++;
                sheets = null;
                continue;
            }
            if (section is not null && SubHeadings.TryGetValue(section.Key.Split('.')[0], out var subs)
                && SubHeading().Match(text) is { Success: true } sm && Array.IndexOf(subs, sm.Groups[2].Value) is >= 0 and var at)
            {
                var parent = section.Key.Split('.')[0];
                section = new NoteDoc { Key = $"{parent}.{at + 1}", Heading = text };
                body = [];
                blocks.Add((section, body));
                sheets = null;
                continue;
            }
            if (section?.Key == "12.4" && (text.StartsWith("部门整体绩效目标表", StringComparison.Ordinal) || text.StartsWith("项目支出绩效目标表", StringComparison.Ordinal)))
                sheets ??= [];
            if (sheets is not null) { sheets.Add(lines[i]); continue; }
            if (body is null) continue;
            if (SourceText.IsPageNumber(text) && text.Length <= 2) continue;
            body.Add(lines[i]);
        }
        if (next < Numerals.Length)
            ctx.Report.Fail("第三部分", $"情况说明只找到 {next} 节，应有十二节（缺“{Numerals[next]}、”）。");

        foreach (var (note, lines2) in blocks)
        {
            note.Paragraphs = Prose.Paragraphs(lines2).Select(Prose.JoinNumbers).ToList();
            notes.Add(note);
            try
            {
                ReadFigures(note, ctx);
            }
            catch (DomainException e)
            {
                // Read exactly or left empty: the section's text and figures are for an officer to enter.
                note.Paragraphs.Clear();
                note.Lines.Clear();
                note.Figures.Clear();
                ctx.Report.Fail($"说明{note.Key}", e.Message, lines2.Select(l => l.ToString()));
            }
        }
        var sheetLines = new List<SourceLine>();
        var inSheets = false;
        foreach (var l in lines)
        {
            if (l.Text.StartsWith("部门整体绩效目标表", StringComparison.Ordinal) || l.Text.StartsWith("项目支出绩效目标表", StringComparison.Ordinal)) inSheets = true;
            else if (SubHeading().Match(l.Text) is { Success: true } m && m.Groups[2].Value == "其他需说明的事项") inSheets = false;
            if (inSheets) sheetLines.Add(l);
        }
        performance = SheetReader.Read(sheetLines, ctx);
        ctx.Report.Recognise("第三部分", $"情况说明 {notes.Count} 节（含五、十二的小节），共 {notes.Sum(n => n.Paragraphs.Count)} 段，{notes.Sum(n => n.Lines.Count)} 条数据行");
        return (notes, performance);
    }

    private const string X = @"(\d[\d,]*(?:\.\d+)?)";

    private static void ReadFigures(NoteDoc note, ImportContext ctx)
    {
        var all = Prose.Normalise(string.Concat(note.Paragraphs));
        var paragraphs = note.Paragraphs.Select(Prose.Normalise).ToList();
        var part = $"说明{note.Key}";
        decimal Num(string s) => Prose.Amount(s) ?? throw new DomainException($"{part}：“{s}”不是数字。");
        decimal? Find(string pattern, string? text = null) =>
            Regex.Match(text ?? all, pattern) is { Success: true } m ? Num(m.Groups[1].Value) : null;
        void Figure(string key, decimal? value)
        {
            if (value is { } v) note.Figures[key] = JsonSerializer.SerializeToElement(v);
        }
        void List(string key, string? text)
        {
            if (text is null) return;
            note.Figures[key] = JsonSerializer.SerializeToElement(text.TrimEnd('。', '.').Split('、').Select(s => s.Trim()).ToList());
        }
        string? Text(string pattern) => Regex.Match(all, pattern) is { Success: true } m ? m.Groups[1].Value : null;

        switch (note.Key)
        {
            case "1":
                Figure("total", Find(@"收支总预算\s*" + X + @"\s*万元"));
                List("incomeSources", Text(@"收入预算包括[：:]([^。]*)。"));
                List("expenditureCategories", Text(@"支出预算包括[：:]([^。]*)。"));
                break;
            case "2":
                Figure("total", Find(@"收入预算\s*" + X + @"\s*万元"));
                foreach (var p in paragraphs) note.Lines.AddRange(SourceLines(p));
                break;
            case "3":
                Figure("total", Find(@"支出预算\s*" + X + @"\s*万元"));
                note.Lines.AddRange(Labelled(paragraphs, ("basic", "基本支出"), ("project", "项目支出")));
                break;
            case "4":
                Figure("total", Find(@"收支总预算\s*" + X + @"\s*万元"));
                Figure("generalBudgetIncome", Find(@"收入预算包括[：:]一般公共预算拨款\s*" + X));
                if (paragraphs.FirstOrDefault(p => p.StartsWith("一般公共预算支出包括", StringComparison.Ordinal)) is { } uses)
                {
                    foreach (var item in uses[(uses.IndexOfAny(['：', ':']) + 1)..].TrimEnd('。').Split(['；', ';']))
                    {
                        var m = Regex.Match(item, @"^(.+?)\s*" + X + @"\s*万元[，,]\s*主要用于(.*)$");
                        if (!m.Success) throw new DomainException($"{part}：读不出“{item}”的类、金额和用途。");
                        var name = m.Groups[1].Value.Trim();
                        var code = ctx.CategoryCode(name) ?? throw new DomainException($"{part}：“{name}”不是支出功能分类的类。");
                        note.Lines.Add(new NoteLine { Key = code, Label = name, Amount = Num(m.Groups[2].Value), Purpose = m.Groups[3].Value.Trim() });
                    }
                }
                break;
            case "5.1":
                Figure("total", Find(@"拨款合计\s*" + X + @"\s*万元"));
                note.Lines.AddRange(Labelled(paragraphs, ("basic", "基本支出"), ("project", "项目支出")));
                break;
            case "5.2":
            {
                foreach (var p in paragraphs)
                {
                    var m = Regex.Match(p, @"^\d+[、.．]\s*(.+?)（类）\s*" + X + @"\s*万元[，,]\s*占\s*" + X + @"\s*%");
                    if (!m.Success) throw new DomainException($"{part}：读不出“{p}”的类、金额和占比。");
                    var name = m.Groups[1].Value.Trim();
                    var code = ctx.CategoryCode(name) ?? throw new DomainException($"{part}：“{name}”不是支出功能分类的类。");
                    note.Lines.Add(new NoteLine { Key = code, Label = name, Amount = Num(m.Groups[2].Value), Share = Num(m.Groups[3].Value) });
                }
                break;
            }
            case "5.3":
                foreach (var p in paragraphs)
                {
                    var m = Regex.Match(p, @"^\d+[、.．]\s*((.+?)（类）(.+?)（款）(.+?)（项）)[：:]\s*\d{4}\s*年预算数为\s*" + X + @"\s*万元");
                    if (!m.Success) throw new DomainException($"{part}：读不出“{p}”的科目和预算数。");
                    var code = ItemCode(ctx, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value);
                    if (code is null)
                    {
                        // Kept by name: the line holds the printed figures under its name, for an officer to give it its code.
                        ctx.ItemsByName.Add(m.Groups[1].Value);
                        ctx.Report.Infer(part, $"“{m.Groups[1].Value}”不在表5、{ctx.Year} 年或上年的分类目录{(ctx.Previous is null ? "" : $"和本部门 {ctx.Previous.FiscalYear} 年的公开")}中：按名称保存，科目编码留待填写。");
                    }
                    var line = new NoteLine { Key = code ?? $"item{note.Lines.Count + 1}", Label = m.Groups[1].Value, Amount = Num(m.Groups[5].Value) };
                    Change(line, p[m.Length..]);
                    note.Lines.Add(line);
                }
                break;
            case "6":
                Figure("total", Find(@"基本支出\s*" + X + @"\s*万元"));
                Figure("personnel", Find(@"人员经费\s*" + X + @"\s*万元"));
                Figure("public", Find(@"公用经费\s*" + X + @"\s*万元"));
                List("personnelItems", Text(@"人员经费\s*[\d.]+\s*万元[，,]\s*主要包括[：:]([^。]*)。"));
                List("publicItems", Text(@"公用经费\s*[\d.]+\s*万元[，,]\s*主要包括[：:]([^。]*)。"));
                break;
            case "7":
            {
                NoteLine? project = null;
                foreach (var p in paragraphs)
                {
                    if (Regex.Match(p, @"^[（(][一二三四五六七八九十]+[)）]\s*项目名称[：:](.*)$") is { Success: true } m)
                    {
                        project = new NoteLine { Key = $"project{note.Lines.Count + 1}", Label = m.Groups[1].Value.Trim() };
                        note.Lines.Add(project);
                        continue;
                    }
                    if (project is null) continue;
                    string After(string label) => p[(p.IndexOfAny(['：', ':']) + 1)..];
                    if (p.StartsWith("设立的政策依据", StringComparison.Ordinal)) project.PolicyBasis = After(p);
                    else if (p.StartsWith("预算安排规模", StringComparison.Ordinal)) project.Amount = Find(X, After(p));
                    else if (p.StartsWith("项目承担单位", StringComparison.Ordinal)) project.Unit = After(p);
                    else if (p.StartsWith("资金分配情况", StringComparison.Ordinal)) project.Allocation = After(p);
                    else if (p.StartsWith("资金执行时间", StringComparison.Ordinal)) project.Period = After(p);
                }
                break;
            }
            case "10":
                ReadThreePublic(note, part);
                break;
            case "11":
                if (all.Contains("为空表")) break;
                Figure("total", Find(@"上年结转结余\s*" + X + @"\s*万元"));
                Figure("fiscal", Find(@"包括[：:]\s*财政拨款\s*" + X + @"\s*万元"));
                Figure("nonFiscal", Find(@"非财政拨款\s*" + X + @"\s*万元"));
                foreach (var p in paragraphs.Skip(1))
                {
                    var m = Regex.Match(p, @"^\d+\s*[、.．]\s*(.+?)\s*" + X + @"\s*万元[，,]\s*主要用于(.*?)。?$");
                    if (!m.Success) throw new DomainException($"{part}：读不出“{p}”的项目、金额和用途。");
                    note.Lines.Add(new NoteLine { Key = $"project{note.Lines.Count + 1}", Label = m.Groups[1].Value, Amount = Num(m.Groups[2].Value), Purpose = m.Groups[3].Value.Trim() });
                }
                break;
            case "12.1":
            {
                var m = Regex.Match(all, @"的(机关|事业单位)运行经费财政拨款预算\s*" + X + @"\s*万元");
                if (!m.Success) throw new DomainException($"{part}：读不出运行经费的金额。");
                var line = new NoteLine { Key = "operating", Amount = Num(m.Groups[2].Value) };
                Change(line, all[(m.Index + m.Length)..]);
                note.Lines.Add(line);
                note.Figures["unitKind"] = JsonSerializer.SerializeToElement(m.Groups[1].Value);
                break;
            }
            case "12.2":
                Figure("total", Find(@"政府采购预算\s*" + X));
                Figure("goods", Find(@"货物预算\s*" + X));
                Figure("works", Find(@"工程预算\s*" + X));
                Figure("services", Find(@"服务预算\s*" + X));
                Figure("smeReserved", Find(@"面向中小企业预留政府采购项目预算金额\s*" + X));
                Figure("smallMicroReserved", Find(@"小微企业预留政府采购项目预算金额\s*" + X));
                break;
            case "12.3":
                Figure("asOfYear", Find(@"截至\s*(\d{4})\s*年底"));
                Figure("buildingArea", Find(@"房屋\s*" + X + @"\s*平方米"));
                Figure("buildingValue", Find(@"房屋\s*[\d.,]+\s*平方米[，,]\s*价值\s*" + X));
                Figure("vehicles", Find(@"车辆\s*" + X + @"\s*辆"));
                Figure("vehiclesValue", Find(@"\d\.\s*车辆\s*[\d]+\s*辆[，,]\s*价值\s*" + X));
                Figure("generalVehicles", Find(@"一般公务用车\s*" + X + @"\s*辆"));
                Figure("generalVehiclesValue", Find(@"一般公务用车\s*\d+\s*辆[，,]\s*价值\s*" + X));
                Figure("enforcementVehicles", Find(@"执法执勤用车\s*" + X + @"\s*辆"));
                Figure("enforcementVehiclesValue", Find(@"执法执勤用车\s*\d+\s*辆[，,]\s*价值\s*" + X));
                Figure("otherVehicles", Find(@"其他车辆\s*" + X + @"\s*辆"));
                Figure("otherVehiclesValue", Find(@"其他车辆\s*\d+\s*辆[，,]\s*价值\s*" + X));
                Figure("furnitureValue", Find(@"办公家具价值\s*" + X));
                Figure("otherAssetsValue", Find(@"其他资产价值\s*" + X));
                Figure("equipmentOver50", Find(@"价值\s*50\s*万元以上大型设备\s*" + X));
                Figure("equipmentOver100", Find(@"价值\s*100\s*万元以上大型设备\s*" + X));
                Figure("plannedEquipmentOver50", Find(@"安排购置\s*50\s*万元以上大型设备\s*" + X));
                Figure("plannedEquipmentOver100", Find(@"安排购置\s*50\s*万元以上大型设备\s*\d+\s*台[，,]\s*单位价值\s*100\s*万元以上大型设备\s*" + X));
                break;
            case "12.4":
                Figure("overallTargets", Find(@"整体预算绩效目标\s*(\d+)\s*个"));
                Figure("overallAmount", Find(@"整体预算绩效目标\s*\d+\s*个[，,]\s*涉及(?:预算)?金额\s*" + X));
                if (TableSchemas.LayoutYear(ctx.Year) >= 2025)
                {
                    Figure("projectCount", Find(@"项目共\s*(\d+)\s*个"));
                    Figure("fiscalProjectAmount", Find(@"(?<!非)财政拨款项目涉及预算金额\s*" + X));
                    Figure("nonFiscalProjectAmount", Find(@"非财政拨款项目涉及预算金额\s*" + X));
                }
                else
                {
                    Figure("fiscalProjectCount", Find(@"当年财政拨款项目\s*(\d+)\s*个"));
                    Figure("fiscalProjectAmount", Find(@"当年财政拨款项目\s*\d+\s*个[，,]\s*涉及预算金额\s*" + X));
                    Figure("nonFiscalProjectCount", Find(@"当年非财政拨款项目\s*(\d+)\s*个"));
                    Figure("nonFiscalProjectAmount", Find(@"当年非财政拨款项目\s*\d+\s*个[，,]\s*涉及预算金额\s*" + X));
                }
                break;
        }
    }

    /// <summary>说明二: one line per income source printed with an amount.</summary>
    private static IEnumerable<NoteLine> SourceLines(string paragraph)
    {
        var labels = string.Join("|", IncomeSources.All.Select(s => Regex.Escape(s.Label)).OrderByDescending(l => l.Length));
        var matches = Regex.Matches(paragraph, @"(?<![\u4e00-\u9fa5])(" + labels + @")\s*" + X + @"\s*万元[，,]\s*占\s*" + X + @"\s*%");
        for (var i = 0; i < matches.Count; i++)
        {
            var m = matches[i];
            var end = i + 1 < matches.Count ? matches[i + 1].Index : paragraph.Length;
            var source = IncomeSources.All.First(s => s.Label == m.Groups[1].Value);
            var line = new NoteLine { Key = source.Key, Amount = Prose.Amount(m.Groups[2].Value), Share = Prose.Amount(m.Groups[3].Value) };
            Change(line, paragraph[(m.Index + m.Length)..end]);
            yield return line;
        }
    }

    /// <summary>说明三 and 五(一): the 基本支出 / 项目支出 lines.</summary>
    private static IEnumerable<NoteLine> Labelled(IEnumerable<string> paragraphs, params (string Key, string Label)[] labels)
    {
        foreach (var p in paragraphs)
            foreach (var (key, label) in labels)
            {
                var m = Regex.Match(p, "^" + label + @"\s*" + X + @"\s*万元(?:[，,]\s*占\s*" + X + @"\s*%)?");
                if (!m.Success) continue;
                var line = new NoteLine { Key = key, Amount = Prose.Amount(m.Groups[1].Value) };
                if (m.Groups[2].Success) line.Share = Prose.Amount(m.Groups[2].Value);
                Change(line, p[m.Length..]);
                yield return line;
            }
    }

    /// <summary>比上年预算增加|减少 x 万元，增长|下降 y%，主要原因是…。</summary>
    private static void Change(NoteLine line, string rest)
    {
        if (Regex.Match(rest, @"比上年预算\s*(增加|减少)\s*" + X + @"\s*万元") is { Success: true } c)
            line.Change = c.Groups[1].Value == "减少" ? -Prose.Amount(c.Groups[2].Value) : Prose.Amount(c.Groups[2].Value);
        else if (rest.Contains("比上年预算", StringComparison.Ordinal))
            throw new DomainException($"读不出“{rest.Trim()}”的增减额（比上年预算增加|减少 x 万元）。");
        if (Regex.Match(rest, @"(增长|下降)\s*" + X + @"\s*%") is { Success: true } p)
            line.ChangePercent = Prose.Amount(p.Groups[2].Value);
        var r = rest.IndexOf("主要原因是", StringComparison.Ordinal);
        if (r >= 0) line.Reason = rest[(r + 5)..].Trim().TrimEnd('。');
    }

    private static void ReadThreePublic(NoteDoc note, string part)
    {
        if (note.Paragraphs.Count < 2) throw new DomainException($"{part}：“三公”经费说明应有两段。");
        var first = Prose.Normalise(note.Paragraphs[0]);
        var second = Prose.Normalise(string.Concat(note.Paragraphs.Skip(1)));
        var total = new NoteLine { Key = "total", Amount = Regex.Match(first, @"经费(?:预算)?数为\s*" + X) is { Success: true } t ? Prose.Amount(t.Groups[1].Value) : null };
        var head = Regex.Match(second, @"经费预算比上年预算\s*(增加|减少)\s*" + X + @"\s*万元[，,]\s*(增长|下降)\s*" + X + @"\s*%");
        if (!head.Success || total.Amount is null) throw new DomainException($"{part}：读不出“三公”经费总额及其增减。");
        total.Change = head.Groups[1].Value == "减少" ? -Prose.Amount(head.Groups[2].Value) : Prose.Amount(head.Groups[2].Value);
        total.ChangePercent = Prose.Amount(head.Groups[4].Value);
        note.Lines.Add(total);
        var items = new (string Key, string Label)[] { ("overseas", "因公出国（境）费"), ("vehiclePurchase", "公务用车购置费"), ("vehicleOperation", "公务用车运行费"), ("reception", "公务接待费") };
        var rest = second[(head.Index + head.Length)..];
        var found = items.Select(i => (i.Key, i.Label, At: Regex.Match(rest, Regex.Escape(i.Label) + @"\s*(增加|减少)"))).Where(x => x.At.Success).OrderBy(x => x.At.Index).ToList();
        for (var k = 0; k < found.Count; k++)
        {
            var (key, label, at) = found[k];
            var end = k + 1 < found.Count ? found[k + 1].At.Index : rest.Length;
            var segment = rest[at.Index..end].TrimEnd('；', ';', '。');
            var amount = Regex.Match(first, Regex.Escape(label) + @"\s*" + X + @"\s*万元");
            var line = new NoteLine { Key = key, Amount = amount.Success ? Prose.Amount(amount.Groups[1].Value) : null };
            if (Regex.Match(segment, @"(增加|减少)\s*" + X + @"\s*万元") is { Success: true } c)
                line.Change = c.Groups[1].Value == "减少" ? -Prose.Amount(c.Groups[2].Value) : Prose.Amount(c.Groups[2].Value);
            if (Regex.Match(segment, @"(增长|下降)\s*" + X + @"\s*%") is { Success: true } p) line.ChangePercent = Prose.Amount(p.Groups[2].Value);
            var r = segment.IndexOf("主要原因是", StringComparison.Ordinal);
            if (r >= 0) line.Reason = segment[(r + 5)..].Trim();
            note.Lines.Add(line);
        }
    }

    /// <summary>
    /// The 项 code for “类（类）款（款）项（项）”, each level by its name under the one before: from 表5's rows,
    /// else the catalog of the year or the nearest year it has (last year's for a 项 that left it), else the
    /// department's previous disclosure; null when none names it.
    /// </summary>
    private static string? ItemCode(ImportContext ctx, string category, string cls, string item)
    {
        var rows = ctx.Table(5)?.Rows ?? [];
        var previous = ctx.Previous?.Functional ?? [];
        string? Code(string? parent, int length, string name) =>
            rows.FirstOrDefault(r => r.Code?.Length == length && r.Name == name && (parent is null || r.Code.StartsWith(parent, StringComparison.Ordinal)))?.Code
            ?? ctx.Catalog.Find(ClassificationScheme.Functional, ctx.Year, length, name, parent)
            ?? previous.Where(r => r.Code.Length == length && r.Name == name && (parent is null || r.Code.StartsWith(parent, StringComparison.Ordinal)))
                .Select(r => r.Code).FirstOrDefault();
        var c1 = Code(null, 3, category);
        var c2 = c1 is null ? null : Code(c1, 5, cls);
        return c2 is null ? null : Code(c2, 7, item);
    }

    [GeneratedRegex(@"^[（(]([一二三四五])[)）]\s*(.+)$")]
    private static partial Regex SubHeading();
}
