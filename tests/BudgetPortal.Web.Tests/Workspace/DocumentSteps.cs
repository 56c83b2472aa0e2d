using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Notes;
using BudgetPortal.Domain.Performance;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>
/// An officer entering the parts other than the tables through their forms — 部门概况, each section
/// of 情况说明, the performance sheets — typing what the published document states, and the
/// comparisons of a published disclosure with the file it was typed from.
/// </summary>
public static class DocumentSteps
{
    public static async Task EnterOverviewAsync(FormSession session, int id, Overview overview)
    {
        var page = await session.PageAsync($"/workspace/disclosures/{id}/overview");
        var s = overview.Staff;
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        await SaveAsync(session, page, "部门概况", new()
        {
            ["Input.Functions"] = string.Join("\n", overview.Functions), ["Input.InternalUnits"] = string.Join("\n", overview.InternalUnits),
            ["Input.UnitWord"] = overview.UnitWord, ["Input.SubordinateUnits"] = N(overview.SubordinateUnits),
            ["Input.Authorized"] = N(s.Authorized), ["Input.Actual"] = N(s.Actual), ["Input.Active"] = N(s.Active), ["Input.ActiveChange"] = N(s.ActiveChange),
            ["Input.Retired"] = N(s.Retired), ["Input.RetiredChange"] = N(s.RetiredChange), ["Input.Honorary"] = N(s.Honorary), ["Input.HonoraryChange"] = N(s.HonoraryChange),
        });
    }

    /// <summary>
    /// Types one section as its officer would: the heading as printed, the wording of each line, last
    /// year's amount (what the document's own figures state: amount − change), 十二(二)(三)'s figures,
    /// and the text of 十二(五).
    /// </summary>
    public static async Task EnterNoteAsync(FormSession session, int id, NoteDoc note)
    {
        var page = await session.PageAsync($"/workspace/disclosures/{id}/notes/{note.Key}");
        var set = new Dictionary<string, string?> { ["Input.Heading"] = note.Heading };
        foreach (var keyInput in page.QuerySelectorAll<IHtmlInputElement>("input[name^='Input.Lines['][name$='.Key']"))
        {
            var prefix = keyInput.Name![..^".Key".Length];
            var line = note.Lines.FirstOrDefault(l => l.Key == keyInput.Value);
            void Set(string field, string? value)
            {
                if (page.QuerySelector($"[name='{prefix}.{field}']") is not null) set[$"{prefix}.{field}"] = value ?? "";
            }
            Set("Prior", line is { Amount: { } a, Change: { } c } ? WorkspaceSteps.Typed(a - c) : "");
            foreach (var field in NoteLineField.All.Where(f => f.IsText))
                Set($"Fields[{field.Key}]", line is null ? null : field.Text(line));
        }
        foreach (var figure in page.QuerySelectorAll<IHtmlInputElement>("input[name^='Input.Figures[']"))
        {
            var key = figure.Name!["Input.Figures[".Length..^1];
            set[figure.Name] = note.Figures.TryGetValue(key, out var v) ? WorkspaceSteps.Typed(v.GetDecimal()) : "";
        }
        if (page.QuerySelector("textarea[name='Input.Paragraphs']") is not null) set["Input.Paragraphs"] = string.Join("\n", note.Paragraphs);
        await SaveAsync(session, page, $"说明{note.Key}", set);
    }

    public static async Task EnterDepartmentSheetAsync(FormSession session, int id, DepartmentSheetDoc sheet)
    {
        var set = new Dictionary<string, string?>
        {
            ["Input.Name"] = sheet.DepartmentName, ["Input.Contact"] = sheet.Contact, ["Input.Phone"] = sheet.Phone, ["Input.Goal"] = sheet.Goal,
            ["Input.FundsSuperior"] = Amount(sheet.Funds.Superior), ["Input.FundsLocal"] = Amount(sheet.Funds.Local), ["Input.FundsOther"] = Amount(sheet.Funds.Other),
        };
        await EnterSheetAsync(session, id, 0, set, sheet.Indicators, department: true);
    }

    public static async Task EnterProjectSheetAsync(FormSession session, int id, int number, ProjectSheetDoc sheet)
    {
        var set = new Dictionary<string, string?>
        {
            ["Input.Unit"] = sheet.Unit, ["Input.Name"] = sheet.Name, ["Input.Contact"] = sheet.Manager, ["Input.Goal"] = sheet.Goal,
            ["Input.FundsTotal"] = Amount(sheet.Total), ["Input.FundsFiscal"] = Amount(sheet.Fiscal), ["Input.FundsOther"] = Amount(sheet.Other),
        };
        await EnterSheetAsync(session, id, number, set, sheet.Indicators, department: false);
    }

    private static string Amount(decimal? value) => value is { } v ? WorkspaceSteps.Typed(v) : "";

