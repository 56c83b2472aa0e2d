using System.ComponentModel.DataAnnotations;
using BudgetPortal.Data;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Account;

/// <summary>
/// Signing in. Every failure — unknown name, wrong password, locked account — gets the same page,
/// status and message, after the same work (one password hash), so the answer does not tell which
/// names exist. Attempts over the per-address or per-account limit are refused before anything else
/// (<see cref="LoginThrottle"/>): 429 with Retry-After, no hash, no audit line.
/// </summary>
public sealed class LoginModel(SignInManager<PortalUser> signIn, AuditTrail audit, BudgetDbContext db, LoginThrottle throttle,
    DummyPasswordHash dummy, ILogger<LoginModel> log) : PageModel
{
    /// <summary>The one answer to every failed login.</summary>
    public const string Failed = "用户名或密码错误，或账户已暂时锁定。请检查后重试；多次失败请稍后再试或联系系统管理员。";

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
        var userName = Input.UserName?.Trim() ?? "";
        if (throttle.Refusal(HttpContext.Connection.RemoteIpAddress, userName) is { } retryAfter)
        {
            log.LogWarning("Login attempt refused by the throttle from {Address}", HttpContext.Connection.RemoteIpAddress);
            Response.Headers.RetryAfter = LoginThrottle.RetryAfterHeader(retryAfter);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, $"登录尝试过于频繁，请稍后再试（约 {retryAfter} 秒后）。");
            return Page();
        }
        if (!ModelState.IsValid) return Page();

        var user = await signIn.UserManager.FindByNameAsync(userName);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
        {
            // Identity answers these without hashing: hash anyway, so they take as long as a wrong password.
            dummy.Verify(Input.Password);
            result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.IsNotAllowed) dummy.Verify(Input.Password);
        }
        if (result.Succeeded)
        {
            audit.Record(AuditAction.Login, null, "登录成功", userName);
            await db.SaveChangesAsync();
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/workspace");
        }
        // The audit log says what happened; the person at the form is told only that it failed.
        audit.Record(AuditAction.LoginFailed, null, user is null ? "用户名不存在" : result.IsLockedOut ? "账户已锁定" : "密码错误", userName);
        await db.SaveChangesAsync();
        ModelState.AddModelError(string.Empty, Failed);
        return Page();
    }
}
