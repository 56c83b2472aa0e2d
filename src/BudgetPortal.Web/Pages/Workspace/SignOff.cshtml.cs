using System.ComponentModel.DataAnnotations;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>The closing lines: the department's name as signed and the date.</summary>
public sealed class SignOffModel(DraftEditor editor) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public Disclosure Disclosure { get; private set; } = null!;
    /// <summary>The person may change this version (an officer of the department or an administrator, while a draft).</summary>
    public bool Editable { get; private set; }
    /// <summary>After a concurrent save: the sign-off as the other person saved it, shown above the form.</summary>
    public SignOff? Theirs { get; private set; }

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
        var saved = await editor.SaveAsync(Disclosure, Input.Token, new DraftChange("保存落款与日期", "落款与日期"), d => d.SetSignOff(signOff), ModelState, ct);
        if (saved.Theirs is { } current) (Theirs, Input.Token) = (current.SignOff, saved.Token);
        if (!saved.Stored) return Page();
        TempData["Message"] = "落款与日期已保存。";
        return Redirect($"/workspace/disclosures/{id}");
    }

    /// <summary>Reviewers read the form (reading); only the department's officers and administrators change it.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct, bool reading = false)
    {
        // With its tables and notes: the drafted notes name the department and follow a new sign-off name.
        var form = await editor.OpenAsync(id, reading, ct);
        if (form.Refusal is { } refused) return StatusCode(refused);
        (Disclosure, Editable) = (form.Disclosure!, form.Editable);
        return null;
    }
}
