namespace BudgetPortal.Domain.Classification;

public enum ClassificationScheme
{
    /// <summary>支出功能分类科目 (类 3 digits, 款 2, 项 2).</summary>
    Functional,
    /// <summary>部门预算支出经济分类科目 (类 3 digits, 款 2).</summary>
    Economic,
}

/// <summary>A code of a yearly classification catalog, loaded from seeds/classification.</summary>
public sealed class ClassificationCode
{
    private ClassificationCode() { Code = ""; Name = ""; }

    public ClassificationCode(ClassificationScheme scheme, int year, string code, string name)
    {
        if (code.Length is not (3 or 5 or 7) || !code.All(char.IsAsciiDigit))
            throw new DomainException($"科目编码“{code}”无效：应为 3、5 或 7 位数字。");
        if (scheme == ClassificationScheme.Economic && code.Length == 7)
            throw new DomainException($"经济分类科目编码“{code}”无效：经济分类只有类、款两级。");
        Scheme = scheme;
        Year = year;
        Code = code;
        Name = name;
    }

    public int Id { get; private set; }
    public ClassificationScheme Scheme { get; private set; }
    public int Year { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }

    /// <summary>1 = 类, 2 = 款, 3 = 项.</summary>
    public int Level => LevelOf(Code);

    public string? ParentCode => Code.Length switch { 5 => Code[..3], 7 => Code[..5], _ => null };

    public static int LevelOf(string code) => code.Length switch { 3 => 1, 5 => 2, 7 => 3, _ => 0 };

    public static IReadOnlyList<string> Tokens(string? code) => code?.Length switch
    {
        3 => [code],
        5 => [code[..3], code[3..5]],
        7 => [code[..3], code[3..5], code[5..7]],
        _ => [],
    };

    /// <summary>The code as printed: 201 31 50.</summary>
    public static string Printed(string? code) => string.Join(' ', Tokens(code));

    /// <summary>Accepts 2013150, 201 31 50, 201-31-50; returns the compact code or null.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var digits = new string(input.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '.').ToArray());
        return digits.Length is 3 or 5 or 7 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}
