using BudgetPortal.Data;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Web.Uploads;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>
/// Fills a line-based draft's lines from the Excel line template (<see cref="LineTemplate"/>): every
/// problem named by its row and column, and nothing stored unless every line is right; then the lines
/// replace the draft's and the tables are derived, in one save against the version the officer saw.
/// </summary>
[UploadEndpoint(UploadKind.Workbook)]
public sealed class LinesUploadModel(BudgetDbContext db, DraftEditor editor, IOptions<UploadLimits> limits) : DraftFormModel<IReadOnlyList<BudgetLine>>(editor)
{
    /// <summary>The row version of the draft the officer saw (the lines page's, or this page's).</summary>
    [BindProperty] public uint Token { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await OpenAsync(id, reading: false, ct) is { } denied) return denied;
        Token = Disclosure.RowVersion;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, IFormFile? lines, CancellationToken ct)
    {
        if (await OpenAsync(id, reading: false, ct) is { } denied) return denied;
        if (!DraftEditor.AreLinesEditable(Disclosure, ModelState)) return Page();
        if (lines is null || lines.Length == 0)
            ModelState.AddModelError("lines", "请选择要上传的明细 Excel 文件（.xlsx）。");
        else if (lines.Length > limits.Value.WorkbookBytes)
            ModelState.AddModelError("lines", $"文件过大（{lines.Length / 1024} KB），上限为 {UploadLimits.Megabytes(limits.Value.WorkbookBytes)}。");
        else if (!string.Equals(Path.GetExtension(UploadedFileName.Display(lines.FileName)), ".xlsx", StringComparison.OrdinalIgnoreCase))
            ModelState.AddModelError("lines", "只接受 Excel 工作簿（.xlsx）：请使用下载的明细模板填写（旧版 .xls 请另存为 .xlsx）。");
        if (!ModelState.IsValid) return Page();

        await using var stream = new MemoryStream();
        await lines!.CopyToAsync(stream, ct);
        stream.Position = 0;
        var problems = new List<string>();
        var grid = LineTemplate.Read(stream, limits.Value.UnpackedBytes, problems);
        var read = grid is null ? null : LineSheet.Read(grid);
        if (read is not null) problems.AddRange(read.Errors);
        var catalogs = await db.YearCatalogsAsync(Disclosure.FiscalYear, ct);
        if (read is { IsValid: true }) problems.AddRange(OutsideCatalogs(read.Lines, catalogs, grid!));
        if (problems.Count > 0)
        {
            Problems = problems;
            ModelState.AddModelError("lines", $"明细 Excel 有 {problems.Count} 处问题，未保存任何内容。");
            return Page();
        }
        var name = UploadedFileName.Display(lines.FileName);
        var change = new DraftChange($"上传明细 Excel“{name}”（{read!.Lines.Count} 行）", "预算明细") { Changed = "预算明细", Shown = "对方保存的预算明细" };
        if (!await SaveAsync(Token, change, d => d.SetLines(read.Lines, catalogs), d => d.Lines, t => Token = t, ct))
            return Page();
        TempData["Message"] = $"已从“{name}”读入 {read.Lines.Count} 行预算明细并保存，十一张表和情况说明已按明细生成。";
        return Redirect($"/workspace/disclosures/{id}/lines");
    }

    /// <summary>
    /// Codes outside the year's catalogs (Disclosure.SetLines refuses them), each named at the sheet's rows
    /// that carry it: the rows are found by the code, since a sheet's blank rows are not lines.
    /// </summary>
    private static IEnumerable<string> OutsideCatalogs(IReadOnlyList<BudgetLine> lines, YearCatalogs catalogs, IReadOnlyList<IReadOnlyList<string>> grid)
    {
        var functional = LineSheet.Headers[(int)LineSheet.Column.FunctionalCode];
        var economic = LineSheet.Headers[(int)LineSheet.Column.EconomicCode];
        var unknown = lines.Select(l => l.FunctionalCode).Distinct().Select(c => (Code: c, Column: functional, Why: catalogs.Functional.Unlisted(c)))
            .Concat(lines.Select(l => l.EconomicCode).Distinct().Select(c => (Code: c, Column: economic, Why: catalogs.Economic.Unlisted(c))));
        foreach (var (code, column, why) in unknown.Where(u => u.Why is not null))
        {
            var rows = Enumerable.Range(0, grid.Count).Where(i => grid[i].Any(cell => ClassificationCode.Normalize(cell) == code)).Select(i => i + 1).ToList();
            yield return $"第 {string.Join("、", rows.Take(20))}{(rows.Count > 20 ? " 等" : "")} 行“{column}”：{why}，请核对编码。";
        }
    }
}
