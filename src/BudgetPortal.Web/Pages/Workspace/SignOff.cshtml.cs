using System.ComponentModel.DataAnnotations;
using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Accounts;
using BudgetPortal.Web.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>The closing lines: the department's name as signed and the date.</summary>
public sealed class SignOffModel(BudgetDbContext db, DisclosureAccess access, AuditTrail audit) : PageModel
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
        if (!Disclosure.IsEditable) ModelState.AddModelError(string.Empty, "此版本已提交审核或已发布，不能修改。");
        if (!ModelState.IsValid) return Page();
        db.Entry(Disclosure).Property(d => d.RowVersion).OriginalValue = Input.Token;
        try
        {
            var date = Input.Date!.Value;
            Disclosure.SetSignOff(new SignOff
            {
                Name = Input.Name.Trim(), Date = date,
                Text = string.IsNullOrWhiteSpace(Input.Text) ? SignOff.FormatDate(date) : Input.Text.Trim(),
            });
            audit.Record(AuditAction.Save, id, "保存落款与日期");
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, e.Message);
            return Page();
        }
        catch (DbUpdateException e) when (e.IsConcurrentSave())
        {
            // As the other forms do: show what is stored now beside what was typed, and take the new
            // row version, so that saving again keeps this person's values knowingly.
            db.ChangeTracker.Clear();
            var current = await db.Disclosures.AsNoTracking().SingleAsync(d => d.Id == id, ct);
            Theirs = current.SignOff;
            ModelState.Remove("Input.Token");
            Input.Token = current.RowVersion;
            ModelState.AddModelError(string.Empty,
                "保存未成功：此公开内容在您打开之后已被他人修改并保存。下面是现在保存的落款与日期和您填写的内容；请核对后再次保存（将以您的内容为准），或重新打开此页放弃您的修改。");
            return Page();
        }
        TempData["Message"] = "落款与日期已保存。";
        return Redirect($"/workspace/disclosures/{id}");
    }

    /// <summary>Reviewers read the form (reading); only the department's officers and administrators change it.</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct, bool reading = false)
    {
        // With its tables and notes: the drafted notes name the department and follow a new sign-off name.
        var disclosure = await db.CompleteAsync(id, ct);
        if (disclosure is null) return NotFound();
        var open = await access.OpenFormAsync(disclosure, reading, ct);
        if (open.Refusal is { } refused) return StatusCode(refused);
        Editable = open.Editable;
        Disclosure = disclosure;
        return null;
    }
}
