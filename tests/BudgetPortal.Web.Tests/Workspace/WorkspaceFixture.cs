using BudgetPortal.Data.Accounts;
using BudgetPortal.Domain.Disclosures;
using BudgetPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetPortal.Web.Tests.Workspace;

/// <summary>
/// The portal with a known first administrator password (its DataProtection keys in its own database), and
/// helpers that create people the way an administrator would (UserManager of the running app).
/// </summary>
public class WorkspaceFixture : PortalFixture
{
    public const string AdminPassword = "Erst-Passwort#2026";
    public const string Password = "Kennwort-2026!ok";

    public WorkspaceFixture() : this([]) { }

    /// <summary>The workspace with some settings of its own; they come last, so they win.</summary>
    protected WorkspaceFixture(params (string Key, string Value)[] settings)
        : base([("Admin:InitialPassword", AdminPassword), ("Accounts:MaxFailedLogins", "3"), .. settings])
    {
    }

    public FormSession NewSession() => new(BaseAddress);

    /// <summary>A person with a role and, for officers, departments (by code); password <see cref="Password"/>.</summary>
    public async Task CreateUserAsync(string userName, string role, params string[] departmentCodes)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var db = scope.ServiceProvider.GetRequiredService<BudgetPortal.Data.BudgetDbContext>();
        var user = new PortalUser { UserName = userName, DisplayName = "测试" + userName, LockoutEnabled = true };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        foreach (var code in departmentCodes)
        {
            var department = await db.Departments.SingleAsync(d => d.Code == code);
            db.UserDepartments.Add(new UserDepartment { UserId = user.Id, DepartmentId = department.Id });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A department without any disclosure (the seeds' departments all have theirs).</summary>
    public async Task<int> CreateDepartmentAsync(string code, string name)
    {
        await using var db = NewDbContext();
        var department = new Department(code, name);
        db.Departments.Add(department);
        await db.SaveChangesAsync();
        return department.Id;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<int>>> _drafts = new();

    /// <summary>
    /// A department outside the seeds (by code) with an empty draft of the year that its officer started
    /// through the form, and whatever else a test class needs first (<paramref name="alsoFirst"/>: more
    /// people, more departments) — made once per fixture, by whichever test of the class runs first.
    /// </summary>
    public Task<int> EmptyDraftAsync(string code, string name, int year, string officer, Func<Task>? alsoFirst = null) =>
        _drafts.GetOrAdd(code, _ => new Lazy<Task<int>>(async () =>
        {
            await CreateDepartmentAsync(code, name);
            await CreateUserAsync(officer, PortalRoles.Officer, code);
            if (alsoFirst is not null) await alsoFirst();
            using var session = await LoginAsync(officer);
            return await WorkspaceSteps.NewDisclosureAsync(session, name, year, fromPrevious: false);
        })).Value;

    public async Task<FormSession> LoginAsync(string userName, string password = Password)
    {
        var session = NewSession();
        var response = await session.LoginAsync(userName, password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }
}

[CollectionDefinition(Name)]
public sealed class WorkspaceCollection : ICollectionFixture<WorkspaceFixture>
{
    public const string Name = "workspace";
}
