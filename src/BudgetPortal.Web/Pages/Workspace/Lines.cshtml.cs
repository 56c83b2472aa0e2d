using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Lines;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>
/// 预算明细: a line-based draft's lines (issue 12). The officer adds, edits in place, deletes and filters
/// lines, copies last year's, and saves them all at once: the lines go through Disclosure.SetLines, the
/// eleven tables are derived and the notes redrafted, in one transaction. A table-based draft can be
/// turned into lines here, and a line-based one back into tables.
/// </summary>
public sealed class LinesModel(BudgetDbContext db, DraftEditor editor) : DraftFormModel<IReadOnlyList<BudgetLine>>(editor)
{
    [BindProperty] public LinesInput Input { get; set; } = new();

    /// <summary>The filter (a code, a project, a name): rows that do not match are hidden, still in the form.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Filter { get; set; }

    public YearCatalogs Catalogs { get; private set; } = null!;

    /// <summary>The lines are edited in the form: the person may change them and there are not more than the form takes.</summary>
    public bool FormEditable => Editable && Disclosure.IsLineBased && Disclosure.Lines.Count <= LineForm.MaxLines;
    public string Self => $"/workspace/disclosures/{Disclosure.Id}/lines";

    /// <summary>What 添加 or 复制上年明细 did, shown beside the form.</summary>
    public string? Done { get; private set; }

