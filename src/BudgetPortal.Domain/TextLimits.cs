namespace BudgetPortal.Domain;

/// <summary>
/// The longest text each stored field may hold, stated once: the EF configurations size their
/// columns from these constants, and the domain refuses a longer text (or one holding NUL, which
/// PostgreSQL cannot store) with a Chinese message naming the field and its place, so no write path
/// ends in a database error. Changing a value here needs a migration.
/// </summary>
public static class TextLimits
{
    public const int RowKey = 64;
    public const int RowName = 300;
    public const int RowProject = 300;
    public const int ProjectLeader = 100;
    public const int ColumnKey = 32;
    public const int EmptyText = 500;

    public const int SheetName = 300;
    public const int SheetUnit = 300;
    public const int SheetContact = 100;
    public const int SheetPhone = 40;

    public const int NoteKey = 8;
    public const int NoteHeading = 300;
    public const int NoteLineKey = 32;
    public const int NoteLineLabel = 300;
    public const int NoteFigureKey = 48;

    public const int SignOffName = 200;
    public const int SignOffText = 100;
    public const int CorrectionReason = 2000;
    public const int ReviewComment = 2000;
    public const int SourceDocument = 300;
    public const int UnitWord = 16;

    /// <summary>Identity's user name column (and the audit log's copy of it).</summary>
    public const int UserName = 256;
    public const int DisplayName = 100;
    public const int AuditDetail = 2000;
    public const int CheckLocation = 300;

    /// <summary>
    /// The text if it fits; else a <see cref="DomainException"/> saying what (<paramref name="what"/>,
    /// e.g. “表7 第 3 行 项目名称”), the limit and the length found. NUL is refused everywhere: no
    /// field of a disclosure needs it and the database refuses it.
    /// </summary>
    public static string? Check(string? text, int max, string what)
    {
        if (text is null) return null;
        if (text.Contains('\0'))
            throw new DomainException($"{what}含有不允许的空字符（\\0），请删除后重试。");
        if (text.Length > max)
            throw new DomainException($"{what}最多 {max} 个字，现有 {text.Length} 个：“{Preview(text)}”。");
        return text;
    }

    /// <summary>NUL refused in a text that has no length limit (paragraphs, indicator texts).</summary>
    public static string? CheckNul(string? text, string what) => Check(text, int.MaxValue, what);

    /// <summary>The start of a long text, enough for the person to find it.</summary>
    public static string Preview(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
