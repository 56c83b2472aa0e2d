using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Pages.Workspace;

public sealed class TableModel(BudgetDbContext db, DisclosureAccess access, AuditTrail audit, DisclosureReader reader) : PageModel
{
    [BindProperty] public TableInput Input { get; set; } = new();

    public int Id { get; private set; }
    public int Number { get; private set; }
    public string DepartmentName { get; private set; } = "";
    public int Year { get; private set; }
    public int Version { get; private set; }
    public bool Editable { get; private set; }
    public TableForm Form { get; private set; } = null!;
    /// <summary>The check findings about this table, after the last save.</summary>
    public IReadOnlyList<CheckResult> Findings { get; private set; } = [];
    /// <summary>What someone else saved meanwhile, shown beside the officer's own input.</summary>
    public PrintedTable? Theirs { get; private set; }

    private Disclosure _disclosure = null!;

    public async Task<IActionResult> OnGetAsync(int id, int number, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct) is { } denied) return denied;
        var table = _disclosure.Tables.FirstOrDefault(t => t.Kind == Form.Schema.Kind);
        Input = Form.ToInput(_disclosure.Table(Form.Schema.Kind), _disclosure.DepartmentName);
        Input.Token = table is null ? 0 : db.Entry(table).Property<uint>("xmin").CurrentValue;
        await FindingsAsync(ct);
        return Page();
    }

    /// <summary>Adds a row from the catalog (or a project) to the form; nothing is stored until 保存.</summary>
    public async Task<IActionResult> OnPostAddRowAsync(int id, int number, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct) is { } denied) return denied;
        ModelState.Clear();
        var project = Input.AddProject?.Trim();
        if (Form.Schema.Layout == TableLayout.Carryover)
        {
            if (string.IsNullOrEmpty(project))
                ModelState.AddModelError("Input.AddProject", "请填写项目名称。");
            else
                Input.Rows.Add(new RowInput { Kind = RowKind.Project, Project = project });
        }
        else if (Form.CanAddCodes && !string.IsNullOrWhiteSpace(Input.AddCode))
        {
            var catalog = await db.CatalogAsync(Form.Scheme, Year, ct);
            var found = catalog.Find(Input.AddCode, out var problem);
            if (found is null) ModelState.AddModelError("Input.AddCode", problem!);
            else if (Form.Schema.Layout == TableLayout.Projects && !string.IsNullOrEmpty(project) && found.Level != 3)
                ModelState.AddModelError("Input.AddCode", "项目支出表的项目须挂在“项”级科目（7 位编码）下。");
            else if (Form.Schema.Layout == TableLayout.Projects && string.IsNullOrEmpty(project) && found.Level == 3)
                ModelState.AddModelError("Input.AddProject", "“项”级科目下请填写项目名称。");
            else
            {
                // The missing 类 and 款 above the new row come with it.
                foreach (var ancestor in new[] { found.Code[..3], found.Code.Length > 5 ? found.Code[..5] : null }
                             .Where(a => a is not null && a != found.Code && Input.Rows.All(r => r.Code != a || r.Kind == RowKind.Project)))
                    TableForm.InsertCoded(Input.Rows, new RowInput { Kind = KindOf(ancestor!), Code = ancestor, Name = catalog.First(c => c.Code == ancestor).Name });
                var isProject = Form.Schema.Layout == TableLayout.Projects && found.Level == 3;
                if (!isProject && Input.Rows.Any(r => r.Code == found.Code))
                    ModelState.AddModelError("Input.AddCode", $"科目 {found.Code} {found.Name} 已在表中。");
                else
                    TableForm.InsertCoded(Input.Rows, new RowInput
                        { Kind = isProject ? RowKind.Project : KindOf(found.Code), Code = found.Code, Name = found.Name, Project = isProject ? project : null });
            }
        }
        else ModelState.AddModelError("Input.AddCode", "请输入要添加的科目编码或名称。");
        if (ModelState.IsValid) { Input.AddCode = null; Input.AddProject = null; }
        return Page();
    }

    /// <summary>款/类/总计 from the leaves, shown for checking; stored only by 保存.</summary>
    public async Task<IActionResult> OnPostFillAsync(int id, int number, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct) is { } denied) return denied;
        ModelState.Clear();
        Form.Fill(Input);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int number, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct) is { } denied) return denied;
        if (!Editable)
        {
            ModelState.AddModelError(string.Empty, "此版本已提交审核或已发布，不能修改。");
            return Page();
        }
        var catalog = Form.Schema.Layout == TableLayout.FixedRows ? [] : await db.CatalogAsync(Form.Scheme, Year, ct);
        for (var i = 0; i < Input.Rows.Count; i++)
        {
            var code = Input.Rows[i].Code;
            if (code is not null && !Input.Rows[i].Remove && catalog.Count > 0 && catalog.All(c => c.Code != code))
                ModelState.AddModelError($"Input.Rows[{i}].Name", $"科目编码“{code}”不在 {Year} 年的分类目录中。");
        }
        var table = Form.Read(Input, (field, message) => ModelState.AddModelError(field, message));
        if (!ModelState.IsValid || table is null) return Page();

        var stored = _disclosure.Tables.FirstOrDefault(t => t.Kind == table.Kind);
        if (stored is not null) db.Entry(stored).Property<uint>("xmin").OriginalValue = Input.Token;
        try
        {
            if (stored is not null && Input.Token == 0) throw new DbUpdateConcurrencyException("created meanwhile");
            _disclosure.SetTable(table);
            audit.Record(AuditAction.Save, id, $"保存表{Number} {Form.Schema.Title}");
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }
        catch (DbUpdateException e) when (e.IsConcurrentSave())
        {
            return await ConflictAsync(id, ct);
        }
        TempData["Message"] = $"表{Number}已保存。";
        return Redirect($"/workspace/disclosures/{id}/tables/{number}");
    }

    /// <summary>Someone saved this table after the form was shown: keep the officer's input, show theirs, refuse.</summary>
    private async Task<IActionResult> ConflictAsync(int id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var current = await reader.LoadAsync(id, ct);
        var kind = Form.Schema.Kind;
        Theirs = PrintedTable.Build(current!.Table(kind), Year, current.DepartmentName);
        var token = await db.BudgetTables.Where(t => t.DisclosureId == id && t.Kind == kind)
            .Select(t => EF.Property<uint>(t, "xmin")).FirstOrDefaultAsync(ct);
        ModelState.Remove("Input.Token");
        Input.Token = token;
        ModelState.AddModelError(string.Empty,
            $"保存未成功：表{Number}在您打开之后已被他人修改并保存。下面是对方保存的内容和您填写的内容；请核对后再次保存（将以您的内容为准），或重新打开此页放弃您的修改。");
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, int number, CancellationToken ct)
    {
        if (number is < 1 or > 11) return NotFound();
        var disclosure = await db.WithTablesAsync(id, ct);
        if (disclosure is null) return NotFound();
        if (await access.RefusalToEditAsync(disclosure, ct) is { } refused) return StatusCode(refused);
        _disclosure = disclosure;
        Id = id;
        Number = number;
        Year = disclosure.FiscalYear;
        Version = disclosure.Version;
        DepartmentName = disclosure.DepartmentName;
        Editable = disclosure.IsEditable;
        Form = new TableForm(disclosure.Schema((TableKind)number));
        return null;
    }

    private async Task FindingsAsync(CancellationToken ct)
    {
        var complete = await reader.LoadAsync(Id, ct);
        Findings = ConsistencyChecks.Run(complete!).Failures.Where(f => ConcernsTable(f.Location, Number)).ToList();
    }

    /// <summary>A finding's location names its table first: 表1 …, not 表10.</summary>
    public static bool ConcernsTable(string location, int number)
    {
        var prefix = $"表{number}";
        return location.StartsWith(prefix, StringComparison.Ordinal) &&
               (location.Length == prefix.Length || !char.IsAsciiDigit(location[prefix.Length]));
    }

    /// <summary>The findings that name a row (its code or its label).</summary>
    public IEnumerable<CheckResult> FindingsFor(RowInput row)
    {
        var label = row.Kind == RowKind.Fixed ? Form.Label(row) : null;
        return Findings.Where(f =>
            (row.Code is { } code && f.Location.Split(' ', '：').Contains(code)) ||
            (label is not null && f.Location.Contains(label, StringComparison.Ordinal)) ||
            (row.Kind == RowKind.Total && f.Location == $"表{Number}"));
    }

    private RowKind KindOf(string code) => Form.Schema.KindOfCode(code) ?? RowKind.Item;
}
