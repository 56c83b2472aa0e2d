using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Classification;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Classification;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BudgetPortal.Web.Pages.Workspace;

public sealed class TableModel(BudgetDbContext db, DraftEditor editor, DisclosureReader reader) : DraftFormModel<PrintedTable>(editor)
{
    [BindProperty] public TableInput Input { get; set; } = new();

    public int Id { get; private set; }
    public int Number { get; private set; }
    public string DepartmentName { get; private set; } = "";
    public int Year { get; private set; }
    public int Version { get; private set; }
    public TableForm Form { get; private set; } = null!;
    /// <summary>Last year's published figures of each row, shown beside the fields for reference.</summary>
    public PriorFigures Prior { get; private set; } = PriorFigures.None;

    public async Task<IActionResult> OnGetAsync(int id, int number, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct, reading: true) is { } denied) return denied;
        var table = Disclosure.Tables.FirstOrDefault(t => t.Kind == Form.Schema.Kind);
        Input = Form.ToInput(Disclosure.Table(Form.Schema.Kind), Disclosure.DepartmentName, await FunctionalCatalogAsync(ct));
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
            // Several codes at once: 2011350, 2011399 (or one per line); each is added or explained.
            var catalog = await db.ClassificationCatalogAsync(Form.Scheme, Year, ct);
            var typed = Input.AddCode.Split([',', '，', '、', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (typed.Length > MaxCodesAtOnce)
                ModelState.AddModelError("Input.AddCode", $"一次最多添加 {MaxCodesAtOnce} 个科目。");
            var added = new List<string>();
            var problems = new List<string>();
            foreach (var text in typed.Take(MaxCodesAtOnce))
                if (AddCode(catalog, text, project) is { } problem) problems.Add(problem); else added.Add(_lastAdded!);
            if (problems.Count > 0) ModelState.AddModelError("Input.AddCode", string.Join(" ", problems));
            if (added.Count > 0) Added = string.Join(" ", added);
            if (problems.Count > 0 && added.Count > 0) Input.AddCode = string.Join("，", typed.Where(t => problems.Any(p => p.Contains(t, StringComparison.Ordinal))));
        }
        else ModelState.AddModelError("Input.AddCode", "请输入要添加的科目编码或名称。");
        if (ModelState.IsValid) { Input.AddCode = null; Input.AddProject = null; }
        Unsaved = true;
        return Page();
    }

    private const int MaxCodesAtOnce = 50;

    /// <summary>The name the officer already gave a code outside the catalog in another table of this disclosure.</summary>
    private string? NamedElsewhere(string code) =>
        Disclosure.Tables.Where(t => t.Kind != Form.Schema.Kind && TableSchemas.For(t.Kind, Year).CodeScheme == Form.Scheme)
            .SelectMany(t => t.Rows).FirstOrDefault(r => r.Code == code && !string.IsNullOrWhiteSpace(r.Name))?.Name;
    private string? _lastAdded;

    /// <summary>Adds one typed code (with its missing 类 and 款) to the form; the problem in Chinese when it cannot.</summary>
    private string? AddCode(ClassificationCatalog catalog, string text, string? project)
    {
        var found = catalog.Resolve(text, out var problem);
        if (found is null) return problem;
        var printed = ClassificationCode.Printed(found.Code);
        if (Form.Schema.Layout == TableLayout.Projects && !string.IsNullOrEmpty(project) && found.Level != 3)
            return $"{printed}：项目支出表的项目须挂在“项”级科目（7 位编码）下。";
        if (Form.Schema.Layout == TableLayout.Projects && string.IsNullOrEmpty(project) && found.Level == 3)
        {
            ModelState.AddModelError("Input.AddProject", "“项”级科目下请填写项目名称。");
            return $"{printed}：请同时填写项目名称。";
        }
        if (Form.Schema.Layout != TableLayout.Projects && Form.Schema.KindOfCode(found.Code) is null)
            return $"表{Number}没有 {printed} 这一级的科目行。";
        var isProject = Form.Schema.Layout == TableLayout.Projects && found.Level == 3;
        if (!isProject && Input.Rows.Any(r => r.Code == found.Code && r.Kind != RowKind.Project))
            return $"科目 {printed} {found.Name} 已在表中。";
        // The missing 类 and 款 above the new row come with it.
        foreach (var ancestor in new[] { found.Code[..3], found.Code.Length > 5 ? found.Code[..5] : null }
                     .Where(a => a is not null && a != found.Code && Input.Rows.All(r => r.Code != a || r.Kind == RowKind.Project)))
            TableForm.InsertCoded(Input.Rows, new RowInput { Kind = KindOf(ancestor!), Code = ancestor, Name = catalog.NameOf(ancestor!) ?? NamedElsewhere(ancestor!) });
        TableForm.InsertCoded(Input.Rows, new RowInput
            { Kind = isProject ? RowKind.Project : KindOf(found.Code), Code = found.Code, Name = found.Name ?? NamedElsewhere(found.Code), Project = isProject ? project : null });
        _lastAdded = found.Status switch
        {
            CatalogStatus.PreviousYear => $"已添加 {printed} {found.Name}（此科目只在上一年度的分类目录中，请核对）。",
            CatalogStatus.NotInCatalog when NamedElsewhere(found.Code) is { } name => $"已添加 {printed} {name}（此编码不在 {Year} 年的分类目录中，名称取自本公开的其他表）。",
            CatalogStatus.NotInCatalog => $"已添加 {printed}（此编码不在 {Year} 年的分类目录中，请在“名称”栏按文件填写科目名称）。",
            _ => $"已添加 {printed} {found.Name}。",
        };
        return null;
    }

    /// <summary>款/类/总计 from the leaves, shown for checking; stored only by 保存.</summary>
    public async Task<IActionResult> OnPostFillAsync(int id, int number, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct) is { } denied) return denied;
        ModelState.Clear();
        Form.Fill(Input);
        Unsaved = true;
        return Page();
    }

    /// <summary>保存 (and, with next, open that table after saving).</summary>
    public async Task<IActionResult> OnPostAsync(int id, int number, [FromQuery] int? next, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct) is { } denied) return denied;
        if (!DraftEditor.AreTablesEditable(Disclosure, ModelState)) return Page();
        Unsaved = true;
        if (Form.CodeColumns)
        {
            // A code outside the catalog is accepted with the name as typed (and reported by a warning check).
            var catalog = await db.ClassificationCatalogAsync(Form.Scheme, Year, ct);
            for (var i = 0; i < Input.Rows.Count; i++)
            {
                var row = Input.Rows[i];
                if (row.Remove || row.Code is null || !string.IsNullOrWhiteSpace(row.Name)) continue;
                if ((catalog.NameOf(row.Code) ?? NamedElsewhere(row.Code)) is { } name) row.Name = name;
                else ModelState.AddModelError($"Input.Rows[{i}].Name", $"科目 {ClassificationCode.Printed(row.Code)} 不在分类目录中，请填写科目名称。");
            }
        }
        // 类、款 and 总计 left blank are the sums of their parts (typed sums are kept and checked).
        Form.Fill(Input, onlyBlank: true);
        var table = Form.Read(Input, (field, message) => ModelState.AddModelError(field, message));
        if (!ModelState.IsValid || table is null) return Page();

        // Someone saved this table after the form was shown: keep the officer's input, show theirs, refuse.
        var functional = await FunctionalCatalogAsync(ct);
        var change = new DraftChange($"保存表{Number} {Form.Schema.Title}", $"表{Number}") { Table = table.Kind, Changed = $"表{Number}", Shown = "对方保存的内容" };
        // The notes drafted again name a 类 by the year's catalog, whichever table is saved.
        var categories = await reader.FunctionalCatalogAsync(Year, ct);
        if (!await SaveAsync(Input.Token, change, d => d.SetTable(table, categories),
                current => PrintedTable.Build(current.Table(table.Kind), Year, current.DepartmentName, functional), t => Input.Token = t, ct))
            return Page();
        TempData["Message"] = $"表{Number}已保存。";
        return Redirect($"/workspace/disclosures/{id}/tables/{(next is >= 1 and <= 11 ? next : number)}");
    }

    /// <summary>
    /// Loads the disclosure and the person's right: reviewers (and officers of a submitted or published
    /// version) read the form; only the department's officers and administrators change it.
    /// </summary>
    private async Task<IActionResult?> LoadAsync(int id, int number, CancellationToken ct, bool reading = false)
    {
        if (number is < 1 or > 11) return NotFound();
        if (await OpenAsync(id, reading, ct, tables: true) is { } denied) return denied;
        var disclosure = Disclosure;
        Id = id;
        Number = number;
        Year = disclosure.FiscalYear;
        Version = disclosure.Version;
        DepartmentName = disclosure.DepartmentName;
        Form = new TableForm(disclosure.Schema((TableKind)number));
        Prior = await PriorFigures.LoadAsync(db, disclosure.DepartmentId, Year - 1, Form.Schema.Kind, ct);
        return null;
    }

    private Task<ClassificationCatalog?> FunctionalCatalogAsync(CancellationToken ct) => reader.FunctionalCatalogAsync(Form.Schema, Year, ct);

    private async Task FindingsAsync(CancellationToken ct)
    {
        // The loaded copy is the stored state unless this request changed it (a refused save).
        var complete = db.ChangeTracker.HasChanges() ? await reader.LoadAsync(Id, ct) : Disclosure;
        // With the year's catalogs: a code outside them is shown at its row (M1/M2), never refused.
        Findings = ConsistencyChecks.Run(complete!, await db.YearCatalogsAsync(Year, ct)).Failures.Where(f => ConcernsTable(f.Location, Number)).ToList();
    }

    /// <summary>A finding's location names its table first: 表1 …, not 表10.</summary>
    public static bool ConcernsTable(string location, int number)
    {
        var prefix = $"表{number}";
        return location.StartsWith(prefix, StringComparison.Ordinal) &&
               (location.Length == prefix.Length || !char.IsAsciiDigit(location[prefix.Length]));
    }

    /// <summary>What the add-row step did, shown beside the box.</summary>
    public string? Added { get; private set; }

    /// <summary>The findings that name a row (its code or its label), errors first.</summary>
    public IEnumerable<CheckResult> FindingsFor(RowInput row)
    {
        var label = row.Kind == RowKind.Fixed ? Form.Label(row) : null;
        return Findings.Where(f =>
            (row.Code is { } code && row.Kind != RowKind.Department && NamesCode(f.Location, code)) ||
            (label is not null && f.Location.Contains(label, StringComparison.Ordinal)) ||
            (row.Kind == RowKind.Total && (f.Location == $"表{Number}" || f.Location.StartsWith($"表{Number} 总计", StringComparison.Ordinal))))
            .OrderBy(f => f.Severity);
    }

    /// <summary>The column a finding names (by its header, the longest that matches), or null for the row as a whole.</summary>
    public string? ColumnOf(CheckResult finding) =>
        Form.Schema.Columns.Where(c => finding.Location.EndsWith(" " + c.Header, StringComparison.Ordinal))
            .OrderByDescending(c => c.Header.Length).Select(c => c.Key).FirstOrDefault()
        ?? (Form.Schema.Columns.FirstOrDefault(c => c.Key == "total") is { } total ? total.Key : null);

    /// <summary>"201 01" names 款 20101 and not its 项 2010101 or its 类 201.</summary>
    private static bool NamesCode(string location, string code) =>
        System.Text.RegularExpressions.Regex.IsMatch(location, $@"(^|[\s/：]){System.Text.RegularExpressions.Regex.Escape(ClassificationCode.Printed(code))}(?!\s\d{{2}}(\s|$))(\s|$|：)");

    /// <summary>The id of a cell's input, for links from the list of findings.</summary>
    public static string CellId(int row, string column) => $"cell-{row}-{column}";

    private RowKind KindOf(string code) => Form.Schema.KindOfCode(code) ?? RowKind.Item;
}
