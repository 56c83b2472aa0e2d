namespace BudgetPortal.Domain;

/// <summary>What a field of a record holds: a text, an amount in 万元, a percentage, or a score (分值).</summary>
public enum FieldKind
{
    Text,
    Amount,
    Percent,
    Score,
}

/// <summary>
/// One field of a small record kept as data, like a table's columns (a note line's fields, a performance
/// indicator's): its key (the name in the file form, docs/disclosure-format.md, and in the forms), its
/// Chinese name, its kind and, for a text, the longest it may be. The file form (Documents/RecordJson),
/// the forms, the API's schema, the aggregate's limits and the record's copy read a record's list of
/// fields; the record keeps one typed property per field for the code that reads it by name and for the
/// database's columns.
/// </summary>
public abstract class RecordField<T>
{
    private readonly Func<T, string?>? _text;
    private readonly Action<T, string?>? _setText;
    private readonly Func<T, decimal?>? _number;
    private readonly Action<T, decimal?>? _setNumber;

    /// <summary>A text field; <paramref name="required"/>: never null (the record holds "" at least).</summary>
    protected RecordField(string key, string label, int limit, Func<T, string?> get, Action<T, string?> set, string? hint, bool required)
    {
        (Key, Label, Kind, Limit, Hint, IsRequired) = (key, label, FieldKind.Text, limit, hint, required);
        (_text, _setText) = (get, set);
    }

    protected RecordField(string key, string label, FieldKind kind, Func<T, decimal?> get, Action<T, decimal?> set)
    {
        (Key, Label, Kind) = (key, label, kind);
        (_number, _setNumber) = (get, set);
    }

    /// <summary>The name in the file form and the forms (camelCase): <c>amount</c>, <c>policyBasis</c>, <c>level3</c>.</summary>
    public string Key { get; }

    /// <summary>The Chinese name, as messages and the forms say it: 主要原因, 三级指标.</summary>
    public string Label { get; }

    public FieldKind Kind { get; }

    /// <summary>The longest text (characters; <see cref="int.MaxValue"/>: no limit but NUL); 0 for a number.</summary>
    public int Limit { get; }

    /// <summary>What a blank field means, shown beside it in the form (留空为本部门).</summary>
    public string? Hint { get; }

    /// <summary>A text the record always holds (never null: the file form refuses null for it).</summary>
    public bool IsRequired { get; }

    public bool IsText => Kind == FieldKind.Text;

    public string? Text(T record) => _text is null ? throw NotA("文字") : _text(record);

    public decimal? Number(T record) => _number is null ? throw NotA("数值") : _number(record);

    public void SetText(T record, string? value) => (_setText ?? throw NotA("文字"))(record, value);

    public void SetNumber(T record, decimal? value) => (_setNumber ?? throw NotA("数值"))(record, value);

    /// <summary>Whether the record holds a value in this field.</summary>
    public bool HasValue(T record) => IsText ? Text(record) is not null : Number(record) is not null;

    /// <summary>This field's value of <paramref name="from"/> written into <paramref name="to"/>.</summary>
    public void Copy(T from, T to)
    {
        if (IsText) SetText(to, Text(from));
        else SetNumber(to, Number(from));
    }

    /// <summary>Refuses a value that cannot be stored: a text too long or holding NUL, a number out of range.</summary>
    public void Check(T record, string where)
    {
        if (IsText) TextLimits.Check(Text(record), Limit, $"{where}的{Label}");
        else CheckNumber(Number(record), $"{where}的{Label}");
    }

    /// <summary>Refuses a number that cannot be stored, naming <paramref name="what"/>.</summary>
    protected abstract void CheckNumber(decimal? value, string what);

    private InvalidOperationException NotA(string kind) => new($"字段“{Key}”（{Label}）不是{kind}。");
}
