using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Documents;
using BudgetPortal.Domain.Tables;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>What an officer or reviewer does in the workspace, through the pages' own forms.</summary>
public static class WorkspaceSteps
{
    /// <summary>新建 through the form; the tables typed (<paramref name="basis"/> Tables) unless the test asks for lines.</summary>
    public static async Task<int> NewDisclosureAsync(FormSession session, string departmentName, int year, bool fromPrevious,
        BudgetBasis basis = BudgetBasis.Tables)
    {
        var page = await session.PageAsync("/workspace/new");
        var department = page.QuerySelectorAll<IHtmlOptionElement>("select[name='Input.DepartmentId'] option")
            .Single(o => o.TextContent.Trim() == departmentName).Value;
        var response = await session.PostAsync(FormSession.Form(page), new()
        {
            ["Input.DepartmentId"] = department, ["Input.FiscalYear"] = year.ToString(CultureInfo.InvariantCulture),
            ["Input.FromPrevious"] = fromPrevious ? "true" : "false", ["Input.Basis"] = basis.ToString(),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
    }

    /// <summary>Types an amount as an officer might: thousands separators above 1000, the scale kept.</summary>
    public static string Typed(decimal amount)
    {
        var plain = amount.ToString(CultureInfo.InvariantCulture);
        var parts = plain.Split('.');
        var whole = long.Parse(parts[0], CultureInfo.InvariantCulture).ToString("#,0", CultureInfo.InvariantCulture);
        return parts.Length == 1 ? whole : $"{whole}.{parts[1]}";
    }

    /// <summary>The index of a form row: by fixed key, by code (and project), or the total/department row.</summary>
    public static int? RowIndex(IDocument page, RowDoc row, RowKind kind)
    {
        var rows = page.QuerySelectorAll<IHtmlInputElement>("input[name$='].Kind']").ToList();
        foreach (var kindInput in rows)
        {
            var prefix = kindInput.Name![..^".Kind".Length];
            string? Value(string field) => page.QuerySelector<IHtmlInputElement>($"input[name='{prefix}.{field}']")?.Value is { Length: > 0 } v ? v : null;
            if (kindInput.Value != kind.ToString()) continue;
            var match = kind switch
            {
                RowKind.Total or RowKind.Department => true,
                RowKind.Fixed => Value("Key") == row.Key,
                RowKind.Project => Value("Code") == row.Code && Value("Project") == row.Project,
                _ => Value("Code") == row.Code,
            };
            if (match) return int.Parse(prefix[(prefix.IndexOf('[') + 1)..prefix.IndexOf(']')], CultureInfo.InvariantCulture);
        }
        return null;
    }

    public static RowKind KindOf(RowDoc row, TableSchema schema)
    {
        if (row.Kind is { Length: > 0 } k) return Enum.Parse<RowKind>(k, ignoreCase: true);
        if (row.Key is not null) return RowKind.Fixed;
        return schema.KindOfCode(row.Code!) ?? RowKind.Item;
    }

    /// <summary>Enters a table as the seed states it: rows added from the catalog by code, every cell typed, saved.</summary>
    public static async Task EnterTableAsync(FormSession session, int id, int year, int number, TableDoc table)
    {
        var path = $"/workspace/disclosures/{id}/tables/{number}";
        var schema = TableSchemas.For((TableKind)number, year);
        var page = await session.PageAsync(path);
        foreach (var row in table.Rows)
        {
            var kind = KindOf(row, schema);
            if (RowIndex(page, row, kind) is not null) continue;
            var add = new Dictionary<string, string?> { ["Input.AddCode"] = row.Code, ["Input.AddProject"] = row.Project };
            var response = await session.PostAsync(FormSession.Form(page, "保存"), add, "添加");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await FormSession.ReadAsync(response);
            Assert.True(RowIndex(page, row, kind) is not null, $"表{number} row {row.Code} {row.Project} not added: {page.QuerySelector(".error")?.TextContent}");
        }
        var set = new Dictionary<string, string?>();
        foreach (var row in table.Rows)
        {
            var kind = KindOf(row, schema);
            var i = RowIndex(page, row, kind)!.Value;
            if (kind is not (RowKind.Fixed or RowKind.Total)) set[$"Input.Rows[{i}].Name"] = row.Name ?? "";
            if (kind == RowKind.Project) set[$"Input.Rows[{i}].Project"] = row.Project ?? "";
            foreach (var column in schema.Columns)
                if (page.QuerySelector($"input[name='Input.Rows[{i}].Cells[{column.Key}]']") is not null)
                    set[$"Input.Rows[{i}].Cells[{column.Key}]"] = row.Cells.TryGetValue(column.Key, out var a) ? Typed(a) : "";
        }
        if (table.EmptyText is not null) set["Input.EmptyText"] = table.EmptyText;
        var saved = await session.PostAsync(FormSession.Form(page, "保存"), set, "保存");
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"表{number}: " + string.Join(" | ",
            (await FormSession.ReadAsync(saved)).QuerySelectorAll(".error, .errors li").Select(e => e.TextContent.Trim())));
    }

    public static async Task<HttpResponseMessage> ActAsync(FormSession session, int id, string button, Dictionary<string, string?>? set = null)
    {
        var page = await session.PageAsync($"/workspace/disclosures/{id}");
        return await session.PostAsync(FormSession.Form(page, button), set ?? [], button);
    }

    /// <summary>A reviewer publishes as the page asks: 发布… opens the confirmation, 确认发布 publishes (must succeed).</summary>
    public static async Task PublishAsync(FormSession reviewer, int id)
    {
        var confirmation = await reviewer.PageAsync($"/workspace/disclosures/{id}?handler=ConfirmPublish");
        using var response = await reviewer.PostAsync(FormSession.Form(confirmation, "确认发布"), [], "确认发布");
        if (response.StatusCode == HttpStatusCode.Redirect) return;
        var page = await FormSession.ReadAsync(response);
        Assert.Fail($"确认发布 → {(int)response.StatusCode}: " + string.Join(" | ", page.QuerySelectorAll(".errors li, .findings li").Select(e => e.TextContent.Trim())));
    }

    /// <summary>A workflow step that must succeed (a redirect back to the disclosure); else the page's messages.</summary>
    public static async Task DoAsync(FormSession session, int id, string button, Dictionary<string, string?>? set = null)
    {
        using var response = await ActAsync(session, id, button, set);
        if (response.StatusCode == HttpStatusCode.Redirect) return;
        var page = await FormSession.ReadAsync(response);
        Assert.Fail($"{button} → {(int)response.StatusCode}: " + string.Join(" | ", page.QuerySelectorAll(".errors li, .findings li").Select(e => e.TextContent.Trim())));
    }
}
