using System.Globalization;
using System.Text.RegularExpressions;
using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Domain.Performance;
using BudgetPortal.Domain.Tables;
using BudgetPortal.Web.Disclosures;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>
/// A performance-target sheet: number 0 is 部门整体绩效目标表, 1 … n the 项目支出绩效目标表 of the
/// projects (one per 表7 project, and one more may be started). Indicator rows are added, edited and
/// removed; 指标值 must read as operator + number + unit or a qualitative value; weights are numbers.
/// </summary>
public sealed partial class SheetModel(BudgetDbContext db, DraftEditor editor, DisclosureReader reader) : DraftFormModel<PerformanceSheet>(editor)
{
    [BindProperty] public SheetInput Input { get; set; } = new();

    public int Number { get; private set; }
    public bool IsDepartment => Number == 0;
    public string Title => IsDepartment ? "部门整体绩效目标表" : "项目支出绩效目标表";
    /// <summary>The sheets that can be opened: 0 and 1 … this.</summary>
    public int ProjectSheetCount { get; private set; }
    public IReadOnlyList<string> ProjectNames { get; private set; } = [];

    public sealed class SheetInput
    {
        public uint Token { get; set; }
        /// <summary>部门名称 or 项目名称.</summary>
        public string? Name { get; set; }
        /// <summary>预算单位 (project sheet).</summary>
        public string? Unit { get; set; }
        /// <summary>部门联系人 or 项目负责人.</summary>
        public string? Contact { get; set; }
        public string? Phone { get; set; }
        public string? Goal { get; set; }
        public string? FundsSuperior { get; set; }
        public string? FundsLocal { get; set; }
        public string? FundsTotal { get; set; }
        public string? FundsFiscal { get; set; }
        public string? FundsOther { get; set; }
        public List<IndicatorInput> Indicators { get; set; } = [];
    }

    /// <summary>An indicator row as typed: each field of <see cref="Columns"/> by its key (level1, weight …), like the tables' Cells[key].</summary>
    public sealed class IndicatorInput
    {
        public Dictionary<string, string?> Fields { get; set; } = [];
        public bool Remove { get; set; }

        public string? this[string key] => Fields.GetValueOrDefault(key);

        public static IndicatorInput Levels(string? level1, string? level2) => new() { Fields = { ["level1"] = level1, ["level2"] = level2 } };
    }

    public SheetKind Kind => IsDepartment ? SheetKind.Department : SheetKind.Project;

    /// <summary>The sheet's indicator columns, in printed order (the fields are data: IndicatorField).</summary>
    public IReadOnlyList<IndicatorField> Columns => IndicatorField.On(Kind);

    /// <summary>The form name of a row's field: <c>Input.Indicators[0].Fields[level3]</c>.</summary>
    public static string FieldName(int row, IndicatorField field) => $"Input.Indicators[{row}].Fields[{field.Key}]";