    /// <summary>The confirmation of 改为按表格编制 is shown (GET ?handler=ConfirmKeepTables).</summary>
    public bool ConfirmingKeepTables { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, reading: true) is { } denied) return denied;
        Input = new LinesInput { Token = Disclosure.RowVersion, Lines = Disclosure.Lines.Select(LineInput.Of).ToList() };
        return Page();
    }

    /// <summary>The Excel line template with the draft's lines (the stored ones), for anyone who may read the draft.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, reading: true) is { } denied) return denied;
        var stream = new MemoryStream();
        LineTemplate.Write(stream, LineSheet.Write(Disclosure.Lines, Catalogs), $"{Disclosure.DepartmentName}{Disclosure.FiscalYear}年预算明细");
        stream.Position = 0;
        return File(stream, LineTemplate.MediaType, $"{Disclosure.Department.Code}-{Disclosure.FiscalYear}-v{Disclosure.Version}-lines.xlsx");
    }

    /// <summary>Adds the line typed in the 添加 box to the form (checked first); nothing is stored until 保存.</summary>
    public async Task<IActionResult> OnPostAddLineAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        ModelState.Clear();
        Unsaved = true;
        if (!DraftEditor.AreLinesEditable(Disclosure, ModelState)) return Page();
        if (Input.New.IsBlank)
        {
            ModelState.AddModelError("Input.New.Functional", "请填写要添加的明细。");
            return Page();
        }
        var line = LineForm.Read(Input.New, "新增的明细", Catalogs, (field, message) => ModelState.AddModelError($"Input.New.{LineForm.Field(field)}", message));
        if (line is null) return Page();
        Input.Lines.Add(LineInput.Of(line));
        Input.New = new LineInput();
        Done = $"已添加第 {Input.Lines.Count} 行（{line.FunctionalCode} {Catalogs.Functional.NameOf(line.FunctionalCode)}，{line.Amount:0.00} 万元）。全部填好后请保存。";
        return Page();
    }

    /// <summary>
    /// Brings last year's lines into the form (the department's latest line-based version of the previous
    /// year), with their amounts for the officer to change; nothing is stored until 保存.
    /// </summary>
    public async Task<IActionResult> OnPostCopyPreviousAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        ModelState.Clear();
        if (!DraftEditor.AreLinesEditable(Disclosure, ModelState)) return Page();
        var year = Disclosure.FiscalYear - 1;
        var previous = await db.Disclosures.AsNoTracking()
            .Where(d => d.DepartmentId == Disclosure.DepartmentId && d.FiscalYear == year && d.Basis == BudgetBasis.Lines)
            .OrderByDescending(d => d.Version).Select(d => new { d.Id, d.Version, d.Status }).FirstOrDefaultAsync(ct);
        if (previous is null)
        {
            ModelState.AddModelError(string.Empty, $"{Disclosure.DepartmentName} 没有按预算明细编制的 {year} 年预算公开，无法复制上年明细；请逐条添加，或上传明细 Excel。");
            return Page();
        }
        var lines = await db.BudgetLines.AsNoTracking().Where(l => l.DisclosureId == previous.Id).OrderBy(l => l.Ordinal).ToListAsync(ct);
        Input.Lines.AddRange(lines.Select(LineInput.Of));
        Unsaved = true;
        Done = $"已带入 {year} 年第 {previous.Version} 版的 {lines.Count} 行明细（金额为上年数），请逐行核对、修改金额后保存。";
        return Page();
    }

    /// <summary>保存: every line read and checked, then Disclosure.SetLines (tables derived, notes redrafted) in one save.</summary>
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        Unsaved = true;
        if (!DraftEditor.AreLinesEditable(Disclosure, ModelState)) return Page();
        // A line typed into the 添加 box and saved directly is saved with the others.
        if (!Input.New.IsBlank)
        {
            Input.Lines.Add(Input.New);
            Input.New = new LineInput();
        }
        var lines = LineForm.Read(Input.Lines, Catalogs, (field, message) => ModelState.AddModelError(field, message));
        if (lines is null || !ModelState.IsValid) return Page();
        var change = new DraftChange($"保存预算明细（{lines.Count} 行）", "预算明细") { Changed = "预算明细", Shown = "对方保存的预算明细" };
        if (!await SaveAsync(Input.Token, change, d => d.SetLines(lines, Catalogs), d => d.Lines, t => Input.Token = t, ct))
            return Page();
        TempData["Message"] = $"预算明细已保存（{lines.Count} 行），十一张表和情况说明已按明细生成。";
        return Redirect(Self + (string.IsNullOrWhiteSpace(Filter) ? "" : "?q=" + Uri.EscapeDataString(Filter.Trim())));
    }

    /// <summary>What splitting the tables into lines found (改为按预算明细编制): the choices made, or the cells no lines reproduce.</summary>
    public LineSplitResult? Split { get; private set; }

    /// <summary>
    /// 改为按预算明细编制: the table-based draft's tables split into lines (<see cref="LineSplit"/>). Refused,
    /// with the cells named, when the lines would not give back every figure of the tables; else the lines
    /// are stored and the tables derived from them (equal to the typed ones), in one save.
    /// </summary>
    public async Task<IActionResult> OnPostSplitAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!DraftEditor.IsEditable(Disclosure, ModelState)) return Page();
        if (Disclosure.IsLineBased)
        {
            ModelState.AddModelError(string.Empty, "本稿已按预算明细编制。");
            return Page();
        }
        try
        {
            Split = LineSplit.Split(Disclosure.Tables, Disclosure.FiscalYear, Catalogs, Disclosure.DepartmentName);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, $"不能拆分为预算明细：{e.Message}");
            return Page();
        }
        if (!Split.IsExact)
        {
            ModelState.AddModelError(string.Empty, $"不能拆分为预算明细：各表有 {Split.Differences.Count} 处数字无法由任何一组明细得出（见下面的说明），本稿仍按表格编制，未作任何修改。请先改正这些表格（数据核验也会指出它们）。");
            return Page();
        }
        var lines = Split.Lines;
        var change = new DraftChange($"改为按预算明细编制（由十一张表拆分出 {lines.Count} 行明细）", "编制方式") { Changed = "此公开内容", Shown = "现在保存的预算明细" };
        if (!await SaveAsync(Input.Token, change, d => d.SetLines(lines, Catalogs), d => d.Lines, t => Input.Token = t, ct))
            return Page();
        TempData["Message"] = $"已改为按预算明细编制：由十一张表拆分出 {lines.Count} 行明细，生成的各表与原来的数字一致。" +
            (Split.Choices.Count > 0 ? $"表格未载明、由平台确定的 {Split.Choices.Count} 处：{string.Join("；", Split.Choices)}" : "");
        return Redirect(Self);
    }

    /// <summary>The step before 改为按表格编制: what it does, with the one button that does it.</summary>
    public async Task<IActionResult> OnGetConfirmKeepTablesAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        Input = new LinesInput { Token = Disclosure.RowVersion, Lines = Disclosure.Lines.Select(LineInput.Of).ToList() };
        ConfirmingKeepTables = DraftEditor.AreLinesEditable(Disclosure, ModelState);
        return Page();
    }

    /// <summary>改为按表格编制: the lines are dropped, the tables stay as derived and become editable.</summary>
    public async Task<IActionResult> OnPostKeepTablesAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        var lines = Disclosure.Lines.Select(LineInput.Of).ToList();
        if (!DraftEditor.AreLinesEditable(Disclosure, ModelState))
        {
            Input = new LinesInput { Token = Disclosure.RowVersion, Lines = lines };
            return Page();
        }
        var change = new DraftChange($"改为按表格编制（删除 {lines.Count} 行预算明细，保留十一张表）", "编制方式") { Changed = "此公开内容", Shown = "现在保存的预算明细" };
        if (!await SaveAsync(Input.Token, change, d => d.KeepTablesOnly(), d => d.Lines, t => Input.Token = t, ct))
        {
            Input.Lines = Theirs?.Select(LineInput.Of).ToList() ?? lines;
            ConfirmingKeepTables = true;
            return Page();
        }
        TempData["Message"] = "已改为按表格编制：预算明细已删除，十一张表保留当前数字，可以直接修改。";
        return Redirect($"/workspace/disclosures/{id}");
    }

    /// <summary>
    /// Opens the draft for the form: reviewers (and officers of a submitted or published version) read it;
    /// only the department's officers and administrators change it.
    /// </summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct, bool reading = false)
    {
        if (await OpenAsync(id, reading, ct) is { } denied) return denied;
        Catalogs = await db.YearCatalogsAsync(Disclosure.FiscalYear, ct);
        return null;
    }

    /// <summary>The rows shown (the filter's): every row with a problem is shown whatever the filter.</summary>
    public bool Shown(int row) =>
        LineForm.Matches(Input.Lines[row], Filter, Catalogs) ||
        ModelState.Any(kv => kv.Key.StartsWith($"Input.Lines[{row}].", StringComparison.Ordinal) && kv.Value is { Errors.Count: > 0 });
}