    /// <summary>Adds one indicator row per indicator with 添加指标, then types every row and saves.</summary>
    private static async Task EnterSheetAsync(FormSession session, int id, int number, Dictionary<string, string?> set, List<Indicator> indicators, bool department)
    {
        var page = await session.PageAsync($"/workspace/disclosures/{id}/sheets/{number}");
        while (page.QuerySelectorAll("input[name$='.Fields[level3]']").Length < indicators.Count)
        {
            var added = await session.PostAsync(FormSession.Form(page, "保存"), [], "添加指标");
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            page = await FormSession.ReadAsync(added);
        }
        for (var i = 0; i < indicators.Count; i++)
            foreach (var field in IndicatorField.On(department ? SheetKind.Department : SheetKind.Project))
                set[$"Input.Indicators[{i}].Fields[{field.Key}]"] = field.IsText ? field.Text(indicators[i]) : field.Number(indicators[i])?.ToString(CultureInfo.InvariantCulture);
        await SaveAsync(session, page, $"绩效目标表 {number}", set);
    }

    private static async Task SaveAsync(FormSession session, IDocument page, string what, Dictionary<string, string?> set)
    {
        using var saved = await session.PostAsync(FormSession.Form(page, "保存"), set, "保存");
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"{what}: {(int)saved.StatusCode} " + string.Join(" | ",
            (await FormSession.ReadAsync(saved)).QuerySelectorAll(".error, .errors li").Select(e => e.TextContent.Trim())));
    }

    /// <summary>Text without whitespace: the seed keeps the PDF's irregular spacing, the portal prints one spacing.</summary>
    public static string NoSpace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    public static void AssertSameOverview(Overview expected, Overview actual)
    {
        Assert.Equal(expected.Functions, actual.Functions);
        Assert.Equal(expected.StructureText.Select(NoSpace), actual.StructureText.Select(NoSpace));
        Assert.Equal(expected.SubordinateUnits, actual.SubordinateUnits);
        Assert.Equal(expected.UnitWord, actual.UnitWord);
        Assert.Equal(expected.InternalUnits, actual.InternalUnits);
        Assert.Equal(JsonSerializer.Serialize(expected.Staff), JsonSerializer.Serialize(actual.Staff));
    }

    /// <summary>
    /// Every section: heading exactly; paragraphs exactly where the portal prints the officer's text or
    /// a fixed sentence, and without whitespace where it drafts them; every line field; every figure.
    /// </summary>
    public static void AssertSameNotes(List<NoteDoc> expected, List<NoteDoc> actual, IReadOnlySet<string> exactParagraphs)
    {
        Assert.Equal(expected.Select(n => n.Key), actual.Select(n => n.Key));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal(e.Heading, a.Heading);
            if (exactParagraphs.Contains(e.Key)) Assert.Equal(e.Paragraphs, a.Paragraphs);
            else Assert.True(e.Paragraphs.Select(NoSpace).SequenceEqual(a.Paragraphs.Select(NoSpace)),
                $"说明{e.Key}:\n{string.Join("\n", e.Paragraphs)}\n≠\n{string.Join("\n", a.Paragraphs)}");
            Assert.True(e.Lines.Count == a.Lines.Count, $"说明{e.Key}: {e.Lines.Count} lines expected, {a.Lines.Count} published");
            foreach (var (el, al) in e.Lines.Zip(a.Lines))
                Assert.True(Canonical(el) == Canonical(al), $"说明{e.Key} line {el.Key}:\n{Canonical(el)}\n≠\n{Canonical(al)}");
            Assert.True(e.Figures.Keys.Order().SequenceEqual(a.Figures.Keys.Order()), $"说明{e.Key} figures: {string.Join(",", e.Figures.Keys)} ≠ {string.Join(",", a.Figures.Keys)}");
            foreach (var (key, value) in e.Figures)
            {
                var got = a.Figures[key];
                if (value.ValueKind == JsonValueKind.Number) Assert.True(value.GetDecimal() == got.GetDecimal(), $"说明{e.Key} {key}: {value} ≠ {got}");
                else Assert.True(value.ToString() == got.ToString(), $"说明{e.Key} {key}: {value} ≠ {got}");
            }
        }
    }

    /// <summary>JSON with every number at its smallest scale (10.0, 10.00 and 10 are the same amount).</summary>
    public static string Canonical(object value)
    {
        static System.Text.Json.Nodes.JsonNode? Walk(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Walk(p.Value)))),
            System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray(a.Select(Walk).ToArray()),
            System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == JsonValueKind.Number =>
                System.Text.Json.Nodes.JsonValue.Create(v.GetValue<decimal>() / 1.0000000000000000000000000000m),
            _ => node?.DeepClone(),
        };
        return Walk(JsonSerializer.SerializeToNode(value))!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public static void AssertSameSheets(PerformanceDoc expected, PerformanceDoc actual)
    {
        Assert.NotNull(actual.Department);
        Assert.Equal(Canonical(expected.Department!), Canonical(actual.Department!));
        Assert.Equal(expected.Projects.Count, actual.Projects.Count);
        foreach (var (e, a) in expected.Projects.Zip(actual.Projects)) Assert.Equal(Canonical(e), Canonical(a));
    }
}
