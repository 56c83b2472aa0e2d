namespace BudgetPortal.Domain.Classification;

/// <summary>How the two schemes are named on pages (功能分类, 经济分类) and in addresses (functional, economic).</summary>
public static class ClassificationSchemes
{
    public static readonly IReadOnlyList<ClassificationScheme> All = [ClassificationScheme.Functional, ClassificationScheme.Economic];

    public static string Label(this ClassificationScheme scheme) =>
        scheme == ClassificationScheme.Economic ? "经济分类" : "功能分类";

    /// <summary>The full name of the ministry's catalog.</summary>
    public static string Title(this ClassificationScheme scheme) =>
        scheme == ClassificationScheme.Economic ? "部门预算支出经济分类科目" : "支出功能分类科目";

    public static string Slug(this ClassificationScheme scheme) =>
        scheme == ClassificationScheme.Economic ? "economic" : "functional";

    public static ClassificationScheme? FromSlug(string? slug) => slug?.ToLowerInvariant() switch
    {
        "functional" => ClassificationScheme.Functional,
        "economic" => ClassificationScheme.Economic,
        _ => null,
    };

    /// <summary>类, 款 or 项 by the code's length.</summary>
    public static string LevelName(int level) => level switch { 1 => "类", 2 => "款", 3 => "项", _ => "" };

    /// <summary>Whether a compact code has a length the scheme allows (经济分类 has no 项).</summary>
    public static bool Allows(this ClassificationScheme scheme, string code) =>
        code.All(char.IsAsciiDigit) && (code.Length is 3 or 5 || code.Length == 7 && scheme == ClassificationScheme.Functional);

    /// <summary>What a well-formed code looks like in the scheme, for messages.</summary>
    public static string CodeShape(this ClassificationScheme scheme) =>
        scheme == ClassificationScheme.Economic ? "3 位（类）或 5 位（款）数字" : "3 位（类）、5 位（款）或 7 位（项）数字";
}