    public async Task<IActionResult> OnGetAsync(int id, int number, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct, reading: true) is { } denied) return denied;
        var sheet = Stored();
        Input = sheet is null ? Blank() : ToInput(sheet);
        Input.Token = Disclosure.RowVersion;
        await FindingsAsync(ct);
        return Page();
    }

    /// <summary>Adds an empty indicator row to the form; nothing is stored until 保存.</summary>
    public async Task<IActionResult> OnPostAddIndicatorAsync(int id, int number, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct) is { } denied) return denied;
        ModelState.Clear();
        var last = Input.Indicators.LastOrDefault();
        Input.Indicators.Add(IndicatorInput.Levels(last?["level1"], last?["level2"]));
        Unsaved = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int number, CancellationToken ct)
    {
        if (await LoadAsync(id, number, ct) is { } denied) return denied;
        Unsaved = true;
        if (!DraftEditor.IsEditable(Disclosure, ModelState)) return Page();
        var sheet = Read();
        if (!ModelState.IsValid || sheet is null) return Page();

        var sheets = Disclosure.PerformanceSheets.ToList();
        var department = sheets.Where(s => s.Kind == SheetKind.Department).ToList();
        var projects = sheets.Where(s => s.Kind == SheetKind.Project).ToList();
        if (IsDepartment) department = [sheet];
        else if (Number <= projects.Count) projects[Number - 1] = sheet;
        else projects.Add(sheet);

        // The department sheet first, then the projects' (their printed order).
        if (!await SaveAsync(Input.Token, new DraftChange($"保存{Title}{(IsDepartment ? "" : $"（{sheet.Name}）")}", Title),
                d => d.SetPerformanceSheets(department.Concat(projects)), StoredIn, t => Input.Token = t, ct))
            return Page();
        TempData["Message"] = $"{Title}已保存。";
        return Redirect($"/workspace/disclosures/{id}/sheets/{number}");
    }

    private PerformanceSheet? Stored() => StoredIn(Disclosure);

    private PerformanceSheet? StoredIn(Disclosure disclosure) => IsDepartment
        ? disclosure.DepartmentSheet
        : disclosure.ProjectSheets.Skip(Number - 1).FirstOrDefault();

    private SheetInput Blank() => IsDepartment
        ? new SheetInput { Name = Disclosure.DepartmentName, FundsSuperior = "0.00", FundsLocal = "", FundsOther = "0.00", Indicators = Offered() }
        : new SheetInput
        {
            Name = Number <= ProjectNames.Count ? ProjectNames[Number - 1] : "", Unit = Disclosure.DepartmentName,
            FundsTotal = "", FundsFiscal = "", FundsOther = "0.00", Indicators = Offered(),
        };

    /// <summary>A new sheet offers one row of each 一级指标 (rows left without a 三级指标 are not stored), so most sheets need no 添加指标.</summary>
    private static List<IndicatorInput> Offered() =>
    [
        IndicatorInput.Levels("产出指标", "数量指标"), IndicatorInput.Levels("产出指标", "质量指标"),
        IndicatorInput.Levels("产出指标", "时效指标"), IndicatorInput.Levels("效益指标", "社会效益指标"),
        IndicatorInput.Levels("满意度指标", "服务对象满意度指标"),
    ];

    private static string? Typed(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private SheetInput ToInput(PerformanceSheet s) => new()
    {
        Name = s.Name, Unit = s.Unit, Contact = s.Contact, Phone = s.Phone, Goal = s.Goal,
        FundsSuperior = Typed(s.FundsSuperior), FundsLocal = Typed(s.FundsLocal), FundsTotal = Typed(s.FundsTotal),
        FundsFiscal = Typed(s.FundsFiscal), FundsOther = Typed(s.FundsOther),
        Indicators = s.Indicators.Select(i => new IndicatorInput
        {
            Fields = Columns.ToDictionary(f => f.Key, f => f.IsText ? f.Text(i) : Typed(f.Number(i))),
        }).ToList(),
    };

    /// <summary>The sheet as typed, or null with a message on each bad field.</summary>
    private PerformanceSheet? Read()
    {
        string? T(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        decimal? Amount(string field, string label, string? text, bool required)
        {
            if (required && string.IsNullOrWhiteSpace(text)) { ModelState.AddModelError($"Input.{field}", $"请填写{label}（万元，可填 0）。"); return null; }
            if (TableForm.TryParseAmount(text, false, out var a, out var message)) return a ?? (required ? 0m : null);
            ModelState.AddModelError($"Input.{field}", $"{label}：{message}");
            return null;
        }
        var name = T(Input.Name);
        if (name is null) ModelState.AddModelError("Input.Name", IsDepartment ? "请填写部门名称。" : "请填写项目名称。");
        else if (name.Length > 300) ModelState.AddModelError("Input.Name", "名称不超过 300 个字。");
        if (T(Input.Goal) is null) ModelState.AddModelError("Input.Goal", IsDepartment ? "请填写年度绩效目标。" : "请填写项目总体目标。");
        if (T(Input.Phone) is { } phone && !PhonePattern().IsMatch(phone))
            ModelState.AddModelError("Input.Phone", $"联系电话“{phone}”无效：只能包含数字和“-”，如 13999365062 或 0994-2345678。");
        if (T(Input.Contact) is { Length: > 100 }) ModelState.AddModelError("Input.Contact", "联系人不超过 100 个字。");

        var superior = IsDepartment ? Amount(nameof(SheetInput.FundsSuperior), "上级安排", Input.FundsSuperior, true) : null;
        var local = IsDepartment ? Amount(nameof(SheetInput.FundsLocal), "本级安排", Input.FundsLocal, true) : null;
        var total = IsDepartment ? null : Amount(nameof(SheetInput.FundsTotal), "年度预算总额", Input.FundsTotal, true);
        var fiscal = IsDepartment ? null : Amount(nameof(SheetInput.FundsFiscal), "财政拨款", Input.FundsFiscal, true);
        var other = Amount(nameof(SheetInput.FundsOther), "其他资金", Input.FundsOther, true);

        var indicators = new List<Indicator>();
        for (var i = 0; i < Input.Indicators.Count; i++)
        {
            var row = Input.Indicators[i];
            if (row.Remove) continue;
            // A row added (or offered with its 一级/二级指标) and left blank.
            if (Columns.Where(f => f.Key is not ("level1" or "level2")).All(f => string.IsNullOrWhiteSpace(row[f.Key]))) continue;
            var indicator = new Indicator("", "", "", "");
            foreach (var field in Columns)
            {
                var text = T(row[field.Key]);
                if (text is null && (field.IsRequired || !field.IsText))
                    ModelState.AddModelError(FieldName(i, field), field.Key switch
                    {
                        "value" => "请填写指标值，如“＞=130 批次”“=100%”或“保障”。",
                        "weight" => "请填写分值权重（数字，如 10）。",
                        _ => $"请填写{field.Label}。",
                    });
                else if (field.Key == "value" && ValueProblem(text!) is { } problem) ModelState.AddModelError(FieldName(i, field), problem);
                else if (field.IsText) field.SetText(indicator, text);
                else if (Weight(text!) is { } weight) field.SetNumber(indicator, weight);
                else ModelState.AddModelError(FieldName(i, field), $"分值权重“{text}”无效：请填写 0 到 100 之间的数字，如 10。");
            }
            if (ModelState.IsValid) indicators.Add(indicator);
        }
        if (!ModelState.IsValid) return null;
        return new PerformanceSheet(Kind, Disclosure.FiscalYear, name!, indicators)
        {
            Unit = IsDepartment ? null : T(Input.Unit), Contact = T(Input.Contact), Phone = IsDepartment ? T(Input.Phone) : null, Goal = T(Input.Goal),
            FundsSuperior = superior, FundsLocal = local, FundsTotal = total, FundsFiscal = fiscal, FundsOther = other,
        };
    }

    /// <summary>A 分值权重 as typed (full-width digits too), or null if it is not a number from 0 to 100.</summary>
    private static decimal? Weight(string typed) =>
        decimal.TryParse(typed.Normalize(System.Text.NormalizationForm.FormKC), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var w) && w <= 100 ? w : null;

    /// <summary>
    /// What is wrong with a 指标值, or null: an operator must be followed by a number (with its unit)
    /// or a date (＜=2024年6月30日); a qualitative value (保障, 提高) has no operator.
    /// </summary>
    public static string? ValueProblem(string printed)
    {
        var parsed = IndicatorValue.Parse(printed);
        if (parsed.Operator != Comparison.None && parsed.Number is null && !parsed.Unit.Contains('年'))
            return $"指标值“{printed}”有比较符号但没有数值：请写成“＞=130 批次”“=100%”这样的符号 + 数字 + 单位，或不带符号的定性值如“保障”。";
        if (parsed.Number is null && parsed.Unit.Any(char.IsAsciiDigit) && !parsed.Unit.Contains('年'))
            return $"指标值“{printed}”读不出数值：数字应写在单位之前，如“＞=130 批次”。";
        return null;
    }

    [GeneratedRegex(@"^[0-9][0-9\- ]{5,19}$")]
    private static partial Regex PhonePattern();

    private async Task FindingsAsync(CancellationToken ct)
    {
        // The loaded disclosure is the stored state unless this request changed it.
        var complete = db.ChangeTracker.HasChanges() ? (await reader.LoadAsync(Disclosure.Id, ct))! : Disclosure;
        Findings = ConsistencyChecks.Run(complete).Failures
            .Where(f => f.Location.Contains(IsDepartment ? "整体" : "项目支出绩效目标表", StringComparison.Ordinal) || (f.Rule is "W1" or "W2" && !f.Location.Contains("整体", StringComparison.Ordinal) || f.Rule is "K3" or "K4") && !IsDepartment || f.Rule is "K1" or "K2" && IsDepartment)
            .ToList();
    }

    /// <summary>Reviewers read the sheet (reading); only the department's officers and administrators change it.</summary>
    private async Task<IActionResult?> LoadAsync(int id, int number, CancellationToken ct, bool reading = false)
    {
        if (await OpenAsync(id, reading, ct) is { } denied) return denied;
        var disclosure = Disclosure;
        ProjectNames = disclosure.Table(TableKind.GeneralBudgetProjects).OfKind(RowKind.Project).Select(r => r.Project ?? r.Name ?? "").ToList();
        ProjectSheetCount = Math.Max(ProjectNames.Count, disclosure.ProjectSheets.Count());
        // One sheet more than there are may be started (a project not in 表7, such as a non-fiscal one).
        if (number < 0 || number > ProjectSheetCount + 1) return NotFound();
        Number = number;
        return null;
    }
}
