namespace BudgetPortal.Domain.Disclosures;

/// <summary>A budget unit (部门) that publishes disclosures. The code is stable and used in URLs.</summary>
public sealed class Department
{
    private Department() { Code = ""; Name = ""; }

    public Department(string code, string name)
    {
        if (!IsValidCode(code))
            throw new DomainException($"部门代码“{code}”无效：只能使用小写字母、数字和连字符，长度 2–32。");
        if (string.IsNullOrWhiteSpace(name))
            throw new DomainException("部门名称不能为空。");
        Code = code;
        Name = name.Trim();
    }

    public int Id { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }

    public static bool IsValidCode(string? code) =>
        code is { Length: >= 2 and <= 32 } && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
