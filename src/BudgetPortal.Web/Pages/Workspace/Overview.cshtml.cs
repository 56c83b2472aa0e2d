using System.ComponentModel.DataAnnotations;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Checks;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Disclosures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using BudgetPortal.Web.Workspace;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>第一部分 部门概况: functions, internal units and staff; the two structure sentences are composed from the figures.</summary>
public sealed class OverviewModel(DraftEditor editor, DisclosureReader reader) : DraftFormModel<Overview>(editor)
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<string> Preview { get; private set; } = [];

    public sealed class InputModel
    {
        public uint Token { get; set; }

        /// <summary>一、主要职能: one paragraph per line.</summary>
        [Required(ErrorMessage = "请填写主要职能。")]
        public string Functions { get; set; } = "";

        /// <summary>内设机构, one per line.</summary>
        public string? InternalUnits { get; set; }

        [Required(ErrorMessage = "请填写内设机构的称谓，如“科室”或“处室”。")]
        [StringLength(8, ErrorMessage = "称谓不超过 8 个字，如“科室”。")]
        public string UnitWord { get; set; } = "科室";

        [Range(0, 1000, ErrorMessage = "下属预算单位数应为 0 到 1000 之间的整数。")]
        public int SubordinateUnits { get; set; }

        [Range(0, 100000, ErrorMessage = "编制数应为不小于 0 的整数。")] public int Authorized { get; set; }
        [Range(0, 100000, ErrorMessage = "实有人数应为不小于 0 的整数。")] public int Actual { get; set; }
        [Range(0, 100000, ErrorMessage = "在职人数应为不小于 0 的整数。")] public int Active { get; set; }
        [Range(-100000, 100000, ErrorMessage = "在职人数增减应为整数（减少填负数）。")] public int ActiveChange { get; set; }
        [Range(0, 100000, ErrorMessage = "退休人数应为不小于 0 的整数。")] public int Retired { get; set; }
        [Range(-100000, 100000, ErrorMessage = "退休人数增减应为整数（减少填负数）。")] public int RetiredChange { get; set; }
        [Range(0, 100000, ErrorMessage = "离休人数应为不小于 0 的整数。")] public int Honorary { get; set; }
        [Range(-100000, 100000, ErrorMessage = "离休人数增减应为整数（减少填负数）。")] public int HonoraryChange { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, reading: true) is { } denied) return denied;
        var o = Disclosure.Overview;
        Input = new InputModel
        {
            Token = Disclosure.RowVersion, Functions = string.Join("\n", o.Functions), InternalUnits = string.Join("\n", o.InternalUnits),
            UnitWord = string.IsNullOrEmpty(o.UnitWord) ? "科室" : o.UnitWord, SubordinateUnits = o.SubordinateUnits,
            Authorized = o.Staff.Authorized, Actual = o.Staff.Actual, Active = o.Staff.Active, ActiveChange = o.Staff.ActiveChange,
            Retired = o.Staff.Retired, RetiredChange = o.Staff.RetiredChange, Honorary = o.Staff.Honorary, HonoraryChange = o.Staff.HonoraryChange,
        };
        Preview = StructureSentences.Compose(Disclosure.DepartmentName, Read());
        await FindingsAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        DraftEditor.IsEditable(Disclosure, ModelState);
        // Model binding reports a non-number in its own words: say it in ours, on the field.
        foreach (var entry in ModelState.Values.Where(v => v.Errors.Any(x => x.Exception is not null || x.ErrorMessage.Contains("valid", StringComparison.OrdinalIgnoreCase))).ToList())
        {
            entry.Errors.Clear();
            entry.Errors.Add($"“{entry.AttemptedValue}”不是整数，请填写数字（减少填负数）。");
        }
        if (ModelState.IsValid && Input.Active + Input.Retired + Input.Honorary != Input.Actual)
            ModelState.AddModelError("Input.Actual", $"实有人数应等于在职、退休、离休人数之和（{Input.Active + Input.Retired + Input.Honorary}）。");
        var overview = Read();
        Preview = StructureSentences.Compose(Disclosure.DepartmentName, overview);
        if (!ModelState.IsValid) return Page();

        if (!await SaveAsync(Input.Token, new DraftChange("保存部门概况", "部门概况"), d => d.SetOverview(overview), d => d.Overview, t => Input.Token = t, ct))
            return Page();
        TempData["Message"] = "部门概况已保存。";
        return Redirect($"/workspace/disclosures/{id}/overview");
    }

    private static List<string> Lines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private Overview Read()
    {
        var overview = new Overview
        {
            Functions = Lines(Input.Functions), InternalUnits = Lines(Input.InternalUnits), UnitWord = (Input.UnitWord ?? "").Trim(),
            SubordinateUnits = Input.SubordinateUnits,
            Staff = new StaffFigures
            {
                Authorized = Input.Authorized, Actual = Input.Actual, Active = Input.Active, ActiveChange = Input.ActiveChange,
                Retired = Input.Retired, RetiredChange = Input.RetiredChange, Honorary = Input.Honorary, HonoraryChange = Input.HonoraryChange,
            },
        };
        overview.StructureText = StructureSentences.Compose(Disclosure.DepartmentName, overview);
        return overview;
    }

    private async Task FindingsAsync(int id, CancellationToken ct)
    {
        var complete = await reader.LoadAsync(id, ct);
        Findings = ConsistencyChecks.Run(complete!).Failures.Where(f => f.Rule == "L1").ToList();
    }

    /// <summary>Reviewers read the form (reading); only the department's officers and administrators change it.</summary>
    private Task<IActionResult?> LoadAsync(int id, CancellationToken ct, bool reading = false) => OpenAsync(id, reading, ct, complete: false);
}
