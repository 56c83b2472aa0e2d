using System.ComponentModel.DataAnnotations;
using BudgetPortal.Data;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Account;

public sealed class LoginModel(SignInManager<PortalUser> signIn, AuditTrail audit, BudgetDbContext db) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "请输入用户名。")]
        [Display(Name = "用户名")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "请输入密码。")]
        [DataType(DataType.Password)]
        [Display(Name = "密码")]
        public string Password { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            audit.Record(AuditAction.Login, null, "登录成功", Input.UserName.Trim());
            await db.SaveChangesAsync();
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/workspace");
        }
        audit.Record(AuditAction.LoginFailed, null, result.IsLockedOut ? "账户已锁定" : "用户名或密码错误", Input.UserName.Trim());
        await db.SaveChangesAsync();
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "登录失败次数过多，账户已暂时锁定，请稍后再试或联系系统管理员。"
            : "用户名或密码错误。");
        return Page();
    }
}
