using System.Security.Claims;
using System.Security.Cryptography;
using BudgetPortal.Data;
using BudgetPortal.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BudgetPortal.Web.Accounts;

/// <summary>Authorization policies used by the folder conventions in Program.cs.</summary>
public static class PortalPolicies
{
    public const string Administrator = "administrator";
}

/// <summary>Claims beyond Identity's own: the display name and the must-change-password flag.</summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    public const string DisplayName = "display_name";
    public const string MustChangePassword = "must_change_password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        if (user.MustChangePassword) identity.AddClaim(new Claim(MustChangePassword, "true"));
        return identity;
    }
}

/// <summary>Someone signed in with a password another person chose may do nothing before changing it.</summary>
public sealed class MustChangePasswordGate(RequestDelegate next)
{
    public const string ChangePasswordPath = "/account/change-password";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(PortalClaimsFactory.MustChangePassword, "true")
            && !path.StartsWithSegments(ChangePasswordPath, StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/account/logout", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/js") && !path.StartsWithSegments("/errors"))
        {
            context.Response.Redirect(ChangePasswordPath);
            return Task.CompletedTask;
        }
        return next(context);
    }
}

/// <summary>
/// The roles, and on the first start the administrator: its one-time password comes from
/// Admin:InitialPassword or is generated and written to Admin:PasswordFile (mode 600, never the log);
/// it must be changed at first login.
/// </summary>
public static class AccountBootstrap
{
    public static async Task EnsureAdministratorAsync(this IServiceProvider services, IConfiguration config)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var log = scope.ServiceProvider.GetRequiredService<ILogger<PortalUser>>();
        foreach (var role in PortalRoles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)));

        if ((await users.GetUsersInRoleAsync(PortalRoles.Administrator)).Count > 0) return;
        var userName = config["Admin:UserName"] ?? "admin";
        var configured = config["Admin:InitialPassword"];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var admin = new PortalUser { UserName = userName, DisplayName = "系统管理员", MustChangePassword = true, LockoutEnabled = true };
        Check(await users.CreateAsync(admin, password));
        Check(await users.AddToRoleAsync(admin, PortalRoles.Administrator));
        var db = scope.ServiceProvider.GetRequiredService<BudgetDbContext>();
        db.AuditLog.Add(new Domain.Audit.AuditEntry(DateTimeOffset.UtcNow, "system", Domain.Audit.AuditAction.UserCreated, null,
            $"首次启动创建管理员 {userName}"));
        await db.SaveChangesAsync();
        if (string.IsNullOrEmpty(configured))
        {
            // Never in the log (a log file is read by more people than the administrator): in a file only its owner reads.
            var file = PasswordFile(config, scope.ServiceProvider.GetRequiredService<IHostEnvironment>());
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.Delete(file);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var writer = new StreamWriter(file, System.Text.Encoding.UTF8, options))
                await writer.WriteLineAsync(password);
            log.LogWarning("First start: created administrator {UserName}; its one-time password is in {File} (readable only by its owner; change it at first login)", userName, file);
        }
        else
            log.LogWarning("First start: created administrator {UserName} with the password from Admin:InitialPassword (change it at first login)", userName);
    }

    /// <summary>Where the generated one-time password is written: Admin:PasswordFile, else beside the content root.</summary>
    public static string PasswordFile(IConfiguration config, IHostEnvironment env) =>
        Path.GetFullPath(config["Admin:PasswordFile"] is { Length: > 0 } configured ? configured : Path.Combine(env.ContentRootPath, "admin-one-time-password"));

    /// <summary>16 characters with every class the password rules ask for.</summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", symbols = "!@#$%^&*-_=+";
        const string all = upper + lower + digits + symbols;
        var chars = new[] { Pick(upper), Pick(lower), Pick(digits), Pick(symbols) }
            .Concat(Enumerable.Range(0, 12).Select(_ => Pick(all))).ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
        static char Pick(string s) => s[RandomNumberGenerator.GetInt32(s.Length)];
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("账户初始化失败：" + string.Join("；", result.Errors.Select(e => e.Description)));
    }
}

/// <summary>Identity's messages in Chinese, saying what to fix.</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少 {length} 位。" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "密码须包含数字。" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "密码须包含小写字母。" };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "密码须包含大写字母。" };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "密码须包含符号（如 !@#$%）。" };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少包含 {uniqueChars} 个不同字符。" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "当前密码不正确。" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用。" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效：只能使用字母、数字和 -._@。" };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"邮箱“{email}”已被使用。" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "该用户已被他人修改，请刷新后重试。" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作未能完成。" };
}
