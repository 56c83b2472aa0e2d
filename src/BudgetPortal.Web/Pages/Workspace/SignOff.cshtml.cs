using System.ComponentModel.DataAnnotations;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>The closing lines: the department's name as signed and the date.</summary>
public sealed class SignOffModel(DraftEditor editor, BudgetPortal.Web.Disclosures.DisclosureReader reader) : DraftFormModel<SignOff>(editor)
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public uint Token { get; set; }

        [Required(ErrorMessage = "请填写落款单位。")]
        [StringLength(TextLimits.SignOffName, ErrorMessage = "落款单位最多 {1} 个字，请删减后保存。")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "请填写日期。")]
        public DateOnly? Date { get; set; }

        /// <summary>The date line as printed; empty for the standard form (2025 年 1 月 20 日).</summary>
        [StringLength(TextLimits.SignOffText, ErrorMessage = "日期行最多 {1} 个字，请删减后保存。")]
        public string? Text { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, reading: true) is { } denied) return denied;
        var s = Disclosure.SignOff;
        Input = new InputModel
        {
            Token = Disclosure.RowVersion, Name = string.IsNullOrEmpty(s.Name) ? Disclosure.Department.Name : s.Name,
            Date = s.Date == default ? null : s.Date, Text = s.Text,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        DraftEditor.IsEditable(Disclosure, ModelState);
        if (!ModelState.IsValid) return Page();
        var date = Input.Date!.Value;
        var signOff = new SignOff
        {
            Name = Input.Name.Trim(), Date = date,
            Text = string.IsNullOrWhiteSpace(Input.Text) ? SignOff.FormatDate(date) : Input.Text.Trim(),
        };
        var functional = await reader.FunctionalCatalogAsync(Disclosure.FiscalYear, ct);
        if (!await SaveAsync(Input.Token, new DraftChange("保存落款与日期", "落款与日期"), d => d.SetSignOff(signOff, functional), d => d.SignOff, t => Input.Token = t, ct))
            return Page();
        TempData["Message"] = "落款与日期已保存。";
        return Redirect($"/workspace/disclosures/{id}");
    }

    /// <summary>Reviewers read the form (reading); only the department's officers and administrators change it.</summary>
    /// <remarks>With its tables and notes: the drafted notes name the department and follow a new sign-off name.</remarks>
    private Task<IActionResult?> LoadAsync(int id, CancellationToken ct, bool reading = false) => OpenAsync(id, reading, ct);
}
