using System.ComponentModel.DataAnnotations;
using BudgetPortal.Data;
using BudgetPortal.Domain;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BudgetPortal.Web.Pages.Workspace;

/// <summary>The closing lines: the department's name as signed and the date.</summary>
public sealed class SignOffModel(BudgetDbContext db, DisclosureAccess access, AuditTrail audit) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    public Disclosure Disclosure { get; private set; } = null!;

    public sealed class InputModel
    {
        public uint Token { get; set; }

        [Required(ErrorMessage = "请填写落款单位。")]
        [StringLength(200, ErrorMessage = "落款单位不超过 200 个字。")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "请填写日期。")]
        public DateOnly? Date { get; set; }

        /// <summary>The date line as printed; empty for the standard form (2025 年 1 月 20 日).</summary>
        [StringLength(100)]
        public string? Text { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
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
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "保存未成功：此公开内容在您打开之后已被他人修改。请重新打开此页核对后再保存。");
            return Page();
        }
        TempData["Message"] = "落款与日期已保存。";
        return Redirect($"/workspace/disclosures/{id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var disclosure = await db.Disclosures.Include(d => d.Department).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (disclosure is null) return NotFound();
        if (await access.RefusalToEditAsync(disclosure, ct) is { } refused) return StatusCode(refused);
        Disclosure = disclosure;
        return null;
    }
}
