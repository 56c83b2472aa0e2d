using BudgetPortal.Data;
using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Audit;
using BudgetPortal.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BudgetPortal.Web.Pages.Account;

/// <summary>
/// 退出 is a POST with the antiforgery token (a GET link could sign people out from elsewhere). It
/// renews the person's security stamp, so the cookie — and any copy of it — is refused from the next
/// request on (the stamp is checked within seconds, Accounts:SecurityStampValidationSeconds); the
/// person's sessions in other browsers end with it.
/// </summary>
public sealed class LogoutModel(SignInManager<PortalUser> signIn, AuditTrail audit, BudgetDbContext db) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            audit.Record(AuditAction.Logout, null, "退出");
            await db.SaveChangesAsync();
            if (await signIn.UserManager.GetUserAsync(User) is { } user)
                await signIn.UserManager.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
